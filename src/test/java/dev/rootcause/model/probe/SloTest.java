package dev.rootcause.model.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SloTest {

  @Test
  void parsesEveryKindOfTerm() {
    Slo slo = Slo.parse("p95<2s, p99<=5s,p99.9<500ms,max<2s,success>=99.9%,errors<1%,rps>=50");
    assertThat(slo.terms())
        .extracting(SloTerm::metric)
        .containsExactly(
            SloTerm.Metric.P95,
            SloTerm.Metric.P99,
            SloTerm.Metric.P999,
            SloTerm.Metric.MAX,
            SloTerm.Metric.SUCCESS,
            SloTerm.Metric.ERRORS,
            SloTerm.Metric.RPS);
    assertThat(slo.terms().get(0).threshold()).isEqualTo(2_000_000);
    assertThat(slo.terms().get(2).threshold()).isEqualTo(500_000);
    assertThat(slo.terms().get(4).threshold()).isEqualTo(0.999);
    assertThat(slo.terms().get(6).threshold()).isEqualTo(50);
    assertThat(slo.toString())
        .isEqualTo("p95<2s,p99<=5s,p99.9<500ms,max<2s,success>=99.9%,errors<1%,rps>=50");
  }

  @Test
  void aBadTermIsNamedInTheError() {
    assertThatThrownBy(() -> Slo.parse("p95<2s,p97<1s"))
        .isInstanceOf(Slo.SyntaxException.class)
        .hasMessageContaining("'p97<1s'")
        .hasMessageContaining("unknown metric 'p97'");
    assertThatThrownBy(() -> Slo.parse("p95<2"))
        .hasMessageContaining("'p95<2'")
        .hasMessageContaining("time unit");
    assertThatThrownBy(() -> Slo.parse("success>=99.9")).hasMessageContaining("percent sign");
    assertThatThrownBy(() -> Slo.parse("p95>2s")).hasMessageContaining("bounded from above");
    assertThatThrownBy(() -> Slo.parse("success<=50%")).hasMessageContaining("bounded from below");
    assertThatThrownBy(() -> Slo.parse("success>=101%")).hasMessageContaining("cannot exceed 100%");
    assertThatThrownBy(() -> Slo.parse("p95<2s,")).hasMessageContaining("empty term");
    assertThatThrownBy(() -> Slo.parse("fast"))
        .hasMessageContaining("'fast' is not METRIC OP VALUE");
    assertThatThrownBy(() -> Slo.parse("rps<=50")).hasMessageContaining("bounded from below");
  }

  @Test
  void seed002GatePassesWhenAllTwentySucceedUnderTwoSeconds() {
    EndpointResult r =
        Results.of(
            Map.of(200, 20L),
            Map.of(),
            Results.latency(40_000, 90_000, 150_000),
            Duration.ofSeconds(20));
    assertThat(Slo.parse("success=100%,max<2s").evaluate(new ProbeResultStub(r).result()))
        .allMatch(Criterion::passed)
        .extracting(Criterion::measured)
        .containsExactly("100% (20/20)", "150ms");
  }

  @Test
  void seed002GateFailsOnOneErrorAndOnOneSlowRequest() {
    EndpointResult r =
        Results.of(
            Map.of(200, 19L, 502, 1L),
            Map.of(),
            Results.latency(40_000, 90_000, 2_500_000),
            Duration.ofSeconds(20));
    var criteria = Slo.parse("success=100%,max<2s").evaluate(new ProbeResultStub(r).result());
    assertThat(criteria).extracting(Criterion::passed).containsExactly(false, false);
    assertThat(criteria.get(0).measured()).isEqualTo("95% (19/20)");
    assertThat(criteria.get(1).measured()).isEqualTo("2.5s");
  }

  @Test
  void timeoutsFailLatencyTermsTheyReach() {
    EndpointResult r =
        Results.of(
            Map.of(200, 18L),
            Map.of(ErrorClass.TIMEOUT, 2L),
            Results.latency(40_000, 90_000, 150_000),
            Duration.ofSeconds(20));
    var criteria = Slo.parse("p50<1s,p95<1s,max<2s").evaluate(new ProbeResultStub(r).result());
    // 2 of 20 timed out: above the 95th percentile and the max, below the median.
    assertThat(criteria).extracting(Criterion::passed).containsExactly(true, false, false);
    assertThat(criteria.get(1).measured()).isEqualTo("timed out");
  }

  @Test
  void nineHundredNinetyNineOfAThousandMeetsThreeNines() {
    EndpointResult r =
        Results.of(
            Map.of(200, 999L, 500, 1L),
            Map.of(),
            Results.latency(1_000, 2_000, 3_000),
            Duration.ofSeconds(10));
    var criteria =
        Slo.parse("success>=99.9%,errors<=0.1%").evaluate(new ProbeResultStub(r).result());
    assertThat(criteria).extracting(Criterion::passed).containsExactly(true, true);
  }

  @Test
  void throughputIsRequestsOverElapsedTime() {
    EndpointResult r =
        Results.of(
            Map.of(200, 100L),
            Map.of(),
            Results.latency(1_000, 2_000, 3_000),
            Duration.ofSeconds(4));
    var criteria = Slo.parse("rps>=50").evaluate(new ProbeResultStub(r).result());
    assertThat(criteria.get(0).passed()).isFalse();
    assertThat(criteria.get(0).measured()).isEqualTo("25 req/s");
  }

  /** Wraps one endpoint result in a probe result. */
  record ProbeResultStub(EndpointResult endpoint) {
    ProbeResult result() {
      ProbePlan plan =
          new ProbePlan(
              java.util.List.of(endpoint.url()),
              "GET",
              java.util.List.of(),
              null,
              LoadModel.CLOSED,
              1,
              20,
              null,
              0,
              Duration.ofSeconds(1),
              Duration.ofSeconds(1),
              1,
              5,
              false,
              false,
              StatusPolicy.defaults());
      return new ProbeResult(
          plan, java.time.Instant.EPOCH, endpoint.elapsed(), java.util.List.of(endpoint));
    }
  }
}
