package dev.rootcause.model.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** One definition of a health path, read from the last segment, shared by readers and rules. */
class HealthPathsTest {

  @Test
  void theLastSegmentNamesAHealthCheckWhateverItsPrefixCaseOrTrailingSlash() {
    assertThat(HealthPaths.isHealthCheck("/healthz")).isTrue();
    assertThat(HealthPaths.isHealthCheck("/api/v1/Health")).isTrue();
    assertThat(HealthPaths.isHealthCheck("/readyz/")).isTrue();
    assertThat(HealthPaths.isHealthCheck("GET /health-check")).isTrue();
    assertThat(HealthPaths.isHealthCheck("/healthy-foods")).isFalse();
    assertThat(HealthPaths.isHealthCheck("/health/details")).isFalse();
    assertThat(HealthPaths.isHealthCheck("/")).isFalse();
  }

  @Test
  void aStatusPageIsAProbeTargetButNotAHealthCheck() {
    assertThat(HealthPaths.isHealthCheck("/status")).isFalse();
    assertThat(HealthPaths.isProbeTarget("/status")).isTrue();
    assertThat(HealthPaths.isProbeTarget("/actuator/health")).isTrue();
    assertThat(HealthPaths.isProbeTarget("/orders")).isFalse();
  }
}
