package dev.rootcause.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.model.Confidence;
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

/** The terminal report: worst first, colour only when asked, nothing that drives the terminal. */
class TextRendererTest {

  @Test
  void colourOnlyWhenAsked() throws IOException {
    ScanResult result = result(1, finding("k8s/service-selects-nothing", Severity.CRITICAL, "svc"));

    assertThat(render(result, true))
        .contains("\u001b[1;31mCRITICAL")
        .contains("\u001b[1mKubernetes");
    assertThat(render(result, false)).doesNotContain("\u001b");
  }

  @Test
  void theLayerHoldingTheWorstFindingComesFirst() throws IOException {
    ScanResult result =
        result(
            2,
            finding("app/sleep-in-handler", Severity.LOW, "sleep"),
            finding("k8s/service-selects-nothing", Severity.CRITICAL, "svc"));

    String text = render(result, false);

    assertThat(text.indexOf("Kubernetes (1)")).isLessThan(text.indexOf("Application (1)"));
  }

  @Test
  void escapeSequencesAndNewlinesFromInputAreNeutralised() throws IOException {
    Finding f =
        new Finding(
            "k8s/missing-resources",
            Severity.HIGH,
            "container \u001b[2Jevil",
            "evictions",
            "line one\nline two",
            SourceLocation.of("k8s/a\u0007.yaml", 3),
            List.of(),
            "Fix it.",
            Confidence.CERTAIN,
            FindingKind.ROOT_CAUSE);

    String text = render(result(1, f), false);

    assertThat(text)
        .doesNotContain("\u001b")
        .doesNotContain("\u0007")
        .contains("container ?[2Jevil")
        .contains("problem   line one line two")
        .contains("at        k8s/a?.yaml:3");
  }

  @Test
  void anEmptyScanSaysThereWasNothingToScan() throws IOException {
    String text = render(result(0), false);

    assertThat(text)
        .isEqualTo(
            "Nothing to scan in repo: no Kubernetes manifests, Dockerfiles,"
                + " build scripts or source files found.\n");
  }

  @Test
  void summaryCountsInTheRightNumber() throws IOException {
    String text = render(result(1, finding("k8s/missing-resources", Severity.LOW, "x")), false);

    assertThat(text)
        .endsWith(
            "1 finding (1 low; 1 root cause) in 1 file: 1 workload, 0 services, 0 Dockerfiles,"
                + " 0 image builds, 0 apps; 0.00 s.\n");
  }

  private static Finding finding(String ruleId, Severity severity, String message) {
    return new Finding(
        ruleId,
        severity,
        "subject",
        "symptom",
        message,
        SourceLocation.of("x.yaml", 1),
        List.of(),
        "Fix it.",
        Confidence.CERTAIN,
        FindingKind.ROOT_CAUSE);
  }

  @Test
  void aHealthyClusterSaysNoFindingsInWhatWasReadNotThatThereWasNothingToScan() throws IOException {
    ScanResult healthy =
        new ScanResult(
            "dump ./state (as of 2025-11-27T11:19:58Z, given)",
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            new ScanResult.Inventory(0, 4, 3, 0, 0, 0, 9),
            Duration.ZERO);

    String summary = new TextRenderer(false, false).summary(healthy);

    assertThat(summary)
        .isEqualTo(
            "No findings in dump ./state (as of 2025-11-27T11:19:58Z, given): 4 workloads,"
                + " 3 services; 0.00 s.");
  }

  private static ScanResult result(int files, Finding... findings) {
    return new ScanResult(
        "repo",
        List.of(findings),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        new ScanResult.Inventory(files, files, 0, 0, 0, 0, 0),
        Duration.ZERO);
  }

  private static String render(ScanResult result, boolean color) throws IOException {
    StringWriter out = new StringWriter();
    new TextRenderer(color, false).render(result, out);
    return out.toString();
  }
}
