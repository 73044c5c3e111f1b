package dev.rootcause.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rootcause.testing.Cli;
import dev.rootcause.testing.HttpFixture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --incident ID} on scan, diagnose, probe and verify: the result is kept as evidence with
 * its timeline entries, an unknown id stops the command before it works, a dry run writes nothing.
 */
class IncidentOptionTest {
  @TempDir Path dir;
  private String store;
  private String id;

  @BeforeEach
  void openAnIncident() {
    store = dir.resolve("rootcause.db").toString();
    Cli.Run r =
        run(
            "incident",
            "open",
            "--title",
            "checkout returns 500",
            "--severity",
            "SEV2",
            "--service",
            "checkout",
            "--at",
            "2025-02-11T16:40:00Z");
    assertThat(r.exit()).as(r.err()).isZero();
    id = r.out().trim();
  }

  private Cli.Run run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--store");
    all.add(store);
    return Cli.run(all.toArray(String[]::new));
  }

  private JsonNode incident() throws Exception {
    return new ObjectMapper().readTree(run("incident", "show", id, "--format", "json").out());
  }

  private List<String> timeline() throws Exception {
    List<String> out = new ArrayList<>();
    incident().path("timeline").forEach(e -> out.add(e.path("text").asText()));
    return out;
  }

  @Test
  void scanAttachesItsRootCausesOnceAndSaysSoOnStandardError() throws Exception {
    Cli.Run r = run("scan", "examples/url-shortener", "--no-cache", "--incident", id);

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("app/json-loads-on-file");
    assertThat(r.err())
        .contains("rootcause: attached 3 root cause(s) and 1 timeline entry to " + id);
    JsonNode causes = incident().path("rootCauses");
    assertThat(causes).hasSize(3);
    assertThat(causes.get(0).path("path").asText()).isEqualTo("application.py");
    assertThat(causes.get(0).path("line").asInt()).isEqualTo(18);
    assertThat(timeline())
        .contains(
            "Scan: 3 root cause(s), top: app/json-loads-on-file at application.py:18;"
                + " pipeline/deploy-without-smoke-test at Jenkinsfile:32;"
                + " pipeline/deploy-without-rollback at Jenkinsfile:31");

    run("scan", "examples/url-shortener", "--no-cache", "--incident", id);
    assertThat(incident().path("rootCauses")).hasSize(3);
    assertThat(timeline()).anyMatch(t -> t.startsWith("Scan: 3 root cause(s) (0 new)"));
  }

  @Test
  void anUnknownIncidentStopsTheScanBeforeItRunsAndWritesNothing() throws Exception {
    String before = run("incident", "show", id, "--format", "json").out();

    Cli.Run r = run("scan", "examples/url-shortener", "--no-cache", "--incident", "INC-2025-404");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().lines())
        .singleElement()
        .asString()
        .startsWith("rootcause: no incident INC-2025-404 in jdbc:sqlite:");
    assertThat(run("incident", "show", id, "--format", "json").out()).isEqualTo(before);
  }

  @Test
  void aDryRunSaysWhatWouldBeAttachedAndWritesNothing() throws Exception {
    Cli.Run r = run("scan", "examples/url-shortener", "--no-cache", "--incident", id, "--dry-run");

    assertThat(r.err())
        .contains(
            "rootcause: dry run: would have attached 3 root cause(s) and 1 timeline entry to "
                + id
                + "; nothing was written");
    assertThat(incident().path("rootCauses")).isEmpty();
  }

  @Test
  void anInvalidIncidentTimeIsExitTwoBeforeAnyWork() {
    Cli.Run r =
        run("scan", "examples/url-shortener", "--incident", id, "--incident-at", "after lunch");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("rootcause: --incident-at: 'after lunch' is not a time");
  }

  @Test
  void theFirstFailingProbeIsNamedAndTheFixVerifiedAfterIt() throws Exception {
    try (HttpFixture broken = HttpFixture.start().on("/", HttpFixture.brokenRelease());
        HttpFixture fixed = HttpFixture.start().on("/", HttpFixture.ok("ok"))) {
      Cli.Run probe =
          run("probe", broken.url("/"), "--requests", "10", "--concurrency", "1", "--incident", id);
      run("probe", broken.url("/"), "--requests", "10", "--concurrency", "1", "--incident", id);
      Cli.Run verify = run("verify", fixed.url("/"), "--incident", id);

      assertThat(probe.exit()).isEqualTo(1);
      assertThat(probe.err()).contains("attached 1 probe measurement(s) and 1 timeline entry");
      assertThat(verify.exit()).as(verify.err()).isZero();
      List<String> timeline = timeline();
      assertThat(timeline.stream().filter(t -> t.startsWith("First failing probe: ")))
          .singleElement()
          .asString()
          .contains(broken.url("/"), "always failing", "10 of 10", "HTTP 500 x10");
      assertThat(timeline).anyMatch(t -> t.startsWith("Probe: " + broken.url("/")));
      assertThat(timeline)
          .anyMatch(
              t ->
                  t.startsWith(
                      "Fix verified: all 2 criteria passed (success=100% 100% (20/20); max<2s "));
    }
  }

  @Test
  void aFailingVerificationSaysTheFixIsNotVerified() throws Exception {
    try (HttpFixture broken = HttpFixture.start().on("/", HttpFixture.brokenRelease())) {
      Cli.Run verify = run("verify", broken.url("/"), "--requests", "5", "--incident", id);

      assertThat(verify.exit()).isEqualTo(1);
      assertThat(timeline())
          .anyMatch(
              t -> t.equals("Fix not verified: 1 of 2 criteria failed (success=100% 0% (0/5))"));
    }
  }

  @Test
  void diagnoseDatesTheFirstCrashLoopByItsEventAndAttachesTheSymptoms() throws Exception {
    Cli.Run r =
        run(
            "diagnose",
            "--dump",
            "src/test/resources/diagnose/seed-002-broken",
            "-n",
            "production",
            "--incident",
            id);

    assertThat(r.exit()).isEqualTo(1);
    JsonNode json = incident();
    List<String> timeline = timeline();
    assertThat(timeline)
        .anyMatch(
            t ->
                t.startsWith("First CrashLoopBackOff: Pod production/database-service-")
                    && t.contains("BackOff until 2025-02-11T16:51:58Z"));
    JsonNode crash = null;
    for (JsonNode e : json.path("timeline")) {
      if (e.path("text").asText().startsWith("First CrashLoopBackOff")) {
        crash = e;
      }
    }
    assertThat(crash.path("at").asText()).startsWith("2025-02-11T16:4");
    assertThat(json.path("rootCauses").findValuesAsText("ruleId"))
        .contains("runtime/crash-loop-back-off", "runtime/image-pull-back-off");
    assertThat(timeline)
        .anyMatch(t -> t.startsWith("Diagnosis: ") && t.contains("root cause(s), top: "));
  }
}
