package dev.rootcause.report.probe;

import static dev.rootcause.report.HtmlPage.esc;

import dev.rootcause.model.probe.CanaryReport;
import dev.rootcause.model.probe.Criterion;
import dev.rootcause.model.probe.Diagnosis;
import dev.rootcause.model.probe.EndpointResult;
import dev.rootcause.model.probe.FailureSample;
import dev.rootcause.model.probe.HistogramBucket;
import dev.rootcause.model.probe.LatencySummary;
import dev.rootcause.model.probe.ProbePlan;
import dev.rootcause.model.probe.ProbeReport;
import dev.rootcause.model.probe.SecondStats;
import dev.rootcause.model.probe.Units;
import dev.rootcause.model.probe.VerifyReport;
import dev.rootcause.report.HtmlPage;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The probe and verify reports as one self-contained HTML page: inline CSS, the latency histogram
 * and the per-second series as inline SVG, no script and nothing fetched, so it can be attached to
 * an incident ticket and opened anywhere.
 */
public final class GateHtml {
  private static final int W = 640;
  private static final int H = 180;
  private static final int PAD = 40;

  public void render(ProbeReport report, Writer out) throws IOException {
    StringBuilder b = new StringBuilder();
    HtmlPage.open(b, "rootcause probe", CSS);
    probe(b, report);
    if (report.slo() != null) {
      b.append("<h2>SLO ").append(esc(report.slo().toString())).append("</h2>\n");
      criteria(b, report.criteria());
      verdict(b, report.passed(), report.passed() ? "SLO met" : "SLO violated");
    } else {
      b.append("<h2>Check (no --slo given)</h2>\n<p class=note>")
          .append(esc(GateText.DEFAULT_CHECK_WORDS))
          .append("</p>\n");
      criteria(b, report.criteria());
      verdict(b, report.passed(), report.passed() ? "PASS" : "FAIL");
    }
    HtmlPage.close(b);
    out.write(b.toString());
    out.flush();
  }

  public void render(VerifyReport report, Writer out) throws IOException {
    StringBuilder b = new StringBuilder();
    HtmlPage.open(b, "rootcause verify", CSS);
    verdict(b, report.passed(), report.passed() ? "PASS" : "FAIL");
    b.append("<h2>Criteria</h2>\n");
    if (report.clusterSource() != null) {
      b.append("<p class=note>Cluster: ").append(esc(report.clusterSource())).append("</p>\n");
    }
    criteria(b, report.criteria());
    if (report.canary() != null) {
      canary(b, report.canary());
    }
    if (report.probe() != null) {
      probe(b, report.probe());
    }
    HtmlPage.close(b);
    out.write(b.toString());
    out.flush();
  }

  private static final String CSS =
      HtmlPage.BASE_CSS
          + ".pass{color:#116611;font-weight:bold}.fail{color:#b00020;font-weight:bold}"
          + ".verdict{font-size:1.2em;padding:.5em 1em;border-radius:4px;display:inline-block}"
          + ".verdict.pass{background:#e6f4e6}.verdict.fail{background:#fde8ea}"
          + ".note{color:#555}code,pre{font-family:ui-monospace,monospace;font-size:12px}"
          + "pre{background:#f7f7f7;padding:.5em;white-space:pre-wrap;word-break:break-all}"
          + "svg{background:#fcfcfc;border:1px solid #eee}svg text{font:10px sans-serif;fill:#555}";

  private static void verdict(StringBuilder b, boolean passed, String text) {
    b.append("<p class=\"verdict ")
        .append(passed ? "pass" : "fail")
        .append("\">")
        .append(esc(text))
        .append("</p>\n");
  }

  private static void probe(StringBuilder b, ProbeReport report) {
    ProbePlan plan = report.result().plan();
    b.append("<h2>Probe</h2>\n<p>")
        .append(
            esc(
                plan.method()
                    + ", "
                    + plan.describe()
                    + ", "
                    + plan.model().name().toLowerCase(Locale.ROOT)
                    + " model, started "
                    + report.result().startedAt()))
        .append("</p>\n");
    List<EndpointResult> endpoints = report.result().endpoints();
    for (int i = 0; i < endpoints.size(); i++) {
      endpoint(b, endpoints.get(i), report.diagnoses().get(i));
    }
  }

  private static void endpoint(StringBuilder b, EndpointResult r, Diagnosis d) {
    b.append("<h3>").append(esc(r.url())).append("</h3>\n");
    if (d != null) {
      b.append("<p><b>")
          .append(esc(d.headline()))
          .append("</b>: ")
          .append(esc(d.explanation()))
          .append("</p>\n");
    }
    LatencySummary l = r.latency();
    b.append("<table><tr><th>requests</th><th>succeeded</th><th>failed</th><th>req/s</th>")
        .append(
            "<th>p50</th><th>p90</th><th>p95</th><th>p99</th><th>p99.9</th><th>max</th></tr>\n<tr>")
        .append(td(String.valueOf(r.requests())))
        .append(td(String.valueOf(r.succeeded())))
        .append(td(String.valueOf(r.failed())))
        .append(td(Units.number(Math.rint(r.rps()))))
        .append(td(Units.micros(l.p50())))
        .append(td(Units.micros(l.p90())))
        .append(td(Units.micros(l.p95())))
        .append(td(Units.micros(l.p99())))
        .append(td(Units.micros(l.p999())))
        .append(td(Units.micros(l.max())))
        .append("</tr></table>\n");
    String statuses =
        r.statuses().entrySet().stream()
            .map(e -> e.getKey() + " x" + e.getValue())
            .collect(Collectors.joining(", "));
    String errors =
        r.errors().entrySet().stream()
            .map(e -> e.getKey().description() + " x" + e.getValue())
            .collect(Collectors.joining(", "));
    b.append("<p>Statuses: ")
        .append(esc(statuses.isEmpty() ? "none" : statuses))
        .append(". Errors: ")
        .append(esc(errors.isEmpty() ? "none" : errors))
        .append(".</p>\n");
    if (!r.histogram().isEmpty()) {
      b.append("<p>Latency histogram (log scale)</p>\n");
      histogram(b, r.histogram());
    }
    if (!r.timeline().isEmpty()) {
      b.append(
          "<p>Per second: requests (grey), failures (red), p50 (blue) and p99 (orange)"
              + " latency</p>\n");
      timeline(b, r.timeline());
    }
    if (!r.samples().isEmpty()) {
      b.append("<p>Failing responses kept:</p>\n");
      for (FailureSample s : r.samples()) {
        b.append("<pre>").append(esc(GateText.sample(s))).append("</pre>\n");
      }
    }
  }

  private static void histogram(StringBuilder b, List<HistogramBucket> buckets) {
    long max = buckets.stream().mapToLong(HistogramBucket::count).max().orElse(1);
    double bw = (double) (W - 2 * PAD) / buckets.size();
    b.append(svgOpen());
    for (int i = 0; i < buckets.size(); i++) {
      HistogramBucket k = buckets.get(i);
      double h = max == 0 ? 0 : (double) k.count() / max * (H - 2 * PAD);
      double x = PAD + i * bw;
      b.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#4a78b5\">"
                  + "<title>%s - %s: %d</title></rect>\n",
              x,
              H - PAD - h,
              Math.max(1, bw - 1),
              h,
              esc(Units.micros(k.fromMicros())),
              esc(Units.micros(k.toMicros())),
              k.count()));
    }
    axis(b);
    int[] marks = {0, buckets.size() / 2, buckets.size() - 1};
    for (int i : marks) {
      double x = PAD + i * bw;
      b.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%.1f\" y=\"%d\">%s</text>\n",
              x,
              H - PAD + 14,
              esc(Units.micros(buckets.get(i).fromMicros()))));
    }
    b.append(String.format(Locale.ROOT, "<text x=\"2\" y=\"%d\">%d</text>\n", PAD, max));
    b.append("</svg>\n");
  }

  private static void timeline(StringBuilder b, List<SecondStats> series) {
    long maxReq = series.stream().mapToLong(SecondStats::requests).max().orElse(1);
    long maxLat = series.stream().mapToLong(SecondStats::p99Micros).max().orElse(1);
    maxReq = Math.max(1, maxReq);
    maxLat = Math.max(1, maxLat);
    double bw = (double) (W - 2 * PAD) / series.size();
    double plot = H - 2 * PAD;
    b.append(svgOpen());
    StringBuilder p50 = new StringBuilder();
    StringBuilder p99 = new StringBuilder();
    for (int i = 0; i < series.size(); i++) {
      SecondStats s = series.get(i);
      double x = PAD + i * bw;
      double h = (double) s.requests() / maxReq * plot;
      double f = (double) s.failures() / maxReq * plot;
      b.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#c8c8c8\">"
                  + "<title>second %d: %d requests, %d failed, p50 %s, p99 %s</title></rect>\n",
              x,
              H - PAD - h,
              Math.max(1, bw - 1),
              h,
              s.second(),
              s.requests(),
              s.failures(),
              esc(Units.micros(s.p50Micros())),
              esc(Units.micros(s.p99Micros()))));
      if (f > 0) {
        b.append(
            String.format(
                Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#d0303f\"/>\n",
                x,
                H - PAD - f,
                Math.max(1, bw - 1),
                f));
      }
      double cx = x + bw / 2;
      p50.append(
          String.format(
              Locale.ROOT, "%.1f,%.1f ", cx, H - PAD - (double) s.p50Micros() / maxLat * plot));
      p99.append(
          String.format(
              Locale.ROOT, "%.1f,%.1f ", cx, H - PAD - (double) s.p99Micros() / maxLat * plot));
    }
    b.append("<polyline fill=\"none\" stroke=\"#1f5fbf\" stroke-width=\"1.5\" points=\"")
        .append(p50.toString().trim())
        .append("\"/>\n");
    b.append("<polyline fill=\"none\" stroke=\"#e08a00\" stroke-width=\"1.5\" points=\"")
        .append(p99.toString().trim())
        .append("\"/>\n");
    axis(b);
    b.append(String.format(Locale.ROOT, "<text x=\"2\" y=\"%d\">%d/s</text>\n", PAD, maxReq));
    b.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"%d\">%s</text>\n",
            W - PAD + 2,
            PAD,
            esc(Units.micros(maxLat))));
    b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">0s</text>\n", PAD, H - PAD + 14));
    b.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"%d\">%ds</text>\n",
            W - PAD - 20,
            H - PAD + 14,
            series.size()));
    b.append("</svg>\n");
  }

  private static String svgOpen() {
    return String.format(
        Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
            + " role=\"img\">\n",
        W,
        H,
        W,
        H);
  }

  private static void axis(StringBuilder b) {
    b.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>\n",
            PAD,
            H - PAD,
            W - PAD,
            H - PAD));
  }

  private static void criteria(StringBuilder b, List<Criterion> criteria) {
    b.append(
        "<table><tr><th></th><th>criterion</th><th>measured</th><th>on</th><th>detail</th></tr>\n");
    for (Criterion c : criteria) {
      b.append("<tr><td class=")
          .append(c.passed() ? "pass>PASS" : "fail>FAIL")
          .append("</td>")
          .append(td(c.name()))
          .append(td(c.measured()))
          .append(td(c.subject()))
          .append(td(c.detail()))
          .append("</tr>\n");
    }
    b.append("</table>\n");
  }

  private static void canary(StringBuilder b, CanaryReport c) {
    b.append("<h2>Canary: ").append(esc(c.decision().name())).append("</h2>\n<ul>\n");
    for (String reason : c.reasons()) {
      b.append("<li>").append(esc(reason)).append("</li>\n");
    }
    b.append("</ul>\n");
    endpoint(b, c.baseline(), null);
    endpoint(b, c.candidate(), null);
  }

  private static String td(String s) {
    return "<td>" + esc(s) + "</td>";
  }
}
