package dev.rootcause.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rootcause.testing.Cli;
import dev.rootcause.testing.Manifests;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way to silence or re-rank a finding, through the CLI: it leaves the findings, shows up with
 * its reason in the report, and no longer decides the exit code.
 */
class SuppressionEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void anIgnoreAnnotationOnTheObjectSuppresses() throws IOException {
    Manifests.write(
        dir,
        "k8s/app.yaml",
        Manifests.LOW_ONLY.replace(
            "metadata: {name: worker, namespace: shop}",
            "metadata:\n  name: worker\n  namespace: shop\n"
                + "  annotations: {rootcause.io/ignore: k8s/missing-resources}"));

    Cli.Run run = Cli.run("scan", dir.toString(), "--format", "json", "--fail-on", "low");

    assertThat(run.exit()).isEqualTo(ExitCode.OK.code());
    JsonNode report = JSON.readTree(run.out());
    assertThat(report.path("findings")).isEmpty();
    assertThat(report.at("/suppressed/0/ruleId").asText()).isEqualTo("k8s/missing-resources");
    assertThat(report.at("/suppressed/0/reason").asText())
        .isEqualTo("rootcause.io/ignore annotation on Deployment shop/worker (k8s/app.yaml:1:1)");
  }

  @Test
  void anIgnoreCommentAboveTheLineSuppressesThatRuleOnly() throws IOException {
    Manifests.write(
        dir,
        "k8s/api.yaml",
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: api, namespace: shop}
        spec:
          template:
            metadata: {labels: {app: api}}
            spec:
              containers:
                - name: api
                  image: api:2.0.0
                  ports: [{containerPort: 3000}]
                  livenessProbe:
                    httpGet:
                      path: /healthz
                      # rootcause:ignore k8s/probe-port-not-exposed -- the sidecar answers on 8080
                      port: 8080
        """);

    Cli.Run run = Cli.run("scan", dir.toString(), "--format", "json");

    assertThat(run.exit()).isEqualTo(ExitCode.OK.code());
    JsonNode report = JSON.readTree(run.out());
    assertThat(report.at("/suppressed/0/ruleId").asText()).isEqualTo("k8s/probe-port-not-exposed");
    assertThat(report.at("/suppressed/0/reason").asText())
        .isEqualTo("rootcause:ignore comment at k8s/api.yaml:15");
    assertThat(report.path("findings").findValuesAsText("ruleId"))
        .as("other rules on the same container still report")
        .contains("k8s/missing-resources");
  }

  @Test
  void configExcludeStopsTheRuleFromRunning() throws IOException {
    Manifests.write(dir, "k8s/api.yaml", Manifests.HIGH);
    Manifests.write(dir, ".rootcause.yaml", "rules:\n  exclude: [k8s/probe-port-not-exposed]\n");

    Cli.Run run = Cli.run("scan", dir.toString(), "--format", "sarif");

    assertThat(run.exit()).isEqualTo(ExitCode.OK.code());
    JsonNode sarif = JSON.readTree(run.out());
    assertThat(sarif.at("/runs/0/results")).isEmpty();
    assertThat(sarif.at("/runs/0/tool/driver/rules").findValuesAsText("id"))
        .isNotEmpty()
        .doesNotContain("k8s/probe-port-not-exposed");
  }

  @Test
  void aSeverityOverrideChangesTheFindingAndTheExitCode() throws IOException {
    Manifests.write(dir, "k8s/api.yaml", Manifests.HIGH);
    Manifests.write(
        dir, ".rootcause.yaml", "rules:\n  severity:\n    k8s/probe-port-not-exposed: low\n");

    Cli.Run byDefault = Cli.run("scan", dir.toString(), "--format", "json");
    Cli.Run strict = Cli.run("scan", dir.toString(), "--format", "json", "--fail-on", "low");

    assertThat(byDefault.exit()).isEqualTo(ExitCode.OK.code());
    assertThat(JSON.readTree(byDefault.out()).at("/findings/0/severity").asText()).isEqualTo("low");
    assertThat(strict.exit()).isEqualTo(ExitCode.FINDINGS.code());
  }

  @Test
  void ignorePathsKeepsFilesOutOfTheScan() throws IOException {
    Manifests.write(dir, "k8s/web.yaml", Manifests.HEALTHY);
    Manifests.write(dir, "legacy/api.yaml", Manifests.HIGH);
    Manifests.write(dir, ".rootcause.yaml", "ignorePaths: [\"legacy/**\"]\n");

    Cli.Run run = Cli.run("scan", dir.toString(), "--format", "json");

    assertThat(run.exit()).isEqualTo(ExitCode.OK.code());
    assertThat(JSON.readTree(run.out()).at("/summary/filesScanned").asInt()).isEqualTo(1);
  }

  @Test
  void showSuppressedListsWhatWasSilencedAndWhy() {
    Manifests.write(
        dir,
        "k8s/api.yaml",
        Manifests.HIGH.replaceFirst(
            "(?m)^( *)livenessProbe:",
            "$1# rootcause:ignore k8s/probe-port-not-exposed\n$1livenessProbe:"));

    Cli.Run hidden = Cli.run("scan", dir.toString());
    Cli.Run shown = Cli.run("scan", dir.toString(), "--show-suppressed");

    assertThat(hidden.exit()).isEqualTo(ExitCode.OK.code());
    assertThat(hidden.out())
        .doesNotContain("Suppressed (")
        .contains("1 suppressed (--show-suppressed).");
    assertThat(shown.out())
        .contains("Suppressed (1)")
        .contains("high  k8s/probe-port-not-exposed  k8s/api.yaml:13:")
        .contains("by rootcause:ignore comment at k8s/api.yaml:12");
  }
}
