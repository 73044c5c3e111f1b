package dev.rootcause.report.probe;

import static dev.rootcause.report.MarkdownRenderer.cell;
import static dev.rootcause.report.MarkdownRenderer.code;
import static dev.rootcause.report.MarkdownRenderer.text;

import dev.rootcause.model.probe.CanaryReport;
import dev.rootcause.model.probe.Criterion;
import dev.rootcause.model.probe.Diagnosis;
import dev.rootcause.model.probe.EndpointResult;
import dev.rootcause.model.probe.FailureSample;
import dev.rootcause.model.probe.LatencySummary;
import dev.rootcause.model.probe.ProbePlan;
import dev.rootcause.model.probe.ProbeReport;
import dev.rootcause.model.probe.Units;
import dev.rootcause.model.probe.VerifyReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The probe and verify reports as a section to paste into a post-incident report or a pull request:
 * the verdict first, every criterion as a table row, then one table per URL.
 */
public final class GateMarkdown {

  public void render(ProbeReport report, Writer out) throws IOException {
    PrintWriter w = new PrintWriter(out);
    w.println("## rootcause probe");
    w.println();
    if (report.slo() != null) {
      long failed = report.criteria().stream().filter(c -> !c.passed()).count();
      w.println(
          "**"
              + (failed == 0 ? "SLO met" : "SLO violated")
              + "** ("
              + text(report.slo().toString())
              + "): "
              + failed
              + " of "
              + report.criteria().size()
              + " criteria failed.");
      w.println();
      criteria(w, report.criteria());
    } else {
      long failed = report.criteria().stream().filter(c -> !c.passed()).count();
      w.println(
          "**"
              + (failed == 0 ? "PASS" : "FAIL")
              + "** (no --slo given: "
              + GateText.DEFAULT_CHECK_WORDS
              + "): "
              + failed
              + " of "
              + report.criteria().size()
              + " URLs failed.");
      w.println();
      criteria(w, report.criteria());
    }
    probe(w, report);
    w.flush();
  }

  public void render(VerifyReport report, Writer out) throws IOException {
    PrintWriter w = new PrintWriter(out);
    List<Criterion> all = report.criteria();
    long failed = all.stream().filter(c -> !c.passed()).count();
    w.println("## rootcause verify");
    w.println();
    w.println(
        "**"
            + (failed == 0 ? "PASS" : "FAIL")
            + "**: "
            + failed
            + " of "
            + all.size()
            + " criteria failed"
            + (report.canary() == null ? "" : "; canary decision " + report.canary().decision())
            + ".");
    w.println();
    if (report.clusterSource() != null) {
      w.println("Cluster: " + text(report.clusterSource()));
      w.println();
    }
    criteria(w, all);
    if (report.canary() != null) {
      canary(w, report.canary());
    }
    if (report.probe() != null) {
      probe(w, report.probe());
    }
    w.flush();
  }

  private static void criteria(PrintWriter w, List<Criterion> criteria) {
    w.println("| | Criterion | Measured | On | Detail |");
    w.println("| --- | --- | --- | --- | --- |");
    for (Criterion c : criteria) {
      w.println(
          "| "
              + (c.passed() ? "PASS" : "**FAIL**")
              + " | "
              + cell(c.name())
              + " | "
              + cell(c.measured())
              + " | "
              + cell(c.subject())
              + " | "
              + cell(c.detail())
              + " |");
    }
    w.println();
  }

  private static void canary(PrintWriter w, CanaryReport c) {
    w.println("### Canary: " + c.decision());
    w.println();
    for (String reason : c.reasons()) {
      w.println("- " + text(reason));
    }
    w.println();
    endpoint(w, c.baseline(), null);
    endpoint(w, c.candidate(), null);
  }

  private static void probe(PrintWriter w, ProbeReport report) {
    ProbePlan plan = report.result().plan();
    w.println("### Probe: " + text(plan.method() + ", " + plan.describe()));
    w.println();
    List<EndpointResult> endpoints = report.result().endpoints();
    for (int i = 0; i < endpoints.size(); i++) {
      endpoint(w, endpoints.get(i), report.diagnoses().get(i));
    }
  }

  private static void endpoint(PrintWriter w, EndpointResult r, Diagnosis d) {
    w.println("#### " + code(r.url(), false));
    w.println();
    if (d != null) {
      w.println("**" + text(d.headline()) + "**: " + text(d.explanation()));
      w.println();
    }
    LatencySummary l = r.latency();
    w.println("| Requests | Succeeded | Failed | req/s | p50 | p95 | p99 | Max |");
    w.println("| --- | --- | --- | --- | --- | --- | --- | --- |");
    w.println(
        "| "
            + r.requests()
            + " | "
            + r.succeeded()
            + " | "
            + r.failed()
            + " | "
            + Units.number(Math.rint(r.rps()))
            + " | "
            + Units.micros(l.p50())
            + " | "
            + Units.micros(l.p95())
            + " | "
            + Units.micros(l.p99())
            + " | "
            + Units.micros(l.max())
            + " |");
    w.println();
    String statuses =
        r.statuses().entrySet().stream()
            .map(e -> e.getKey() + " x" + e.getValue())
            .collect(Collectors.joining(", "));
    String errors =
        r.errors().entrySet().stream()
            .map(e -> e.getKey().description() + " x" + e.getValue())
            .collect(Collectors.joining(", "));
    w.println(
        "Statuses: "
            + text(statuses.isEmpty() ? "none" : statuses)
            + ". Errors: "
            + text(errors.isEmpty() ? "none" : errors)
            + ".");
    w.println();
    if (!r.samples().isEmpty()) {
      w.println("Failing responses kept:");
      w.println();
      for (FailureSample s : r.samples()) {
        w.println("- " + code(GateText.sample(s), false));
      }
      w.println();
    }
  }
}
