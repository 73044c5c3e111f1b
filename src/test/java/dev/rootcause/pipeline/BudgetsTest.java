package dev.rootcause.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootcause.model.incident.Budget;
import dev.rootcause.model.incident.Charge;
import dev.rootcause.model.incident.Incident;
import dev.rootcause.model.incident.IncidentSeverity;
import dev.rootcause.model.incident.Slo;
import dev.rootcause.model.incident.Status;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BudgetsTest {
  private static final long NOW = Instant.parse("2025-06-12T14:30:00Z").getEpochSecond();

  @Test
  void seed004TwentyMinutesAYearAndASixMinuteOutageLeaveFourteenAndFlagThePostmortem()
      throws InputException {
    Slo sla = Budgets.slo("url-shortener", null, "20m", "1y");
    Incident outage = resolved("INC-2025-001", "url-shortener", NOW - 1800, NOW - 1440);

    Budget b = Budgets.compute(sla, List.of(outage), NOW);

    assertThat(sla.budgetSeconds()).isEqualTo(20 * 60);
    assertThat(b.consumedSeconds()).isEqualTo(6 * 60);
    assertThat(b.remainingSeconds()).isEqualTo(14 * 60);
    assertThat(b.used()).isCloseTo(0.30, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(b.breached()).isFalse();
    assertThat(b.charges())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.incidentId()).isEqualTo("INC-2025-001");
              assertThat(c.share()).isCloseTo(0.30, org.assertj.core.data.Offset.offset(1e-9));
              assertThat(c.needsPostmortem()).isTrue();
            });
    // 6 minutes in a day against a daily allowance of 20m/365: about 110 times too fast.
    assertThat(b.burnRate()).isCloseTo(109.5, org.assertj.core.data.Offset.offset(0.1));
  }

  @Test
  void aThreeMinuteOutageIsUnderTheWorkbooksTwentyPercentAndTwoOfThemBreachNothing()
      throws InputException {
    Slo sla = Budgets.slo("url-shortener", null, "20m", "1y");
    Budget b =
        Budgets.compute(
            sla,
            List.of(
                resolved("INC-2025-001", "url-shortener", NOW - 9000, NOW - 8820),
                resolved("INC-2025-002", "url-shortener", NOW - 600, NOW - 420)),
            NOW);

    assertThat(b.consumedSeconds()).isEqualTo(360);
    assertThat(b.charges()).extracting(Charge::needsPostmortem).containsExactly(false, false);
  }

  @Test
  void overspendingTheBudgetBreachesTheSla() throws InputException {
    Slo sla = Budgets.slo("url-shortener", null, "20m", "1y");
    Budget b =
        Budgets.compute(
            sla, List.of(resolved("INC-2025-003", "url-shortener", NOW - 3600, NOW - 1800)), NOW);

    assertThat(b.breached()).isTrue();
    assertThat(b.remainingSeconds()).isEqualTo(-10 * 60);
  }

  @Test
  void onlyDowntimeInsideTheWindowAndOfThisServiceIsCharged() throws InputException {
    Slo slo = Budgets.slo("checkout", "99.9%", null, "30d");
    long windowStart = NOW - 30 * 86_400L;
    Budget b =
        Budgets.compute(
            slo,
            List.of(
                resolved("INC-2025-004", "checkout", windowStart - 600, windowStart + 300),
                resolved("INC-2025-005", "checkout", windowStart - 7200, windowStart - 3600),
                resolved("INC-2025-006", "search", NOW - 600, NOW - 300)),
            NOW);

    assertThat(slo.budgetSeconds()).isEqualTo(2592); // 43m12s: 0.1% of 30 days
    assertThat(b.consumedSeconds()).isEqualTo(300);
    assertThat(b.charges()).extracting(Charge::incidentId).containsExactly("INC-2025-004");
  }

  @Test
  void anOpenIncidentChargesNothingUntilItsImpactEnds() throws InputException {
    Slo sla = Budgets.slo("url-shortener", null, "20m", "1y");
    Incident open =
        new Incident(
            "INC-2025-007",
            "still down",
            IncidentSeverity.SEV1,
            Status.INVESTIGATING,
            List.of("url-shortener"),
            NOW - 600,
            0,
            0,
            List.of(),
            List.of());

    assertThat(Budgets.compute(sla, List.of(open), NOW).consumedSeconds()).isZero();
  }

  @Test
  void badObjectivesAreRefusedWithTheOptionNamed() {
    assertThatThrownBy(() -> Budgets.slo("a", "100%", null, "30d"))
        .hasMessageContaining("--availability: '100%' is not a percentage");
    assertThatThrownBy(() -> Budgets.slo("a", null, "20x", "1y"))
        .hasMessageContaining("--allowed-downtime: '20x' is not a duration");
    assertThatThrownBy(() -> Budgets.slo("a", null, "2y", "1y"))
        .hasMessageContaining("is not shorter than --window");
    assertThatThrownBy(() -> Budgets.slo("a", "99.9%", "20m", "1y"))
        .hasMessageContaining("give one of --availability");
    assertThatThrownBy(() -> Budgets.slo("a", "99.9%", null, "0d"))
        .hasMessageContaining("--window: '0d' is zero");
  }

  private static Incident resolved(String id, String service, long from, long to) {
    return new Incident(
        id,
        "outage",
        IncidentSeverity.SEV2,
        Status.RESOLVED,
        List.of(service),
        from,
        from,
        to,
        List.of(),
        List.of());
  }
}
