package dev.rootcause.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rootcause.testing.Cli;
import dev.rootcause.testing.HttpFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rootcause probe} on servers that behave like the seed incidents. */
class ProbeCommandTest {

  @Test
  void seed000SlowRootAndFailingHealthzAreEachNamed() {
    // Seed 000: "/" sleeps 3-8 s, "/healthz" returns 500. Scaled down ten times: 300-800 ms.
    try (HttpFixture app = HttpFixture.start().on("/", HttpFixture.slow(300, 800, 1))
        .on("/healthz", HttpFixture.status(500, "{\"status\":\"error\"}"))) {
      Cli.Run run = Cli.run("probe", app.url("/"), app.url("/healthz"), "-n", "6", "-c", "3",
          "--slow", "250ms", "--slo", "p95<200ms,success>=99%");
      assertThat(run.exit()).isEqualTo(1);
      assertThat(run.out()).contains(app.url("/") + "\n  verdict    slow: all 6 requests succeeded;"
          + " responses are slow: median ");
      assertThat(run.out()).contains(app.url("/healthz") + "\n  verdict    always failing: every"
          + " request failed, 6 of 6 (100%, 95% CI 61.0%-100%): HTTP 500 x6");
      assertThat(run.out()).contains("HTTP 500: {\"status\":\"error\"}");
      assertThat(run.out()).contains("FAIL  p95<200ms     measured ")
          .contains("FAIL  success>=99%  measured 0% (0/6)");
      assertThat(run.out()).contains("Result: SLO violated (2 of 4 criteria failed)");
    }
  }

  @Test
  void seed003RandomFailuresAreIntermittentWithTheirRateAndInterval() {
    try (HttpFixture app = HttpFixture.start().on("/", HttpFixture.flaky(42))) {
      Cli.Run run = Cli.run("probe", app.url("/"), "--requests", "20", "--concurrency", "1",
          "--slo", "success>=99.9%");
      java.util.Random replay = new java.util.Random(42);
      int failures = 0;
      for (int i = 0; i < 20; i++) {
        failures += replay.nextBoolean() ? 1 : 0;
      }
      var interval = dev.rootcause.model.stats.Proportion.wilson(failures, 20);
      String expected = "intermittent: some but not all requests failed: " + failures + " of 20 ("
          + dev.rootcause.model.probe.Diagnosis.interval(interval) + "): HTTP 500 x" + failures;
      assertThat(run.exit()).isEqualTo(1);
      assertThat(run.out()).contains(expected);
      // The failing body is kept, with the secret in it masked.
      assertThat(run.out()).contains("Random Failure: Simulated production bug")
          .contains("password=<redacted>").doesNotContain("hunter2");
    }
  }

  @Test
  void seed004BrokenReleaseFailsEveryRequestAndExitsOne() {
    try (HttpFixture app = HttpFixture.start().on("/", HttpFixture.brokenRelease())) {
      Cli.Run run = Cli.run("probe", app.url("/"), "-n", "20", "--slo", "success>=99.9%");
      assertThat(run.exit()).isEqualTo(1);
      assertThat(run.out()).contains("always failing: every request failed, 20 of 20 (100%, 95% CI"
          + " 83.9%-100%): HTTP 500 x20");
      assertThat(run.out()).contains("TypeError: the JSON object must be str");
    }
  }

  @Test
  void healthyServiceMeetsItsSloAndExitsZero() {
    try (HttpFixture app = HttpFixture.start().on("/", HttpFixture.ok("ok"))) {
      Cli.Run run = Cli.run("probe", app.url("/"), "-n", "200", "-c", "4",
          "--slo", "p99<2s,success=100%");
      assertThat(run.exit()).isEqualTo(0);
      assertThat(run.out()).contains("verdict    healthy: all 200 requests succeeded")
          .contains("PASS  success=100%  measured 100% (200/200)")
          .contains("Result: SLO met (2 criteria passed)");
      assertThat(run.err()).isEmpty();
    }
  }

  @Test
  void refusedAndUnresolvableTargetsAreReportedNotCrashed() {
    String refused = "http://127.0.0.1:" + HttpFixture.closedPort() + "/";
    Cli.Run run = Cli.run("probe", refused, "http://no-such-host.invalid:8080/", "-n", "3");
    assertThat(run.exit()).isEqualTo(0);
    assertThat(run.out()).contains("unreachable: no request got an HTTP response: connection"
        + " refused x3");
    assertThat(run.out()).contains("unreachable: no request got an HTTP response: DNS lookup failed"
        + " x3");
    assertThat(run.out()).contains("DNS lookup failed (unknown host no-such-host.invalid)");
  }

  @Test
  void unboundedLoadIsRefusedWithExitTwo() {
    Cli.Run run = Cli.run("probe", "http://127.0.0.1:1/");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("refusing to send unbounded load: give --requests N or"
        + " --duration D");
  }

  @Test
  void absurdValuesAreRefused() {
    assertThat(Cli.run("probe", "http://127.0.0.1:1/", "-n", "1000000000").err())
        .contains("--requests 1000000000: must be between 1 and 100,000,000");
    assertThat(Cli.run("probe", "http://127.0.0.1:1/", "-d", "3h").err())
        .contains("--duration 3h: must be more than 0 and at most 1h");
    assertThat(Cli.run("probe", "http://127.0.0.1:1/", "-n", "5", "-c", "50000").exit())
        .isEqualTo(2);
    assertThat(Cli.run("probe", "http://127.0.0.1:1/", "-d", "5s", "--rate", "1e9").exit())
        .isEqualTo(2);
  }

  @Test
  void aBadSloTermIsNamedWithExitTwo() {
    Cli.Run run = Cli.run("probe", "http://127.0.0.1:1/", "-n", "1", "--slo", "p95<2s,p99<5x");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("--slo: 'p99<5x': '5x' needs a time unit");
  }

  @Test
  void jsonHasEveryNumberAndTheDiagnosis(@TempDir Path dir) throws Exception {
    try (HttpFixture app = HttpFixture.start().on("/", HttpFixture.flaky(7))) {
      Path out = dir.resolve("probe.json");
      Cli.Run run = Cli.run("probe", app.url("/"), "-n", "40", "-c", "1", "-f", "json", "-o",
          out.toString(), "-H", "Authorization: Bearer sekrit-token", "--slo", "success>=50%");
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
      Cli.Run run = Cli.run("probe", app.url("/"), "-n", "30", "-f", "html", "-o", out.toString());
      assertThat(run.exit()).isZero();
      String html = Files.readString(out);
      assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg").contains("<rect")
          .contains("<polyline").doesNotContain("<script").doesNotContain("src=\"http")
          .contains("intermittent");
    }
  }
}
