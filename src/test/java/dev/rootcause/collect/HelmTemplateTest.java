package dev.rootcause.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.rootcause.model.CollectionProblem;
import dev.rootcause.model.ScanResult;
import dev.rootcause.testing.Scans;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Helm templates are not YAML until rendered: they are noted, never reported as malformed. */
class HelmTemplateTest {
  @TempDir Path dir;

  @Test
  void chartTemplatesAreNotedNotSkippedAndPlainManifestsBesideThemAreRead() throws IOException {
    Files.createDirectories(dir.resolve("chart/templates"));
    Files.writeString(
        dir.resolve("chart/Chart.yaml"), "apiVersion: v2\nname: web\nversion: 1.0.0\n");
    Files.writeString(
        dir.resolve("chart/templates/deployment.yaml"),
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{ include "web.fullname" . }}
        spec:
          template:
            spec:
              containers:
                - name: web
                  {{- with .Values.resources }}
                  resources:
                    {{- toYaml . | nindent 12 }}
                  {{- end }}
        """);
    Files.writeString(
        dir.resolve("chart/templates/service.yaml"),
        """
        apiVersion: v1
        kind: Service
        metadata:
          name: web
        spec:
          selector:
            app: web
          ports:
            - port: 80
        """);

    ScanResult result = Scans.scan(dir);

    assertThat(result.problems())
        .extracting(CollectionProblem::kind, p -> p.location().path())
        .containsExactly(tuple(CollectionProblem.Kind.NOTE, "chart/templates/deployment.yaml"));
    assertThat(result.problems().get(0).message()).startsWith("Helm template: not rendered");
    assertThat(result.inventory().services())
        .as("a template without actions is plain YAML")
        .isEqualTo(1);
  }
}
