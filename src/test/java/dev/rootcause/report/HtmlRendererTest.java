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

/**
 * The HTML page stays one inert, self-contained document whatever text a finding carries: markup in
 * a file name or YAML value is shown, never run, and secrets are masked before escaping.
 */
class HtmlRendererTest {

  @Test
  void markupInFindingsIsShownAsTextNotRun() throws IOException {
    String html =
        render(
            finding(
                "a <script>alert(1)</script> & \"quoted\" 'single'",
                "k8s/<img src=x onerror=alert(1)>.yaml"));

    assertThat(html)
        .doesNotContain("<script>alert")
        .doesNotContain("<img")
        .contains(
            "a &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot; &#39;single&#39;")
        .contains("k8s/&lt;img src=x onerror=alert(1)&gt;.yaml");
  }

  @Test
  void secretsAreMaskedAndTheMaskStaysVisible() throws IOException {
    String html = render(finding("DATABASE_URL=postgres://orders:hunter2@db:5432/app", "x.yaml"));

    assertThat(html)
        .doesNotContain("hunter2")
        .contains("postgres://orders:&lt;redacted&gt;@db:5432");
  }

  @Test
  void thePageFetchesNothingAndRunsNothing() throws IOException {
    String html = render(finding("selector matches nothing", "svc.yaml"));

    assertThat(html)
        .startsWith("<!DOCTYPE html>")
        .contains("<style>")
        .doesNotContain("<script")
        .doesNotContain("<link")
        .doesNotContain("src=")
        .doesNotContain("@import")
        .doesNotContain("url(");
  }

  @Test
  void rootCausesComeBeforeWhatWasNotReadOrSuppressed() throws IOException {
    Finding f = finding("selector matches nothing", "svc.yaml");
    ScanResult result =
        new ScanResult(
            "repo",
            List.of(f),
            List.of(new ScanResult.Suppressed(f, "config")),
            List.of(),
            List.of(),
            List.of(),
            new ScanResult.Inventory(1, 0, 0, 0, 0, 0, 0),
            Duration.ZERO);

    String html = render(result);

    assertThat(html.indexOf("id=\"f1\"")).isPositive().isLessThan(html.indexOf("Suppressed (1)"));
  }

  private static Finding finding(String message, String path) {
    return new Finding(
        "k8s/service-selects-nothing",
        Severity.CRITICAL,
        "Service shop/api",
        "no endpoints",
        message,
        SourceLocation.of(path, 3),
        List.of(new Evidence(SourceLocation.of(path, 7), message)),
        "Fix it.",
        Confidence.CERTAIN,
        FindingKind.ROOT_CAUSE);
  }

  private static String render(Finding finding) throws IOException {
    return render(
        new ScanResult(
            "repo",
            List.of(finding),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            new ScanResult.Inventory(1, 0, 0, 0, 0, 0, 0),
            Duration.ZERO));
  }

  private static String render(ScanResult result) throws IOException {
    StringWriter out = new StringWriter();
    new HtmlRenderer().render(result, out);
    return out.toString();
  }
}
