package dev.rootcause.collect.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.collect.RepoWalker;
import dev.rootcause.collect.SourceFile;
import dev.rootcause.collect.yaml.YamlDocument;
import dev.rootcause.collect.yaml.YamlNode.Mapping;
import dev.rootcause.model.CollectionProblem;
import dev.rootcause.model.SourceLocation;
import dev.rootcause.testing.Manifests;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Charts rendered by Helm itself: each rendered value is placed at the template line that wrote it,
 * or at the values line when it passed through unchanged; dependencies are never fetched.
 */
class HelmChartsTest {
  @TempDir Path dir;

  @Test
  void aValuePassedThroughUnchangedPointsAtTheValuesLineAndTheRestAtTheTemplate()
      throws IOException {
    chart("web");

    Mapping deployment = only(render(List.of()), "Deployment");
    Mapping container =
        deployment.path("spec", "template", "spec").orElseThrow().maps("containers").get(0);

    assertThat(deployment.location())
        .isEqualTo(SourceLocation.of("web/templates/deployment.yaml", 1));
    assertThat(container.scalar("image").orElseThrow().location())
        .as("two values on one line: the template line")
        .isEqualTo(SourceLocation.of("web/templates/deployment.yaml", 10));
    assertThat(container.maps("ports").get(0).scalar("containerPort").orElseThrow().location())
        .as("one value, unchanged: values.yaml")
        .isEqualTo(new SourceLocation("web/values.yaml", 5, 1));
    assertThat(
            container
                .path("resources", "limits")
                .orElseThrow()
                .scalar("memory")
                .orElseThrow()
                .location())
        .as("a block passed through toYaml: its leaf in values.yaml")
        .isEqualTo(new SourceLocation("web/values.yaml", 8, 5));
    assertThat(deployment.path("metadata").orElseThrow().scalar("name").orElseThrow().location())
        .as("a value computed by the template: the template line")
        .isEqualTo(SourceLocation.of("web/templates/deployment.yaml", 4));
  }

  @Test
  void linesAnIncludedHelperWritesPointIntoTheHelperOrItsValue() throws IOException {
    Manifests.write(dir, "api/Chart.yaml", "apiVersion: v2\nname: api\nversion: 1.0.0\n");
    Manifests.write(dir, "api/values.yaml", "brokerUrl: redis://redis:6379/0\nlogLevel: info\n");
    Manifests.write(
        dir,
        "api/templates/_helpers.tpl",
        """
        {{/* env shared by the web and worker containers */}}
        {{- define "api.env" -}}
        - name: BROKER_URL
          value: {{ .Values.brokerUrl | quote }}
        {{- if .Values.logLevel }}
        - name: LOG_LEVEL
          value: {{ .Values.logLevel | upper | quote }}
        {{- end }}
        - name: TZ
          value: UTC
        {{- end }}
        """);
    Manifests.write(
        dir,
        "api/templates/deployment.yaml",
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: api
        spec:
          selector:
            matchLabels: {app: api}
          template:
            metadata:
              labels: {app: api}
            spec:
              containers:
                - name: api
                  image: shop/api:1.0.0
                  env:
                    {{- include "api.env" . | nindent 12 }}
        """);

    Mapping deployment = only(render(List.of()), "Deployment");
    List<Mapping> env =
        deployment
            .path("spec", "template", "spec")
            .orElseThrow()
            .maps("containers")
            .get(0)
            .maps("env");

    assertThat(env.get(0).location())
        .as("an entry of the helper: its line in the helper")
        .isEqualTo(SourceLocation.of("api/templates/_helpers.tpl", 3));
    assertThat(env.get(0).scalar("value").orElseThrow().location())
        .as("a value the helper passes through unchanged: values.yaml")
        .isEqualTo(new SourceLocation("api/values.yaml", 1, 1));
    assertThat(env.get(1).scalar("value").orElseThrow().location())
        .as("a value the helper changes: the helper line")
        .isEqualTo(SourceLocation.of("api/templates/_helpers.tpl", 7));
    assertThat(env.get(2).scalar("value").orElseThrow().location())
        .as("lines are matched in order, after the if block")
        .isEqualTo(SourceLocation.of("api/templates/_helpers.tpl", 10));
  }

  @Test
  void aValuesFileGivenToTheScanWinsAndIsTheLinePointedAt() throws IOException {
    chart("web");
    Path prod = Manifests.write(dir, "web/values-prod.yaml", "# prod\nport: 9090\n");

    Mapping deployment = only(render(List.of(prod)), "Deployment");
    Mapping container =
        deployment.path("spec", "template", "spec").orElseThrow().maps("containers").get(0);

    assertThat(container.maps("ports").get(0).string("containerPort")).isEqualTo("9090");
    assertThat(container.maps("ports").get(0).scalar("containerPort").orElseThrow().location())
        .isEqualTo(new SourceLocation("web/values-prod.yaml", 2, 1));
  }

  @Test
  void aRemoteDependencyIsNotedNotFetchedAndTheChartStillRenders() throws IOException {
    chart("web");
    Manifests.write(
        dir,
        "web/Chart.yaml",
        """
        apiVersion: v2
        name: web
        version: 1.0.0
        dependencies:
          - name: redis
            version: 19.0.0
            repository: oci://registry-1.docker.io/bitnamicharts
        """);

    RenderedSource rendered = render(List.of());

    assertThat(rendered.failures()).isEmpty();
    assertThat(rendered.documents()).hasSize(1);
    assertThat(rendered.problems())
        .extracting(CollectionProblem::message)
        .containsExactly(
            "Helm dependency redis (oci://registry-1.docker.io/bitnamicharts) is not vendored"
                + " under charts/ and is not fetched: its objects are not in what is read (helm"
                + " dependency build, then scan again)");
  }

  @Test
  void aFileDependencyIsRenderedInsideItsParentAndPointsAtItsOwnFiles() throws IOException {
    chart("web");
    Manifests.write(
        dir,
        "web/Chart.yaml",
        """
        apiVersion: v2
        name: web
        version: 1.0.0
        dependencies:
          - name: cache
            version: 0.1.0
            repository: file://../cache
        """);
    Manifests.write(dir, "cache/Chart.yaml", "apiVersion: v2\nname: cache\nversion: 0.1.0\n");
    Manifests.write(
        dir,
        "cache/templates/service.yaml",
        """
        apiVersion: v1
        kind: Service
        metadata:
          name: {{ .Release.Name }}-cache
        spec:
          selector:
            app: cache
          ports:
            - port: 6379
        """);
    List<SourceFile> files = RepoWalker.walk(dir, List.of()).files();

    Rendering rendering = Renderers.render(files, List.of());

    assertThat(rendering.sources()).as("the dependency is not a release of its own").hasSize(1);
    Mapping service = only(rendering.sources().get(0), "Service");
    assertThat(service.path("metadata").orElseThrow().string("name")).isEqualTo("web-cache");
    assertThat(service.location()).isEqualTo(SourceLocation.of("cache/templates/service.yaml", 1));
    assertThat(rendering.consumed()).contains("cache/templates/service.yaml");
  }

  private RenderedSource render(List<Path> values) throws IOException {
    List<SourceFile> files = RepoWalker.walk(dir, List.of()).files();
    Rendering rendering = Renderers.render(files, values);
    assertThat(rendering.helmUnavailable()).isNull();
    return rendering.sources().get(0);
  }

  private static Mapping only(RenderedSource rendered, String kind) {
    return rendered.documents().stream()
        .map(YamlDocument::root)
        .map(Mapping.class::cast)
        .filter(m -> kind.equals(m.string("kind")))
        .findFirst()
        .orElseThrow();
  }

  private void chart(String name) {
    Manifests.write(
        dir, name + "/Chart.yaml", "apiVersion: v2\nname: " + name + "\nversion: 1.0.0\n");
    Manifests.write(
        dir,
        name + "/values.yaml",
        """
        image:
          repository: shop/web
          tag: "2.1.0"
        # the port the server binds
        port: 8080
        resources:
          limits:
            memory: 256Mi
        """);
    Manifests.write(
        dir,
        name + "/templates/deployment.yaml",
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{ .Release.Name }}-web
        spec:
          template:
            spec:
              containers:
                - name: web
                  image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
                  ports:
                    - containerPort: {{ .Values.port }}
                  resources:
                    {{- toYaml .Values.resources | nindent 12 }}
        """);
  }
}
