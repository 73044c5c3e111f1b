package dev.rootcause.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rootcause.testing.Cli;
import dev.rootcause.testing.HttpFixture;
import dev.rootcause.testing.Manifests;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one set of report options every command shares: each command offers exactly the formats its
 * result has, and probe and verify pair --format with --output as scan does.
 */
class OutputOptionsTest {
  @TempDir Path dir;

  @Test
  void eachCommandsHelpListsTheFormatsItHas() {
    assertThat(Cli.run("scan", "--help").out()).contains("text, json, sarif, markdown, html");
    assertThat(Cli.run("probe", "--help").out())
        .contains("Output format: text, json, markdown, html.")
        .doesNotContain("sarif");
    assertThat(Cli.run("verify", "--help").out())
        .contains("Output format: text, json, markdown, html.")
        .doesNotContain("sarif");
  }

  @Test
  void aFormatTheCommandLacksIsAUsageErrorNamingTheOnesItHas() {
    try (HttpFixture app = HttpFixture.start().on("/", HttpFixture.ok("ok"))) {
      Cli.Run run = Cli.run("probe", app.url("/"), "--requests", "3", "--format", "sarif");

      assertThat(run.exit()).isEqualTo(ExitCode.USAGE.code());
      assertThat(run.out()).isEmpty();
      assertThat(run.err().lines()).hasSize(1);
      assertThat(run.err()).contains("'sarif': probe writes text, json, markdown, html");
      assertThat(app.requests()).as("no load is sent for a report that cannot be written").isZero();
    }
  }

  @Test
  void verifyHasNoSarifEither() {
    Cli.Run run =
        Cli.run(
            "verify",
            "--baseline",
            "http://127.0.0.1:1/",
            "--candidate",
            "http://127.0.0.1:1/",
            "-f",
            "SARIF");

    assertThat(run.exit()).isEqualTo(ExitCode.USAGE.code());
    assertThat(run.err()).contains("'SARIF': verify writes text, json, markdown, html");
  }

  @Test
  void verifyWritesMarkdownForAPostmortemBesideTheTextReport() throws Exception {
    Path md = dir.resolve("verify.md");

    Cli.Run run =
        Cli.run(
            "verify",
            "--dump",
            VerifyCommandTest.fixture("seed-002-broken/pods.yaml"),
            "-n",
            "production",
            "--as-of",
            "2025-02-11T16:52:00Z",
            "-f",
            "markdown",
            "-o",
            md.toString(),
            "-f",
            "text");

    assertThat(run.exit()).isEqualTo(ExitCode.FINDINGS.code());
    assertThat(run.out()).contains("Result: FAIL (3 of 3 criteria failed)");
    assertThat(Files.readString(md))
        .startsWith("## rootcause verify\n\n**FAIL**: 3 of 3 criteria failed.")
        .contains("| | Criterion | Measured | On | Detail |")
        .containsPattern("\\| \\*\\*FAIL\\*\\* \\| all pods Running and Ready \\| 3/6 pods")
        .contains("notification-service-59d7c6b8f9-c4ntd (ImagePullBackOff)");
  }

  @Test
  void probeWritesTwoFormatsToTwoFilesInOneRun() throws Exception {
    try (HttpFixture app = HttpFixture.start().on("/", HttpFixture.ok("ok"))) {
      Path json = dir.resolve("probe.json");
      Path html = dir.resolve("probe.html");

      Cli.Run run =
          Cli.run(
              "probe",
              app.url("/"),
              "--requests",
              "5",
              "--slo",
              "success=100%",
              "-f",
              "json",
              "-o",
              json.toString(),
              "-f",
              "html",
              "-o",
              html.toString());

      assertThat(run.exit()).isEqualTo(ExitCode.OK.code());
      assertThat(run.out()).isEmpty();
      assertThat(app.requests()).as("one run feeds both reports").isEqualTo(5);
      assertThat(
              new ObjectMapper()
                  .readTree(json.toFile())
                  .get("endpoints")
                  .get(0)
                  .get("requests")
                  .asLong())
          .isEqualTo(5);
      assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>").contains("healthy");
    }
  }

  @Test
  void probeMarkdownLeadsWithTheSloThenEachUrl() {
    try (HttpFixture app = HttpFixture.start().on("/", HttpFixture.status(500, "boom"))) {
      Cli.Run run =
          Cli.run("probe", app.url("/"), "--requests", "4", "--slo", "success=100%", "-f", "md");

      assertThat(run.exit()).isEqualTo(ExitCode.USAGE.code());
      assertThat(run.err()).contains("'md': probe writes text, json, markdown, html");

      run =
          Cli.run(
              "probe", app.url("/"), "--requests", "4", "--slo", "success=100%", "-f", "markdown");

      assertThat(run.exit()).isEqualTo(ExitCode.FINDINGS.code());
      assertThat(run.out())
          .startsWith("## rootcause probe\n\n**SLO violated** (success=100%): 1 of 1 criteria")
          .contains("| **FAIL** | success=100% | 0% (0/4) |")
          .contains("#### `" + app.url("/") + "`")
          .contains("**always failing**: every request failed")
          .contains("| 4 | 0 | 4 |");
    }
  }

  @Test
  void probeSendsNothingWhenAReportCannotBeWritten() {
    try (HttpFixture app = HttpFixture.start().on("/", HttpFixture.ok("ok"))) {
      Path target = dir.resolve("missing/probe.json");

      Cli.Run run =
          Cli.run("probe", app.url("/"), "--requests", "5", "-f", "json", "-o", target.toString());

      assertThat(run.exit()).isEqualTo(ExitCode.USAGE.code());
      assertThat(run.err())
          .contains(target + ": cannot write the report: folder")
          .contains("does not exist");
      assertThat(app.requests()).isZero();
    }
  }

  @Test
  void probeKeepsOneReportOnStandardOutput() {
    Cli.Run run =
        Cli.run("probe", "http://127.0.0.1:1/", "--requests", "1", "-f", "json", "-f", "text");

    assertThat(run.exit()).isEqualTo(ExitCode.USAGE.code());
    assertThat(run.err()).contains("only one report can go to standard output");
  }

  @Test
  void scanWritesItsHtmlPage() throws Exception {
    Manifests.write(dir, "k8s/api.yaml", Manifests.HIGH);
    Path page = dir.resolve("scan.html");

    Cli.Run run =
        Cli.run(
            "scan",
            dir.resolve("k8s").toString(),
            "-f",
            "html",
            "-o",
            page.toString(),
            "-f",
            "text");

    assertThat(run.exit()).isEqualTo(ExitCode.FINDINGS.code());
    assertThat(run.out()).contains("HIGH      k8s/probe-port-not-exposed");
    assertThat(Files.readString(page))
        .startsWith("<!DOCTYPE html>")
        .contains("<code>k8s/probe-port-not-exposed</code>")
        .doesNotContain("<script")
        .doesNotContain("src=")
        .doesNotContain("\u001b");
  }
}
