package dev.rootcause.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.model.Confidence;
import dev.rootcause.model.Evidence;
import dev.rootcause.model.Finding;
import dev.rootcause.model.FindingKind;
import dev.rootcause.model.ScanResult;
import dev.rootcause.model.Severity;
import dev.rootcause.model.SourceLocation;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Markdown table survives any text a finding carries, and groups rows by layer. */
class MarkdownRendererTest {

  @Test
  void pipesAndNewlinesInCellsDoNotBreakTheTable() throws IOException {
    Finding f = finding("k8s/missing-resources", Severity.HIGH, "a | b\nc", "x.yaml");

    String md = render(f);

    String row = md.lines().filter(l -> l.startsWith("| Kubernetes")).findFirst().orElseThrow();
    assertThat(row).contains("a \\| b<br>c");
    assertThat(row.replace("\\|", "")).matches("(\\|[^|]*){5}\\|");
  }

  @Test
  void redactedValuesStayVisibleInsteadOfBecomingHtmlTags() throws IOException {
    Finding f =
        finding("k8s/missing-resources", Severity.HIGH, "DB_PASSWORD=hunter2 is set", "x.yaml");

    String md = render(f);

    assertThat(md).doesNotContain("hunter2").contains("DB_PASSWORD=&lt;redacted&gt;");
  }

  @Test
  void terminalControlCharactersInNamesMessagesAndLogLinesAreNeutralised() throws IOException {
    // A file name with a bell, a message carrying a screen-clearing CSI, an OSC 8 hyperlink and a
    // carriage return that would overwrite the line when the Markdown is cat-ed to a terminal.
    Finding f =
        new Finding(
            "k8s/missing-resources",
            Severity.HIGH,
            "container \u001b[2Jevil",
            "log: \u001b]8;;http://evil.example/\u0007click\u001b]8;;\u0007 done",
            "fake ok\rreal \u009b31m message",
            SourceLocation.of("k8s/a\u0007.yaml", 3),
            List.of(new Evidence(SourceLocation.of("k8s/b\u001b[1m.yaml", 4), "note \u001b[0m")),
            "Fix it.",
            Confidence.CERTAIN,
            FindingKind.ROOT_CAUSE);

    String md = render(f);

    assertThat(md).doesNotContain("\u001b", "\u0007", "\r", "\u009b");
    assertThat(md)
        .contains("`k8s/a?.yaml:3`")
        .contains("container ?[2Jevil")
        .contains("real ?31m message")
        .contains("`k8s/b?[1m.yaml:4`");
  }

  @Test
  void rowsAreGroupedByLayerInTheSeedReportsOrder() throws IOException {
    String md =
        render(
            finding(
                "k8s/service-selects-nothing",
                Severity.CRITICAL,
                "selector matches nothing",
                "svc.yaml"),
            finding("app/sleep-in-handler", Severity.LOW, "sleep in handler", "main.py"),
            finding("docker/runs-as-root", Severity.MEDIUM, "runs as root", "Dockerfile"));

    List<String> layers =
        md.lines()
            .filter(l -> l.startsWith("| ") && !l.startsWith("| Layer") && !l.startsWith("| ---"))
            .map(l -> l.split(" \\| ")[0].substring(2))
            .toList();
    assertThat(layers).containsExactly("Application", "Docker image", "Kubernetes");
  }

  @Test
  void evidenceCellListsEveryLocationWithItsNote() throws IOException {
    Finding f =
        new Finding(
            "cross/port-mismatch",
            Severity.HIGH,
            "api",
            "crash",
            "ports differ",
            SourceLocation.of("k8s/api.yaml", 20),
            List.of(
                new Evidence(new SourceLocation("Dockerfile", 7, 1), "EXPOSE 80"),
                new Evidence(SourceLocation.of("app/main.py", 31), "app.run(port=8080)")),
            "Set containerPort to 8080.",
            Confidence.CERTAIN,
            FindingKind.ROOT_CAUSE);

    String md = render(f);

    assertThat(md)
        .contains(
            "| `k8s/api.yaml:20`<br>`Dockerfile:7:1` EXPOSE 80<br>`app/main.py:31`"
                + " app.run(port=8080) |");
    assertThat(md).contains("  - `Dockerfile:7:1`: EXPOSE 80");
  }

  @Test
  void codeSpansHoldBackticks() {
    assertThat(MarkdownRenderer.code("odd`name.yaml:3", false)).isEqualTo("``odd`name.yaml:3``");
    assertThat(MarkdownRenderer.code("a|b.yaml", true)).isEqualTo("`a\\|b.yaml`");
  }

  @Test
  void noFindingsMeansNoTable() throws IOException {
    String md = render();

    assertThat(md).contains("no root causes found in 1 file.").doesNotContain("| Layer");
  }

  private static Finding finding(String ruleId, Severity severity, String message, String path) {
    return new Finding(
        ruleId,
        severity,
        "subject",
        "symptom",
        message,
        SourceLocation.of(path, 1),
        List.of(),
        "Fix it.",
        Confidence.CERTAIN,
        FindingKind.ROOT_CAUSE);
  }

  private static String render(Finding... findings) throws IOException {
    ScanResult result =
        new ScanResult(
            "repo",
            List.of(findings),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            new ScanResult.Inventory(1, 0, 0, 0, 0, 0, 0),
            Duration.ZERO);
    StringWriter out = new StringWriter();
    new MarkdownRenderer().render(result, out);
    return out.toString();
  }
}
