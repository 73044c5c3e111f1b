package dev.rootcause.model.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The kinds of failure of the seeds, told apart. */
class DiagnosisTest {
  private static final Duration SLOW = Duration.ofSeconds(1);

  private static Diagnosis diagnose(EndpointResult r) {
    return Diagnosis.of(r, StatusPolicy.defaults(), SLOW);
  }

  @Test
  void seed003HalfFailingIsIntermittentWithAWilsonInterval() {
    Diagnosis d =
        diagnose(
            Results.of(
                Map.of(200, 10L, 500, 10L),
                Map.of(),
                Results.latency(3_000, 8_000, 9_000),
                Duration.ofSeconds(20)));
    assertThat(d.availability()).isEqualTo(Diagnosis.Availability.INTERMITTENT);
    assertThat(d.slow()).isFalse();
    assertThat(d.headline()).isEqualTo("intermittent");
    assertThat(d.explanation())
        .contains("10 of 20 (50%, 95% CI 29.9%-70.1%)")
        .contains("HTTP 500 x10")
        .contains("the other 10 succeeded");
  }

  @Test
  void seed004EveryRequestFailingIsAlwaysFailing() {
    Diagnosis d =
        diagnose(
            Results.of(
                Map.of(500, 20L),
                Map.of(),
                Results.latency(3_000, 8_000, 9_000),
                Duration.ofSeconds(20)));
    assertThat(d.availability()).isEqualTo(Diagnosis.Availability.ALWAYS_FAILING);
    assertThat(d.explanation())
        .contains("every request failed, 20 of 20 (100%, 95% CI 83.9%-100%)")
        .contains("HTTP 500 x20");
  }

  @Test
  void seed000SleepingRootIsSlowButAvailable() {
    Diagnosis d =
        diagnose(
            Results.of(
                Map.of(200, 20L),
                Map.of(),
                Results.latency(5_200_000, 7_800_000, 7_990_000),
                Duration.ofSeconds(60)));
    assertThat(d.availability()).isEqualTo(Diagnosis.Availability.HEALTHY);
    assertThat(d.slow()).isTrue();
    assertThat(d.headline()).isEqualTo("slow");
    assertThat(d.explanation()).contains("median 5.2s, p95 7.8s, max 7.99s");
  }

  @Test
  void nothingListeningIsUnreachable() {
    Diagnosis d =
        diagnose(
            Results.of(
                Map.of(),
                Map.of(ErrorClass.CONNECTION_REFUSED, 20L),
                LatencySummary.EMPTY,
                Duration.ofSeconds(1)));
    assertThat(d.availability()).isEqualTo(Diagnosis.Availability.UNREACHABLE);
    assertThat(d.explanation()).contains("connection refused x20");
  }

  @Test
  void mostlyTimingOutIsSlowAndFailing() {
    Diagnosis d =
        diagnose(
            Results.of(
                Map.of(200, 5L),
                Map.of(ErrorClass.TIMEOUT, 15L),
                Results.latency(900_000, 990_000, 999_000),
                Duration.ofSeconds(30)));
    assertThat(d.availability()).isEqualTo(Diagnosis.Availability.INTERMITTENT);
    assertThat(d.slow()).isTrue();
    assertThat(d.headline()).isEqualTo("intermittent, slow");
    assertThat(d.explanation()).contains("15 timed out");
  }

  @Test
  void allSucceedingFastIsHealthy() {
    Diagnosis d =
        diagnose(
            Results.of(
                Map.of(200, 20L),
                Map.of(),
                Results.latency(3_000, 8_000, 9_000),
                Duration.ofSeconds(20)));
    assertThat(d.headline()).isEqualTo("healthy");
    assertThat(d.explanation()).isEqualTo("all 20 requests succeeded");
  }
}
