package dev.rootcause.rules.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.model.SourceLocation;
import dev.rootcause.model.app.Hazard;
import dev.rootcause.model.app.Hazard.Failure;
import dev.rootcause.model.app.Hazard.Failure.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The app rules word a hazard from its facts, in one wording whichever language it was read from.
 */
class AppRulesTest {
  private static final SourceLocation AT = SourceLocation.of("x", 1);

  @Test
  void theRouteLeadsTheSentenceOrARequestHandlerDoes() {
    assertThat(AppRules.onRouteSentence("GET /", "sleeps in time.sleep(3) on every request"))
        .isEqualTo("GET / sleeps in time.sleep(3) on every request");
    assertThat(AppRules.onRouteSentence(null, "sleeps in time.sleep(3) on every request"))
        .isEqualTo("a request handler sleeps in time.sleep(3) on every request");
  }

  @Test
  void sleepsReadTheSameInEveryLanguage() {
    assertThat(
            SleepInHandler.describe(
                new Hazard.Sleep(
                    "/",
                    AT,
                    "time.Sleep(2 * time.Second)",
                    "time.Sleep",
                    "2 * time.Second",
                    true,
                    false,
                    2.0,
                    2.0)))
        .isEqualTo("sleeps in time.Sleep(2 * time.Second) on every request");
    assertThat(
            SleepInHandler.describe(
                new Hazard.Sleep(
                    "/", AT, "asyncio.sleep(1)", "asyncio.sleep", "1", false, false, 1.0, 1.0)))
        .isEqualTo("sleeps in asyncio.sleep(1) on some requests");
    assertThat(
            SleepInHandler.describe(
                new Hazard.Sleep(
                    "/", AT, "setTimeout(..., 2000)", "setTimeout", "2000", true, true, 2.0, 2.0)))
        .isEqualTo("responds only after setTimeout(..., 2000)");
  }

  @Test
  void randomFailureSaysHowItFailsAndHowOften() {
    assertThat(
            RandomFailureInjection.describe(
                new Hazard.RandomFailure(
                    "GET /",
                    AT,
                    "random.choice([True, False])",
                    true,
                    new Failure(Outcome.RAISES, "Exception", null),
                    0.5,
                    null)))
        .isEqualTo(
            "raises Exception when random.choice([True, False]) is true (about 50% of requests)");
    assertThat(
            RandomFailureInjection.describe(
                new Hazard.RandomFailure(
                    "GET /",
                    AT,
                    "random.random() < FAILURE_RATE",
                    false,
                    new Failure(Outcome.ABORTS, null, 503),
                    0.1,
                    "FAILURE_RATE")))
        .isEqualTo(
            "aborts with 503 when random.random() < FAILURE_RATE (about 10% of requests, rate from FAILURE_RATE)");
    assertThat(
            RandomFailureInjection.describe(
                new Hazard.RandomFailure(
                    "/",
                    AT,
                    "rand.Intn(2) == 0",
                    false,
                    new Failure(Outcome.FAILS, null, null),
                    null,
                    null)))
        .isEqualTo("fails when rand.Intn(2) == 0");
    assertThat(
            RandomFailureInjection.describe(
                new Hazard.RandomFailure(
                    "/",
                    AT,
                    "Math.random() < 0.001",
                    false,
                    new Failure(Outcome.PASSES_ERROR, "next", 500),
                    0.001,
                    null)))
        .isEqualTo(
            "passes an error to next() (500) when Math.random() < 0.001 (about 1% of requests)");
  }

  @Test
  void retriesGrowthAndSharedState() {
    assertThat(
            RetryWithoutBackoff.describe(
                new Hazard.RetryWithoutBackoff(null, AT, null, false, false)))
        .isEqualTo("retry loop tries again immediately and forever: no delay, no attempt limit");
    assertThat(
            RetryWithoutBackoff.describe(
                new Hazard.RetryWithoutBackoff(null, AT, "requests.get", true, false)))
        .isEqualTo(
            "retry loop around requests.get(...) tries again forever, with no attempt limit");
    assertThat(
            UnboundedGrowthInHandler.describe(
                new Hazard.UnboundedGrowth("/", AT, "sessions", "sessions[token]", true)))
        .isEqualTo(
            "sessions gets a new key on every request (sessions[token] = ...) and nothing ever removes one");
    assertThat(
            UnguardedSharedState.describe(
                new Hazard.UnguardedSharedState("/", AT, "requests", null, true)))
        .isEqualTo("requests is written by concurrent requests without a lock");
    assertThat(
            UnguardedSharedState.describe(
                new Hazard.UnguardedSharedState("/", AT, "counter", 14, false)))
        .isEqualTo("counter is updated under a lock (line 14) but read here without it");
  }

  @Test
  void healthJsonAndDevServers() {
    assertThat(
            HealthEndpointFails.describe(
                new Hazard.HealthAlwaysFails("/healthz", AT, List.of(500, 503))))
        .isEqualTo("answers 500 or 503 on every call");
    assertThat(
            JsonLoadsOnFile.describe(
                new Hazard.JsonLoadsOnFile(null, AT, "json.loads(f)", "open(P)", 1)))
        .isEqualTo("json.loads(f) is given a file object (open(P)), not a string");
    assertThat(
            DevServerInProduction.describe(
                new Hazard.DevServer(AT, Hazard.DevServer.Tool.FLASK, "app.run(...)", true, true)))
        .isEqualTo("Flask's development server (app.run(...) with debug=True)");
    assertThat(
            DevServerInProduction.describe(
                new Hazard.DevServer(
                    AT, Hazard.DevServer.Tool.DJANGO, "manage.py runserver", false, false)))
        .isEqualTo("manage.py runserver (Django's development server)");
  }
}
