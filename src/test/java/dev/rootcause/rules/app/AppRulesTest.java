package dev.rootcause.rules.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.model.SourceLocation;
import dev.rootcause.model.app.AppFacts.Hazard;
import org.junit.jupiter.api.Test;

/** Messages read as one sentence whichever extractor phrased the hazard. */
class AppRulesTest {

  private static Hazard sleep(String route, String detail) {
    return new Hazard(Hazard.Kind.SLEEP_IN_HANDLER, detail, route, SourceLocation.of("x", 1));
  }

  @Test
  void theRouteLeadsUnlessTheDetailAlreadyNamesIt() {
    assertThat(AppRules.onRouteSentence(sleep("GET /", "sleeps in time.sleep(3) on every request")))
        .isEqualTo("GET / sleeps in time.sleep(3) on every request");
    assertThat(AppRules.onRouteSentence(sleep("/healthz", "/healthz always answers 500")))
        .isEqualTo("/healthz always answers 500");
    assertThat(AppRules.onRouteSentence(sleep(null, "sleeps in time.sleep(3) on every request")))
        .isEqualTo("a request handler sleeps in time.sleep(3) on every request");
  }
}
