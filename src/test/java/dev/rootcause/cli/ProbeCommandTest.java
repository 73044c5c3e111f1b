package dev.rootcause.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rootcause.testing.Cli;
import dev.rootcause.testing.HttpFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rootcause probe} on servers that behave like the seed incidents. */
class ProbeCommandTest {

  @Test
  void seed000SlowRootAndFailingHealthzAreEachNamed() {
    // Seed 000: "/" sleeps 3-8 s, "/healthz" returns 500. Scaled down ten times: 300-800 ms.
    try (HttpFixture app =
        HttpFixture.start()
            .on("/", HttpFixture.slow(300, 800, 1))
            .on("/healthz", HttpFixture.status(500, "{\"status\":\"error\"}"))) {
      Cli.Run run =
          Cli.run(
              "probe",
              app.url("/"),
              app.url("/healthz"),
              "--requests",
              "6",
              "--concurrency",
              "3",
              "--slow",
              "250ms",
              "--slo",
              "p95<200ms,success>=99%");
      assertThat(run.exit()).isEqualTo(1);
      assertThat(run.out())
          .contains(
              app.url("/")
                  + "\n  verdict    slow: all 6 requests succeeded;"
                  + " responses are slow: median ");
      assertThat(run.out())
          .contains(
              app.url("/healthz")
                  + "\n  verdict    always failing: every"
                  + " request failed, 6 of 6 (100%, 95% CI 61.0%-100%): HTTP 500 x6");
      assertThat(run.out()).contains("HTTP 500: {\"status\":\"error\"}");
      assertThat(run.out())
          .contains("FAIL  p95<200ms     measured ")
          .contains("FAIL  success>=99%  measured 0% (0/6)");
      assertThat(run.out()).contains("Result: SLO violated (2 of 4 criteria failed)");
    }
  }

  @Test
  void seed003RandomFailuresAreIntermittentWithTheirRateAndInterval() {
    try (HttpFixture app = HttpFixture.start().on("/", HttpFixture.flaky(42))) {
      Cli.Run run =
          Cli.run(
              "probe",
              app.url("/"),
              "--requests",
              "20",
              "--concurrency",
              "1",
              "--slo",
              "success>=99.9%");
      java.util.Random replay = new java.util.Random(42);
      int failures = 0;
      for (int i = 0; i < 20; i++) {
        failures += replay.nextBoolean() ? 1 : 0;
      }
      var interval = dev.rootcause.model.stats.Proportion.wilson(failures, 20);
      String expected =
          "intermittent: some but not all requests failed: "
              + failures
              + " of 20 ("
              + dev.rootcause.model.probe.Diagnosis.interval(interval)
              + "): HTTP 500 x"
              + failures;
      assertThat(run.exit()).isEqualTo(1);
      assertThat(run.out()).contains(expected);
      // The failing body is kept, with the secret in it masked.
      assertThat(run.out())
          .contains("Random Failure: Simulated production bug")
          .contains("password=<redacted>")
          .doesNotContain("hunter2");
    }
  }

  @Test
  void seed004BrokenReleaseFailsEveryRequestAndExitsOne() {
    try (HttpFixture app = HttpFixture.start().on("/", HttpFixture.brokenRelease())) {
      Cli.Run run = Cli.run("probe", app.url("/"), "--requests", "20", "--slo", "success>=99.9%");
      assertThat(run.exit()).isEqualTo(1);
      assertThat(run.out())
          .contains(
              "always failing: every request failed, 20 of 20 (100%, 95% CI"
                  + " 83.9%-100%): HTTP 500 x20");
      assertThat(run.out()).contains("TypeError: the JSON object must be str");
    }
  }

  @Test
  void healthyServiceMeetsItsSloAndExitsZero() {
    try (HttpFixture app = HttpFixture.start().on("/", HttpFixture.ok("ok"))) {
      Cli.Run run =
          Cli.run(
              "probe",
              app.url("/"),
              "--requests",
              "200",
              "--concurrency",
              "4",
              "--slo",
              "p99<2s,success=100%");
      assertThat(run.exit()).isEqualTo(0);
      assertThat(run.out())
          .contains("verdict    healthy: all 200 requests succeeded")
          .contains("PASS  success=100%  measured 100% (200/200)")
          .contains("Result: SLO met (2 criteria passed)");
      assertThat(run.err()).isEmpty();
    }
  }

  @Test
  void refusedAndUnresolvableTargetsAreReportedNotCrashed() {
    String refused = "http://127.0.0.1:" + HttpFixture.closedPort() + "/";
    Cli.Run run = Cli.run("probe", refused, "http://no-such-host.invalid:8080/", "--requests", "3");
    // Nothing answered: that is not a pass, with or without --slo.
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out())
        .contains("unreachable: no request got an HTTP response: connection" + " refused x3");
    assertThat(run.out())
        .contains("unreachable: no request got an HTTP response: DNS lookup failed" + " x3");
    assertThat(run.out()).contains("DNS lookup failed (unknown host no-such-host.invalid)");
  }

  @Test
  void unboundedLoadIsRefusedWithExitTwo() {
    Cli.Run run = Cli.run("probe", "http://127.0.0.1:1/");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err())
        .contains("refusing to send unbounded load: give --requests N or" + " --duration D");
  }

  @Test
  void absurdValuesAreRefused() {
    assertThat(Cli.run("probe", "http://127.0.0.1:1/", "--requests", "1000000000").err())
        .contains("--requests 1000000000: must be between 1 and 100,000,000");
    assertThat(Cli.run("probe", "http://127.0.0.1:1/", "-d", "3h").err())
        .contains("--duration 3h: must be more than 0 and at most 1h");
    assertThat(
            Cli.run("probe", "http://127.0.0.1:1/", "--requests", "5", "--concurrency", "50000")
                .exit())
        .isEqualTo(2);
    assertThat(Cli.run("probe", "http://127.0.0.1:1/", "-d", "5s", "--rate", "1e9").exit())
        .isEqualTo(2);
  }

  @Test
  void aBadSloTermIsNamedWithExitTwo() {
    Cli.Run run =
        Cli.run("probe", "http://127.0.0.1:1/", "--requests", "1", "--slo", "p95<2s,p99<5x");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("--slo: 'p99<5x': '5x' needs a time unit");
  }

  @Test
  void jsonHasEveryNumberAndTheDiagnosis(@TempDir Path dir) throws Exception {
    try (HttpFixture app = HttpFixture.start().on("/", HttpFixture.flaky(7))) {
      Path out = dir.resolve("probe.json");
      Cli.Run run =
          Cli.run(
              "probe",
              app.url("/"),
              "--requests",
              "40",
              "--concurrency",
              "1",
              "-f",
              "json",
              "-o",
              out.toString(),
              "-H",
              "Authorization: Bearer sekrit-token",
              "--slo",
              "success>=50%");
      assertThat(run.exit()).isIn(0, 1);
      String text = Files.readString(out);
      assertThat(text).doesNotContain("sekrit-token");
      JsonNode json = new ObjectMapper().readTree(text);
      assertThat(json.get("schemaVersion").asInt()).isEqualTo(1);
      assertThat(json.get("kind").asText()).isEqualTo("probe");
      JsonNode e = json.get("endpoints").get(0);
      assertThat(e.get("requests").asLong()).isEqualTo(40);
      assertThat(e.get("statuses").get("200").asLong() + e.get("statuses").get("500").asLong())
          .isEqualTo(40);
      assertThat(e.get("latencyMicros").get("p99").asLong()).isPositive();
      assertThat(e.get("diagnosis").get("availability").asText()).isEqualTo("intermittent");
      assertThat(e.get("diagnosis").get("failureRate").get("low").asDouble()).isPositive();
      assertThat(e.get("timeline").size()).isPositive();
      assertThat(e.get("histogram").size()).isPositive();
      assertThat(json.get("criteria").get(0).get("name").asText()).isEqualTo("success>=50%");
      assertThat(json.get("plan").get("headers").findValuesAsText("value")).contains("<redacted>");
    }
  }

  @Test
  void htmlIsOneSelfContainedPageWithSvgCharts(@TempDir Path dir) throws Exception {
    try (HttpFixture app = HttpFixture.start().on("/", HttpFixture.flaky(7))) {
      Path out = dir.resolve("probe.html");
      Cli.Run run =
          Cli.run("probe", app.url("/"), "--requests", "30", "-f", "html", "-o", out.toString());
      // Seed 7 fails 19 of 30: most answers were 5xx, so the default check fails.
      assertThat(run.exit()).isEqualTo(1);
      String html = Files.readString(out);
      assertThat(html)
          .startsWith("<!DOCTYPE html>")
          .contains("<svg")
          .contains("<rect")
          .contains("<polyline")
          .doesNotContain("<script")
          .doesNotContain("src=\"http")
          .contains("intermittent");
    }
  }

  // Without --slo, probe still tells the truth (issue 9, item 4).

  @Test
  void aServiceThatAnswers5xxToEveryRequestExitsOneWithoutAnSlo() {
    try (HttpFixture app = HttpFixture.start().on("/", HttpFixture.brokenRelease())) {
      Cli.Run run = Cli.run("probe", app.url("/"), "--requests", "10");
      assertThat(run.exit()).isEqualTo(1);
      assertThat(run.out())
          .contains(
              "Check (no --slo given): each URL answered, and most answers were not server"
                  + " errors (5xx)")
          .contains("FAIL  answered, mostly not 5xx  measured 10/10 answered, 10 5xx")
          .contains("(most answers were server errors (5xx))")
          .contains("Result: FAIL (1 of 1 URL failed the check)");
    }
  }

  @Test
  void aRefusingServiceFailsTheDefaultCheckInEveryFormat(@TempDir Path dir) throws Exception {
    String refused = "http://127.0.0.1:" + HttpFixture.closedPort() + "/";
    Cli.Run run =
        Cli.run(
            "probe",
            refused,
            "--requests",
            "2",
            "-f",
            "json",
            "-o",
            dir.resolve("p.json").toString(),
            "-f",
            "markdown",
            "-o",
            dir.resolve("p.md").toString(),
            "-f",
            "html",
            "-o",
            dir.resolve("p.html").toString());
    assertThat(run.exit()).isEqualTo(1);
    JsonNode json = new ObjectMapper().readTree(Files.readString(dir.resolve("p.json")));
    assertThat(json.get("passed").asBoolean()).isFalse();
    assertThat(json.get("criteria").get(0).get("name").asText())
        .isEqualTo("answered, mostly not 5xx");
    assertThat(json.get("criteria").get(0).get("detail").asText())
        .startsWith("no request got an HTTP response: connection refused x2");
    assertThat(Files.readString(dir.resolve("p.md"))).contains("**FAIL** (no --slo given: ");
    assertThat(Files.readString(dir.resolve("p.html")))
        .contains("<h2>Check (no --slo given)</h2>")
        .contains("verdict fail");
  }

  @Test
  void aHealthyServicePassesTheDefaultCheck() {
    try (HttpFixture app = HttpFixture.start().on("/", HttpFixture.ok("ok"))) {
      Cli.Run run = Cli.run("probe", app.url("/"), "--requests", "20", "--concurrency", "2");
      assertThat(run.exit()).isZero();
      assertThat(run.out())
          .contains("PASS  answered, mostly not 5xx  measured 20/20 answered, 0 5xx")
          .contains("Result: PASS");
    }
  }

  @Test
  void theDurationBoundsTheRunWhenTheServerHangs() {
    // The server never answers within the run; the request timeout is the default 30 s.
    try (HttpFixture app = HttpFixture.start().on("/", HttpFixture.hang(60_000))) {
      long start = System.nanoTime();
      Cli.Run run = Cli.run("probe", app.url("/"), "-d", "2s", "--concurrency", "2");
      double seconds = (System.nanoTime() - start) / 1e9;
      assertThat(seconds).isLessThan(6);
      assertThat(run.exit()).isEqualTo(1);
      assertThat(run.out())
          .contains(
              "unreachable, slow: no request got an HTTP response: timed out waiting for the"
                  + " response x2 (no response within ")
          .contains("ms, when the run's --duration ended)");
    }
  }

  @Test
  void aRateTheClientCannotReachIsTheClientsLimitNotAnIntermittentServer() {
    try (HttpFixture app = HttpFixture.start().on("/", HttpFixture.ok("ok"))) {
      Cli.Run run =
          Cli.run(
              "probe",
              app.url("/"),
              "--rate",
              "1000000",
              "-d",
              "1s",
              "--concurrency",
              "2",
              "--threads",
              "1");
      assertThat(run.exit()).isZero();
      assertThat(run.out())
          .contains("verdict    healthy: all ")
          .contains("; asked 1,000,000 req/s, sent ")
          .contains("raise --concurrency")
          .doesNotContain("intermittent")
          .doesNotContain("timed out");
    }
  }

  @Test
  void aSelfSignedCertificateSaysSoAndWhatToDo() {
    try (HttpFixture app = HttpFixture.startTls().on("/", HttpFixture.ok("ok"))) {
      Cli.Run run = Cli.run("probe", app.url("/"), "--requests", "2");
      assertThat(run.exit()).isEqualTo(1);
      assertThat(run.out())
          .contains(
              "unreachable: no request got an HTTP response: TLS handshake"
                  + " failed x2 (self-signed certificate: use -k/--insecure to accept it)");
      assertThat(Cli.run("probe", app.url("/"), "--requests", "2", "-k").exit()).isZero();
    }
  }

  @Test
  void aUrlWithoutASchemeSuggestsHttpInOneLine() {
    Cli.Run run = Cli.run("probe", "localhost:8080/healthz", "--requests", "1");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "rootcause: 'localhost:8080/healthz' has no scheme: did you"
                + " mean http://localhost:8080/healthz ?\n");
  }

  // Secrets stay secret in probe output (issue 9, item 5).

  @Test
  void anEchoingServerLeaksNoCookieKeyOrPasswordInAnyFormat(@TempDir Path dir) throws Exception {
    try (HttpFixture app = HttpFixture.start().on("/", HttpFixture.echoWithSecrets())) {
      Cli.Run run =
          Cli.run(
              "probe",
              app.url("/debug?token=t0k3n-q&page=2"),
              "--requests",
              "2",
              "--concurrency",
              "1",
              "-H",
              "Cookie: session=c00kie-v4lue",
              "-H",
              "Authorization: Basic dXNlcjpzM2NyM3Q=",
              "-H",
              "X-Api-Key: k3y-9917",
              "-f",
              "json",
              "-o",
              dir.resolve("p.json").toString(),
              "-f",
              "markdown",
              "-o",
              dir.resolve("p.md").toString(),
              "-f",
              "html",
              "-o",
              dir.resolve("p.html").toString(),
              "-f",
              "text",
              "--samples",
              "1");
      assertThat(run.exit()).isEqualTo(1);
      assertThat(run.err()).isEmpty();
      for (String output :
          List.of(
              run.out(),
              Files.readString(dir.resolve("p.json")),
              Files.readString(dir.resolve("p.md")),
              Files.readString(dir.resolve("p.html")))) {
        assertThat(output)
            .contains("Internal Server Error")
            .doesNotContain(
                "c00kie-v4lue",
                "dXNlcjpzM2NyM3Q=",
                "k3y-9917",
                "t0k3n-q",
                "correct horse battery",
                "escaped-hunter2",
                "sk_live_51HqLyjWDarjtT1zdp7dc",
                "ghp_16C7e42F292c6912E7710c838347Ae178B4a",
                "AKIAIOSFODNN7EXAMPLE",
                "xoxb-17653672481",
                "\u001b",
                "\u0007");
      }
      // What is not secret stays readable.
      assertThat(run.out())
          .contains("Cookie: <redacted>")
          .contains("page=2")
          .contains("Authorization: Basic <redacted>");
      // The JSON keeps the whole body (the other formats cut it at 300 characters).
      assertThat(Files.readString(dir.resolve("p.json")))
          .contains("\\\"tokens\\\": 3")
          .contains("STRIPE=<redacted> GITHUB=<redacted> AWS=<redacted> SLACK=<redacted>");
    }
  }

  @Test
  void aTokenInAUrlStaysOffStandardError() {
    Cli.Run run =
        Cli.run("probe", "http://:8080/callback?access_token=abc-secret-77", "--requests", "1");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err())
        .contains("has no host")
        .contains("access_token=<redacted>")
        .doesNotContain("abc-secret-77");
  }
}
