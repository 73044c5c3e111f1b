package dev.rootcause.report;

import dev.rootcause.model.ClusterLocation;
import dev.rootcause.model.Confidence;
import dev.rootcause.model.Evidence;
import dev.rootcause.model.Finding;
import dev.rootcause.model.FindingKind;
import dev.rootcause.model.HttpLocation;
import dev.rootcause.model.ScanResult;
import dev.rootcause.model.Severity;
import dev.rootcause.model.SourceLocation;
import dev.rootcause.rules.Rule;
import dev.rootcause.rules.RuleEngine;
import dev.rootcause.rules.k8s.FaultInjectionEnabled;
import dev.rootcause.rules.k8s.MissingLivenessProbe;
import dev.rootcause.rules.k8s.MissingResources;
import dev.rootcause.rules.k8s.ProbePortNotExposed;
import dev.rootcause.rules.k8s.ServiceSelectsNothing;
import dev.rootcause.testing.Goldens;
import dev.rootcause.testing.Scans;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each format rendered from one deterministic result, compared with its golden file under {@code
 * src/test/resources/golden/}. The result is a real scan of {@code golden/repo} (findings, a
 * suppressed one, a file that cannot be read) with its elapsed time fixed, plus what the repo alone
 * cannot produce yet: a finding on a live cluster object with HTTP evidence, and a rule failure.
 */
class GoldenReportsTest {
  static final Path GOLDEN = Path.of("src/test/resources/golden");

  /** A fixed set, so that adding a rule to the catalogue does not rewrite every golden file. */
  private static final List<Rule> RULES =
      List.of(
          new FaultInjectionEnabled(),
          new MissingLivenessProbe(),
          new MissingResources(),
          new ProbePortNotExposed(),
          new ServiceSelectsNothing());

  @Test
  void text() throws IOException {
    Goldens.assertMatches(GOLDEN.resolve("report.txt"), render(new TextRenderer(false, true)));
  }

  @Test
  void json() throws IOException {
    Goldens.assertMatches(GOLDEN.resolve("report.json"), render(new JsonRenderer()));
  }

  @Test
  void sarif() throws IOException {
    Goldens.assertMatches(GOLDEN.resolve("report.sarif"), render(new SarifRenderer()));
  }

  /** {@code --all}: hardening in full after the root causes, instead of its counts. */
  @Test
  void textWithAll() throws IOException {
    Goldens.assertMatches(
        GOLDEN.resolve("report-all.txt"), render(new TextRenderer(false, true, true)));
  }

  @Test
  void markdown() throws IOException {
    Goldens.assertMatches(GOLDEN.resolve("report.md"), render(new MarkdownRenderer()));
  }

  @Test
  void html() throws IOException {
    Goldens.assertMatches(GOLDEN.resolve("report.html"), render(new HtmlRenderer()));
  }

  private static String render(ReportRenderer renderer) throws IOException {
    StringWriter out = new StringWriter();
    renderer.render(result(), out);
    return out.toString();
  }

  /** The golden input: deterministic, and touching every branch the renderers have. */
  static ScanResult result() {
    ScanResult scanned = Scans.scan(GOLDEN.resolve("repo"), RULES);
    List<Finding> findings = new ArrayList<>(scanned.findings());
    findings.add(
        new Finding(
            "runtime/liveness-endpoint-fails",
            Severity.HIGH,
            "Pod shop/api-7f9c4-x2x1z",
            "kubelet restarts the container every 30 s: CrashLoopBackOff",
            "GET /healthz answers 500 on the running pod, so every liveness check fails",
            new ClusterLocation(
                "prod-eu", "shop", "Pod", "api-7f9c4-x2x1z", ".spec.containers[0].livenessProbe"),
            List.of(
                new Evidence(
                    new HttpLocation(
                        "GET", "http://10.0.3.7:3000/healthz", 500, Duration.ofMillis(35)),
                    "answered 500 | Internal Server Error"),
                new Evidence(SourceLocation.of("k8s/api.yaml", 24), "livenessProbe path /healthz"),
                new Evidence(
                    SourceLocation.file("k8s/api.yaml"), "no startupProbe in the manifest")),
            "Make /healthz report only the process's own health, not its dependencies'.",
            Confidence.LIKELY,
            FindingKind.ROOT_CAUSE));
    // What the liveness failure takes down: told after the causes, naming the one it follows.
    ClusterLocation service =
        new ClusterLocation("prod-eu", "shop", "Service", "api", ".spec.selector");
    findings.add(
        new Finding(
            "runtime/service-without-endpoints",
            Severity.HIGH,
            "Service shop/api",
            "connections to the Service fail until its pods are Ready",
            "Service api (LoadBalancer) has no endpoints: the 1 pod(s) its selector matches are"
                + " not Ready: api-7f9c4-x2x1z (api CrashLoopBackOff)",
            service,
            List.of(
                new Evidence(
                    new ClusterLocation(
                        "prod-eu",
                        "shop",
                        "Pod",
                        "api-7f9c4-x2x1z",
                        ".spec.containers[0].livenessProbe"),
                    "follows from runtime/liveness-endpoint-fails on Pod shop/api-7f9c4-x2x1z"),
                new Evidence(
                    new ClusterLocation("prod-eu", "shop", "Pod", "api-7f9c4-x2x1z", ".status"),
                    "api-7f9c4-x2x1z CrashLoopBackOff, not Ready")),
            "Fix why the selected pods are not Ready.",
            Confidence.CERTAIN,
            FindingKind.CONSEQUENCE));
    findings.sort(RuleEngine.REPORT_ORDER);
    List<ScanResult.RuleFailure> failures =
        List.of(
            new ScanResult.RuleFailure(
                "k8s/probe-port-not-exposed",
                "StatefulSet shop/db container postgres",
                "java.lang.IllegalStateException: port name 'pg' resolved twice"));
    return new ScanResult(
        scanned.root().replace('\\', '/'),
        findings,
        scanned.suppressed(),
        scanned.problems(),
        failures,
        scanned.rulesRun(),
        scanned.inventory(),
        Duration.ofMillis(420),
        java.util.Map.of(),
        ScanResult.CacheUse.NONE,
        scanned.coverage());
  }
}
