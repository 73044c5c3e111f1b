package dev.rootcause.report.probe;

import dev.rootcause.model.probe.CanaryReport;
import dev.rootcause.model.probe.Criterion;
import dev.rootcause.model.probe.Diagnosis;
import dev.rootcause.model.probe.EndpointResult;
import dev.rootcause.model.probe.FailureSample;
import dev.rootcause.model.probe.LatencySummary;
import dev.rootcause.model.probe.LoadModel;
import dev.rootcause.model.probe.ProbePlan;
import dev.rootcause.model.probe.ProbeReport;
import dev.rootcause.model.probe.SecondStats;
import dev.rootcause.model.probe.Units;
import dev.rootcause.model.probe.VerifyReport;
import dev.rootcause.report.ControlCharacters;
import dev.rootcause.report.Redaction;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The probe and verify reports for a terminal: one block per URL, then every criterion as PASS or
 * FAIL with its measured value, then the verdict.
 */
public final class GateText {
  static final int BODY_CHARS = 300;

  /** The default check in words, for every format. */
  static final String DEFAULT_CHECK_WORDS =
      "each URL answered, and most answers were not server errors (5xx)";

  private final boolean timeline;

  /**
   * @param timeline also print the per-second table
   */
  public GateText(boolean timeline) {
    this.timeline = timeline;
  }

  public void render(ProbeReport report, Writer out) throws IOException {
    PrintWriter w = new PrintWriter(out);
    ProbePlan plan = report.result().plan();
    w.println(
        "rootcause probe: "
            + plan.method()
            + ", "
            + plan.describe()
            + " ("
            + (plan.model() == LoadModel.OPEN
                ? "open model, latency from scheduled send time"
                : "closed model")
            + ")");
    List<EndpointResult> endpoints = report.result().endpoints();
    for (int i = 0; i < endpoints.size(); i++) {
      w.println();
      endpoint(w, endpoints.get(i), report.diagnoses().get(i));
    }
    if (report.slo() != null) {
      w.println();
      w.println("SLO " + report.slo());
      criteria(w, report.criteria(), endpoints.size() > 1);
      long failed = report.criteria().stream().filter(c -> !c.passed()).count();
      w.println();
      w.println(
          failed == 0
              ? "Result: SLO met (" + report.criteria().size() + " criteria passed)"
              : "Result: SLO violated ("
                  + failed
                  + " of "
                  + report.criteria().size()
                  + " criteria failed)");
    } else {
      w.println();
      w.println("Check (no --slo given): " + DEFAULT_CHECK_WORDS);
      criteria(w, report.criteria(), true);
      long failed = report.criteria().stream().filter(c -> !c.passed()).count();
      w.println();
      w.println(
          failed == 0
              ? "Result: PASS (every URL answered; give --slo to check latency and"
                  + " success rate)"
              : "Result: FAIL ("
                  + failed
                  + " of "
                  + report.criteria().size()
                  + (report.criteria().size() == 1 ? " URL" : " URLs")
                  + " failed the check)");
    }
    w.flush();
  }

  public void render(VerifyReport report, Writer out) throws IOException {
    PrintWriter w = new PrintWriter(out);
    w.println("rootcause verify");
    if (report.probe() != null) {
      ProbePlan plan = report.probe().result().plan();
      w.println();
      w.println("Probe: " + plan.method() + ", " + plan.describe());
      List<EndpointResult> endpoints = report.probe().result().endpoints();
      for (int i = 0; i < endpoints.size(); i++) {
        w.println();
        endpoint(w, endpoints.get(i), report.probe().diagnoses().get(i));
      }
    }
    if (report.canary() != null) {
      w.println();
      canary(w, report.canary());
    }
    List<Criterion> all = report.criteria();
    w.println();
    w.println(
        "Criteria"
            + (report.clusterSource() == null
                ? ""
                : " (cluster: " + Redaction.redact(report.clusterSource()) + ")"));
    criteria(w, all, true);
    long failed = all.stream().filter(c -> !c.passed()).count();
    w.println();
    if (report.canary() != null) {
      w.println(
          "Decision: "
              + report.canary().decision()
              + (report.canary().decision() == CanaryReport.Decision.ROLLBACK
                  ? " (" + report.canary().reasons().get(0) + ")"
                  : ""));
    }
    w.println(
        failed == 0
            ? "Result: PASS (" + all.size() + " criteria passed)"
            : "Result: FAIL (" + failed + " of " + all.size() + " criteria failed)");
    w.flush();
  }

  private void canary(PrintWriter w, CanaryReport c) {
    w.println(
        "Canary: baseline "
            + Redaction.redact(c.baseline().url())
            + " vs candidate "
            + Redaction.redact(c.candidate().url()));
    for (EndpointResult r : List.of(c.baseline(), c.candidate())) {
      LatencySummary l = r.latency();
      w.println(
          "  "
              + pad(r == c.baseline() ? "baseline" : "candidate", 10)
              + r.requests()
              + " requests, "
              + r.failed()
              + " failed ("
              + Units.percent(1 - r.successRate())
              + ")"
              + (l.count() > 0
                  ? ", p50 "
                      + Units.micros(l.p50())
                      + ", p95 "
                      + Units.micros(l.p95())
                      + ", p99 "
                      + Units.micros(l.p99())
                  : ""));
    }
    if (c.errors() != null) {
      w.println(
          "  errors    "
              + c.errors().method()
              + ": "
              + (Double.isNaN(c.errors().z())
                  ? ""
                  : "z=" + String.format(Locale.ROOT, "%.2f", c.errors().z()) + ", ")
              + "one-sided p="
              + fmtP(c.errors().pGreater())
              + ", two-sided p="
              + fmtP(c.errors().pTwoSided()));
    }
    if (c.latency() != null) {
      w.println(
          "  latency   Mann-Whitney U="
              + String.format(Locale.ROOT, "%.1f", c.latency().u())
              + " (n="
              + c.latency().nBaseline()
              + "/"
              + c.latency().nCandidate()
              + "), z="
              + String.format(Locale.ROOT, "%.2f", c.latency().z())
              + ", one-sided p="
              + fmtP(c.latency().pGreater())
              + ", two-sided p="
              + fmtP(c.latency().pTwoSided()));
      w.println(
          "  shift     Hodges-Lehmann "
              + signed(c.shift().estimate())
              + ", 95% CI "
              + signed(c.shift().low())
              + " to "
              + signed(c.shift().high())
              + (c.shift().bounded() ? "" : " (too few samples for a bounded interval)")
              + "; tolerated slowdown "
              + Units.micros(c.toleranceMicros()));
    }
    w.println("  decision  " + c.decision());
    for (String reason : c.reasons()) {
      w.println("    - " + reason);
    }
  }

  static String fmtP(double p) {
    return p < 0.0001
        ? String.format(Locale.ROOT, "%.1e", p)
        : String.format(Locale.ROOT, "%.4f", p);
  }

  static String signed(double micros) {
    return (micros >= 0 ? "+" : "-") + Units.micros(Math.abs(micros));
  }

  void endpoint(PrintWriter w, EndpointResult r, Diagnosis d) {
    w.println(line(r.url()));
    w.println("  verdict    " + d.headline() + ": " + line(d.explanation()));
    w.println(
        "  requests   "
            + r.requests()
            + " in "
            + Units.micros(r.elapsed().toNanos() / 1_000)
            + " ("
            + Units.number(round(r.rps()))
            + " req/s), "
            + r.succeeded()
            + " succeeded, "
            + r.failed()
            + " failed");
    if (!r.statuses().isEmpty()) {
      w.println(
          "  statuses   "
              + r.statuses().entrySet().stream()
                  .map(e -> e.getKey() + " x" + e.getValue())
                  .collect(Collectors.joining(", ")));
    }
    if (!r.errors().isEmpty()) {
      w.println(
          "  errors     "
              + r.errors().entrySet().stream()
                  .map(e -> e.getKey().description() + " x" + e.getValue())
                  .collect(Collectors.joining(", ")));
    }
    LatencySummary l = r.latency();
    if (l.count() > 0) {
      w.println(
          "  latency    p50 "
              + Units.micros(l.p50())
              + "  p90 "
              + Units.micros(l.p90())
              + "  p95 "
              + Units.micros(l.p95())
              + "  p99 "
              + Units.micros(l.p99())
              + "  p99.9 "
              + Units.micros(l.p999())
              + "  max "
              + Units.micros(l.max()));
      w.println(
          "             min "
              + Units.micros(l.min())
              + "  mean "
              + Units.micros(l.mean())
              + "  stddev "
              + Units.micros(l.stddev())
              + "  ("
              + l.count()
              + " responses)");
    }
    if (!r.samples().isEmpty()) {
      w.println("  failures   first " + r.samples().size() + " kept:");
      for (FailureSample s : r.samples()) {
        w.println("    " + sample(s));
      }
    }
    if (timeline && !r.timeline().isEmpty()) {
      w.println("  second   requests  failed       p50       p99       max");
      for (SecondStats s : r.timeline()) {
        w.println(
            String.format(
                Locale.ROOT,
                "  %6d %10d %7d %9s %9s %9s",
                s.second(),
                s.requests(),
                s.failures(),
                Units.micros(s.p50Micros()),
                Units.micros(s.p99Micros()),
                Units.micros(s.maxMicros())));
      }
    }
  }

  static String sample(FailureSample s) {
    String at = "at " + Units.micros(s.atMillis() * 1_000);
    if (s.error() != null) {
      return at
          + ": "
          + s.error().description()
          + (s.detail() == null ? "" : " (" + line(s.detail()) + ")");
    }
    String body = s.body() == null ? "" : line(s.body()).replaceAll("\\s+", " ").trim();
    boolean cut = s.truncated() || body.length() > BODY_CHARS;
    if (body.length() > BODY_CHARS) {
      body = body.substring(0, BODY_CHARS);
    }
    return at
        + ": HTTP "
        + s.status()
        + (body.isEmpty() ? " (empty body)" : ": " + body + (cut ? " [truncated]" : ""));
  }

  static void criteria(PrintWriter w, List<Criterion> criteria, boolean showSubject) {
    int width = criteria.stream().mapToInt(c -> c.name().length()).max().orElse(10);
    int mwidth = criteria.stream().mapToInt(c -> c.measured().length()).max().orElse(10);
    for (Criterion c : criteria) {
      StringBuilder line =
          new StringBuilder("  ")
              .append(c.passed() ? "PASS  " : "FAIL  ")
              .append(pad(c.name(), width))
              .append("  measured ")
              .append(pad(c.measured(), mwidth));
      if (showSubject) {
        line.append("  ").append(line(c.subject()));
      }
      if (!c.detail().isEmpty()) {
        line.append("  (").append(line(c.detail())).append(')');
      }
      w.println(line.toString().stripTrailing());
    }
  }

  /**
   * Redacted, without terminal control characters: a response body or URL must not drive the
   * reader's terminal, nor leak a credential.
   */
  static String line(String s) {
    return ControlCharacters.neutralise(Redaction.redact(s));
  }

  static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }

  private static double round(double v) {
    return v >= 100 ? Math.rint(v) : Math.rint(v * 10) / 10;
  }
}
