package dev.rootcause.report.incident;

import dev.rootcause.model.incident.Incident;
import dev.rootcause.model.incident.ProbeSample;
import dev.rootcause.model.probe.Units;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The probe chart of an incident, error rate (bars) and p95 latency (line) of each probe run over
 * its impact: drawn for the HTML postmortem and the incident page alike. Colours are SVG
 * presentation attributes and text has classes, so it needs no inline style or script.
 */
public final class ProbeCharts {
  static final String IMPACT = "#f6dede";
  static final String ERRORS = "#d0303f";
  static final String LATENCY = "#1f5fbf";

  /** The CSS of the chart's text, for a page that serves it from a file. */
  public static final String CSS = SvgCharts.CSS;

  private ProbeCharts() {}

  /** The chart as SVG markup, every label escaped; empty when no probe ran. */
  public static String svg(Incident i, List<ProbeSample> runs) {
    if (runs.isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder();
    draw(b, i, runs);
    return b.toString();
  }

  static void draw(StringBuilder b, Incident i, List<ProbeSample> runs) {
    long first = Math.min(i.impactFrom(), runs.get(0).at());
    long last =
        Math.max(
            i.impactTo() == 0 ? i.impactFrom() : i.impactTo(),
            runs.stream().mapToLong(ProbeSample::end).max().orElse(first));
    long pad = Math.max(30, (last - first) / 20);
    long maxLatency = Math.max(1, runs.stream().mapToLong(ProbeSample::p95Micros).max().orElse(1));
    long scale = maxLatency + maxLatency / 10;
    SvgCharts c = new SvgCharts(b, first - pad, last + pad, SvgCharts.H, "error rate and p95");
    c.span(i.impactFrom(), i.impactTo() == 0 ? last + pad : i.impactTo(), IMPACT, "impact");
    long barWidth = Math.max(1, (last - first + 2 * pad) / 120);
    for (ProbeSample s : runs) {
      c.bar(
          s.at(),
          Math.max(barWidth, s.seconds()),
          s.errorRate() * 1000,
          1000,
          ERRORS,
          String.format(
              Locale.ROOT,
              "%s %s: %d of %d failed (%s), p95 %s",
              Spans.moment(s.at()),
              s.url(),
              s.bad(),
              s.requests(),
              Spans.percent(s.errorRate()),
              Units.micros(s.p95Micros())));
    }
    List<long[]> p95 = new ArrayList<>();
    for (ProbeSample s : runs) {
      p95.add(new long[] {s.at() + Math.max(barWidth, s.seconds()) / 2, s.p95Micros()});
    }
    c.line(p95, scale, LATENCY, v -> "p95 " + Units.micros(v));
    c.axes("100%", Units.micros(scale), "error rate", "p95");
    c.close();
  }
}
