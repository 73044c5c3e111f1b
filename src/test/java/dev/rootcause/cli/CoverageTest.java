package dev.rootcause.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rootcause.testing.Cli;
import dev.rootcause.testing.Manifests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No input makes {@code scan} exit 0 with "no findings" while it read nothing: what was read and
 * what was not is on the first screen of every report, a scan that read no manifest, Dockerfile or
 * source file exits 2 with the reason, and {@code --strict} fails on anything not read.
 */
class CoverageTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void anEmptyFolderIsNotAPass() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("deploy"));

    Cli.Run run = Cli.run("scan", empty.toString(), "--no-cache");

    assertNothingChecked(run, "holds no file of a kind rootcause reads");
    assertThat(run.out()).doesNotContain("No findings");
  }

  @Test
  void ignoringEveryPathIsNotAPass() {
    Manifests.write(dir, "k8s/web.yaml", Manifests.HEALTHY);
    Manifests.write(dir, ".rootcause.yaml", "ignorePaths: [\"**\"]\n");

    Cli.Run run = Cli.run("scan", dir.toString(), "--no-cache");

    assertNothingChecked(run, "every path in it matched ignorePaths (1 path)");
  }

  @Test
  void aSizeLimitOfZeroIsNotAPass() {
    Manifests.write(dir, "k8s/web.yaml", Manifests.HEALTHY);

    Cli.Run run = Cli.run("scan", dir.toString(), "--max-file-size", "0", "--no-cache");

    assertNothingChecked(run, "not read: 1 file above the size limit");
  }

  @Test
  void aFolderOfSymlinksLeavingItIsNotAPass() throws IOException {
    Path outside = Manifests.write(dir, "elsewhere/web.yaml", Manifests.HEALTHY);
    Path links = Files.createDirectories(dir.resolve("links"));
    Files.createSymbolicLink(links.resolve("web.yaml"), outside);
    Files.createSymbolicLink(links.resolve("k8s"), outside.getParent());

    Cli.Run run = Cli.run("scan", links.toString(), "--no-cache");

    assertNothingChecked(run, "not read: 2 symlinks leaving the tree");
  }

  @Test
  void aChartIsRenderedByHelmAndItsTemplatesAreReadAsManifests() {
    renderableChart();

    Cli.Run run = Cli.run("scan", dir.toString(), "--no-cache", "--fail-on", "none");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .as("Chart.yaml and values.yaml are read too; the .tpl helpers through Helm")
        .contains("Read 3 files: 1 manifest, 0 Dockerfiles, 0 source files, 2 other.")
        .doesNotContain("not rendered");
  }

  @Test
  void aChartThatDoesNotRenderIsAFindingAndItsTemplatesAreSaidNotRead() {
    helmChart();

    Cli.Run run = Cli.run("scan", dir.toString(), "--no-cache");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out())
        .contains("k8s/render-failed")
        .contains("no template \"web.fullname\"")
        .contains("not read: 3 Helm templates (not rendered).");
    // The symptom is Helm's alone: nothing about kustomize for a chart.
    assertThat(run.out())
        .contains("helm install/upgrade fails with 'Error: INSTALLATION FAILED")
        .doesNotContain("kubectl apply -k");
  }

  @Test
  void withoutHelmAChartOfTemplatesAloneIsNotAPassAndSaysWhy() {
    helmChart();

    Cli.Run run = withoutHelm(() -> Cli.run("scan", dir.toString(), "--no-cache", "--verbose"));

    assertNothingChecked(run, "not read: 3 Helm templates (not rendered)");
    assertThat(run.err()).contains("Helm template: not rendered (Helm is turned off");
    assertThat(run.out())
        .contains(
            "Read 1 of 4 files: 0 manifests, 0 Dockerfiles, 0 source files, 1 other;"
                + " not read: 3 Helm templates (not rendered).");
  }

  @Test
  void aPartialReadSaysWhatWasNotReadOnTheFirstScreen() {
    helmChart();
    Manifests.write(dir, "k8s/web.yaml", Manifests.HEALTHY);

    Cli.Run run = withoutHelm(() -> Cli.run("scan", dir.toString(), "--no-cache"));

    assertThat(run.exit()).isZero();
    assertThat(run.out().lines().toList())
        .as("the whole report fits a screen: the count and the coverage")
        .containsExactly(
            run.out().lines().findFirst().orElseThrow(),
            "Read 2 of 5 files: 1 manifest, 0 Dockerfiles, 0 source files, 1 other;"
                + " not read: 3 Helm templates (not rendered).");
  }

  @Test
  void strictFailsOnUnrenderedTemplatesThatAreOnlyNotes() {
    helmChart();
    Manifests.write(dir, "k8s/web.yaml", Manifests.HEALTHY);

    Cli.Run run = withoutHelm(() -> Cli.run("scan", dir.toString(), "--strict", "--no-cache"));

    assertThat(run.exit()).isEqualTo(ExitCode.USAGE.code());
    assertThat(run.err())
        .contains("rootcause: --strict: 3 files were not read: 3 Helm templates (not rendered)");
  }

  @Test
  void strictFailsOnSourceCodeThatWasNotParsed() {
    Manifests.write(dir, "k8s/web.yaml", Manifests.HEALTHY);
    Manifests.write(dir, "app/bundle.js", "var a=1;" + "x".repeat(6000) + "\n");

    Cli.Run lenient = Cli.run("scan", dir.toString(), "--no-cache");
    Cli.Run strict = Cli.run("scan", dir.toString(), "--strict", "--no-cache");

    assertThat(lenient.exit()).isZero();
    assertThat(lenient.out()).contains("not read: 1 source file not parsed");
    assertThat(strict.exit()).isEqualTo(ExitCode.USAGE.code());
  }

  @Test
  void aKustomizeOverlayIsBuiltAndItsPatchIsReadThroughIt() {
    Manifests.write(dir, "base/web.yaml", Manifests.HEALTHY);
    Manifests.write(
        dir,
        "base/kustomization.yaml",
        """
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        resources:
          - web.yaml
        """);
    Manifests.write(
        dir,
        "overlays/prod/kustomization.yaml",
        """
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        resources:
          - ../../base
        patches:
          - path: replicas.yaml
        images:
          - name: web
            newTag: 1.2.0
        """);
    Manifests.write(
        dir,
        "overlays/prod/replicas.yaml",
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          replicas: 4
          template:
            spec:
              containers:
                - name: web
                  resources:
                    limits:
                      memory: 512Mi
        """);

    Cli.Run run = Cli.run("scan", dir.toString(), "--no-cache", "--fail-on", "low");
    Cli.Run strict = Cli.run("scan", dir.toString(), "--no-cache", "--strict");

    assertThat(run.exit()).as("the patch alone has no probe and no image: not a fault").isZero();
    assertThat(run.out())
        .contains("No findings in 4 files: 1 workload, 1 service")
        .contains("Read 4 files: 1 manifest, 0 Dockerfiles, 0 source files, 3 other.");
    assertThat(strict.exit()).as("everything was read").isZero();
  }

  @Test
  void jsonAndSarifCarryTheCoverage() throws IOException {
    helmChart();
    Manifests.write(dir, "k8s/web.yaml", Manifests.HEALTHY);
    Path sarif = dir.resolve("out.sarif");

    Cli.Run run =
        withoutHelm(
            () ->
                Cli.run(
                    "scan",
                    dir.toString(),
                    "--no-cache",
                    "--format",
                    "sarif",
                    "--output",
                    sarif.toString(),
                    "--format",
                    "json"));

    JsonNode coverage = JSON.readTree(run.out()).path("coverage");
    assertThat(coverage.path("complete").asBoolean(true)).isFalse();
    assertThat(coverage.path("relevantRead").asBoolean()).isTrue();
    assertThat(coverage.at("/read/manifests").asInt()).isEqualTo(1);
    assertThat(coverage.path("notRead").findValuesAsText("reason"))
        .containsExactly("helm-template", "helm-template", "helm-template");
    assertThat(coverage.path("notRead").findValuesAsText("path"))
        .contains("chart/templates/deployment.yaml");

    JsonNode invocation = JSON.readTree(sarif.toFile()).at("/runs/0/invocations/0");
    assertThat(invocation.at("/properties/coverage").asText())
        .startsWith("Read 2 of 5 files: 1 manifest");
    assertThat(invocation.path("toolExecutionNotifications").findValuesAsText("text"))
        .hasSize(3)
        .allMatch(t -> t.startsWith("not read (Helm template (not rendered)): chart/templates/"));
  }

  @Test
  void aScanThatFoundSomethingIsNotTurnedIntoAnError() {
    Manifests.write(
        dir,
        "Jenkinsfile",
        """
        pipeline {
          agent any
          stages {
            stage('Deploy') {
              steps { sh 'kubectl apply -f k8s/' }
            }
          }
        }
        """);

    Cli.Run run = Cli.run("scan", dir.toString(), "--no-cache", "--fail-on", "none");

    assertThat(run.out()).contains("pipeline/deploy-without-");
    assertThat(run.exit()).isZero();
  }

  private void helmChart() {
    Manifests.write(dir, "chart/Chart.yaml", "apiVersion: v2\nname: web\nversion: 1.0.0\n");
    for (String kind : new String[] {"deployment", "service", "ingress"}) {
      Manifests.write(
          dir,
          "chart/templates/" + kind + ".yaml",
          """
          apiVersion: v1
          kind: %s
          metadata:
            name: {{ include "web.fullname" . }}
            labels:
              {{- include "web.labels" . | nindent 4 }}
          """
              .formatted(kind));
    }
  }

  /** A chart whose helpers are defined: Helm renders it. */
  private void renderableChart() {
    Manifests.write(dir, "chart/Chart.yaml", "apiVersion: v2\nname: web\nversion: 1.0.0\n");
    Manifests.write(
        dir,
        "chart/templates/_helpers.tpl",
        """
        {{- define "web.fullname" -}}{{ .Release.Name }}-web{{- end }}
        """);
    Manifests.write(
        dir,
        "chart/templates/configmap.yaml",
        """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: {{ include "web.fullname" . }}
        data:
          LOG_LEVEL: {{ .Values.logLevel | quote }}
        """);
    Manifests.write(dir, "chart/values.yaml", "logLevel: info\n");
  }

  /** Runs as on a platform where Helm's native library is not shipped. */
  private static Cli.Run withoutHelm(java.util.function.Supplier<Cli.Run> scan) {
    System.setProperty("rootcause.helm.disabled", "true");
    try {
      return scan.get();
    } finally {
      System.clearProperty("rootcause.helm.disabled");
    }
  }

  private static void assertNothingChecked(Cli.Run run, String why) {
    assertThat(run.exit()).as("exit code; stderr: %s", run.err()).isEqualTo(ExitCode.USAGE.code());
    assertThat(run.err())
        .contains(
            "rootcause: nothing checked: read no Kubernetes manifest,"
                + " Dockerfile or source file in ")
        .contains(why);
    assertThat(run.out()).contains("Nothing checked: ").contains(why);
  }
}
