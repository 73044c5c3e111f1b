package dev.rootcause.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rootcause.model.incident.Budget;
import dev.rootcause.model.incident.BurnAlert;
import dev.rootcause.model.incident.Incident;
import dev.rootcause.model.incident.IncidentSeverity;
import dev.rootcause.model.incident.ProbeSample;
import dev.rootcause.model.incident.Slo;
import dev.rootcause.model.incident.Status;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The SRE workbook's burn-rate alerts and the probe-measured charges, with the arithmetic worked by
 * hand in each test's name.
 */
class BurnRatesTest {
  private static final long T0 = 1_749_736_800L; // 2025-06-12T14:00:00Z
  private static final Slo THREE_NINES = new Slo("checkout", 30 * 86_400, 2_592, "99.9% over 30d");

  /**
   * A probe run of {@code requests} every {@code step} seconds from T0, {@code bad} of each bad.
   */
  private static List<ProbeSample> runs(int count, long step, long requests, long bad) {
    List<ProbeSample> out = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      out.add(sample(T0 + k * step, requests, bad, 0, 0));
    }
    return out;
  }

  private static ProbeSample sample(long at, long requests, long bad, long slow, long bound) {
    return new ProbeSample(
        "checkout",
        null,
        at,
        10,
        "http://checkout/",
        requests,
        bad,
        slow,
        bound,
        1_000,
        2_000,
        3_000,
        4_000);
  }

  @Test
  void thirtyPercentErrorsAgainst99_9PercentBurn300xAndPageAtTheEndOfTheFirstRun() {
    List<ProbeSample> s = runs(3, 60, 100, 30);

    // 30/100 = 0.3; 0.3 / 0.001 = 300x, over 14.4 and over 6 in every window.
    assertThat(BurnRates.burn(THREE_NINES, s, T0 + 10, 300)).isCloseTo(300, within(1e-9));
    List<BurnAlert> alerts = BurnRates.replay(THREE_NINES, s);
    assertThat(alerts).extracting(BurnAlert::name).containsExactly("page", "ticket");
    assertThat(alerts).allMatch(a -> a.firedAt() == T0 + 10);
  }

  @Test
  void onePercentErrorsBurn10xSoTheTicketAt6xFiresAndThePageAt14_4xDoesNot() {
    // 2 hours of a run a minute, 1 of 100 bad: 0.01 / 0.001 = 10x in every window.
    List<BurnAlert> alerts = BurnRates.replay(THREE_NINES, runs(120, 60, 100, 1));

    BurnAlert page = alerts.get(0);
    BurnAlert ticket = alerts.get(1);
    assertThat(page.fired()).isFalse();
    assertThat(page.longBurn()).isCloseTo(10, within(1e-9));
    assertThat(ticket.fired()).isTrue();
    assertThat(ticket.firedAt()).isEqualTo(T0 + 10);
  }

  @Test
  void aShortSpikeIn6hOfCleanTrafficPagesOnlyWhenBothWindowsAreOver14_4x() {
    // 72 runs 5 minutes apart of 1,000 requests; run 40 fails 100 of them.
    List<ProbeSample> s = runs(72, 300, 1_000, 0);
    s.set(40, sample(T0 + 40 * 300, 1_000, 100, 0, 0));

    // At its end: 5m window = that run alone, 100/1000 / 0.001 = 100x;
    // 1h window = the 12 runs ending in (t-1h, t], 100/12,000 / 0.001 = 8.3x: no page.
    long t = T0 + 40 * 300 + 10;
    assertThat(BurnRates.burn(THREE_NINES, s, t, 300)).isCloseTo(100, within(1e-9));
    assertThat(BurnRates.burn(THREE_NINES, s, t, 3_600)).isCloseTo(100.0 / 12, within(1e-9));
    assertThat(BurnRates.replay(BurnRates.PAGE, THREE_NINES, s).fired()).isFalse();
    // 6h window: 41 runs so far, 100/41,000 / 0.001 = 2.4x < 6: no ticket either.
    assertThat(BurnRates.replay(BurnRates.TICKET, THREE_NINES, s).fired()).isFalse();
  }

  @Test
  void aLatencyObjectiveP95Under2sWith10Of100SlowBurns2x() throws InputException {
    Slo p95 = Budgets.slo("checkout", null, null, "p95<2s", "30d");
    assertThat(p95.target()).isEqualTo(0.95);
    assertThat(p95.latencyMicros()).isEqualTo(2_000_000);
    // 30 days * 5% = 1.5 days = 129,600 s of budget.
    assertThat(p95.budgetSeconds()).isEqualTo(129_600);

    List<ProbeSample> s = List.of(sample(T0, 100, 0, 10, 2_000_000));
    // 10/100 = 0.10 slow, allowed 0.05: 2x.
    assertThat(BurnRates.burn(p95, s, T0 + 10, 300)).isCloseTo(2, within(1e-9));
  }

  @Test
  void aSixMinuteImpactMeasuredAt50PercentBadChargesThreeMinutesOfTwenty15Percent()
      throws InputException {
    Slo sla = Budgets.slo("checkout", null, "20m", "1y");
    Incident i =
        new Incident(
            "INC-2025-001",
            "checkout 500s",
            IncidentSeverity.SEV2,
            Status.RESOLVED,
            List.of("checkout"),
            T0,
            T0,
            T0 + 360,
            List.of(),
            List.of());
    // Two runs in the impact: 20 + 20 requests, 10 + 10 bad; one after it, clean, not counted.
    List<ProbeSample> s =
        List.of(
            sample(T0 + 60, 20, 10, 0, 0),
            sample(T0 + 200, 20, 10, 0, 0),
            sample(T0 + 900, 20, 0, 0, 0));

    Budget b = Budgets.compute(sla, List.of(i), s, T0 + 3_600);

    // 360 s * 20/40 = 180 s = 3m; 3m / 20m = 15%: under the workbook's 20%.
    assertThat(b.consumedSeconds()).isEqualTo(180);
    assertThat(b.charges().get(0).share()).isCloseTo(0.15, within(1e-9));
    assertThat(b.charges().get(0).needsPostmortem()).isFalse();
    assertThat(b.charges().get(0).measuredRequests()).isEqualTo(40);
    assertThat(b.measuredRequests()).isEqualTo(60);
  }

  @Test
  void withoutRecordedProbesThereAreNoAlertsToReplay() {
    assertThat(BurnRates.replay(THREE_NINES, List.of())).isEmpty();
  }
}
