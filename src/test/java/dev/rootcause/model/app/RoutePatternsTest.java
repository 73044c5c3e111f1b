package dev.rootcause.model.app;

import static dev.rootcause.model.app.RoutePatterns.matches;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.model.app.AppFacts.Language;
import org.junit.jupiter.api.Test;

/** Route patterns of each framework, matched against the path a probe requests. */
class RoutePatternsTest {

  @Test
  void literalPathsMatchLenientlyOnCaseAndTrailingSlash() {
    assertThat(matches("/healthz", "/healthz", Language.PYTHON)).isTrue();
    assertThat(matches("/healthz/", "/healthz", Language.PYTHON)).isTrue();
    assertThat(matches("/Health", "/health/", Language.JAVASCRIPT)).isTrue();
    assertThat(matches("/health", "/healthz", Language.JAVASCRIPT)).isFalse();
    assertThat(matches("/api.v1/health", "/apixv1/health", Language.PYTHON))
        .as("dots are literal")
        .isFalse();
  }

  @Test
  void parametersOfFlaskExpressFastApiAndGo() {
    assertThat(matches("/status/<name>", "/status/live", Language.PYTHON)).isTrue();
    assertThat(matches("/files/<path:p>", "/files/a/b/c", Language.PYTHON)).isTrue();
    assertThat(matches("/status/:check", "/status/live", Language.JAVASCRIPT)).isTrue();
    assertThat(matches("/status/:check?", "/status", Language.JAVASCRIPT)).isTrue();
    assertThat(matches("/status/:check", "/status/live/deep", Language.JAVASCRIPT)).isFalse();
    assertThat(matches("/items/{item_id}", "/items/7", Language.PYTHON)).isTrue();
    assertThat(matches("/api/*", "/api/ready", Language.JAVASCRIPT)).isTrue();
    assertThat(matches("GET /healthz", "/healthz", Language.GO)).isTrue();
  }

  @Test
  void goServeMuxPatternsEndingInSlashAreSubtrees() {
    assertThat(matches("/debug/", "/debug/pprof/heap", Language.GO)).isTrue();
    assertThat(matches("/debug/", "/debug/pprof/heap", Language.PYTHON)).isFalse();
  }
}
