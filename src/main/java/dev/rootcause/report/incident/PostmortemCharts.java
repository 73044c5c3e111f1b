package dev.rootcause.report.incident;

import static dev.rootcause.report.HtmlPage.esc;

import dev.rootcause.model.incident.Budget;
import dev.rootcause.model.incident.Charge;
import dev.rootcause.model.incident.Incident;
import dev.rootcause.model.incident.Postmortem;
import dev.rootcause.model.incident.ProbeSample;
import dev.rootcause.model.incident.TimelineEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The postmortem's three charts, drawn with {@link SvgCharts}: measurements, budget, timeline. */
final class PostmortemCharts {
  private static final String IMPACT = ProbeCharts.IMPACT;
  private static final String ERRORS = ProbeCharts.ERRORS;

  private PostmortemCharts() {}

  /** Error rate (bars) and p95 latency (line) of each probe run, over the impact window. */
  static void measurements(StringBuilder b, Postmortem p) {
    List<ProbeSample> runs = p.samples();
    if (runs.isEmpty()) {
      b.append("<p class=note>No probe measured this incident (<code>rootcause probe URL")
          .append(" --incident ")
          .append(esc(p.incident().id()))
          .append("</code> keeps what it measures).</p>\n");
      return;
    }
    b.append("<h3>Error rate and latency over the incident</h3>\n");
    ProbeCharts.draw(b, p.incident(), runs);
    legend(
        b,
        ProbeCharts.ERRORS,
        "error rate of a probe run",
        ProbeCharts.LATENCY,
        "its p95 latency",
        ProbeCharts.IMPACT,
        "impact");
  }

  /** The budget as a gauge (this incident, the others, what is left) and its use over time. */
  static void budget(StringBuilder b, Budget budget, Incident incident) {
    long total = Math.max(1, budget.slo().budgetSeconds());
    long mine =
        budget.charges().stream()
            .filter(c -> c.incidentId().equals(incident.id()))
            .mapToLong(Charge::downtimeSeconds)
            .sum();
    long others = Math.max(0, budget.consumedSeconds() - mine);
    b.append("<h3>Error budget of ")
        .append(esc(budget.slo().service()))
        .append(": ")
        .append(esc(budget.slo().objective()))
        .append("</h3>\n");
    int w = SvgCharts.W - SvgCharts.LEFT - SvgCharts.RIGHT;
    double scale = (double) w / Math.max(total, budget.consumedSeconds());
    b.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"46\" viewBox=\"0 0 %d"
                + " 46\" role=\"img\" aria-label=\"error budget used\">\n",
            SvgCharts.W,
            SvgCharts.W));
    double x = SvgCharts.LEFT;
    x = gaugePart(b, x, others * scale, "#e08a00", "other incidents: " + Spans.human(others));
    x = gaugePart(b, x, mine * scale, ERRORS, incident.id() + ": " + Spans.human(mine));
    double left = Math.max(0, total - budget.consumedSeconds()) * scale;
    gaugePart(b, x, left, "#3a9a52", "remaining: " + PostmortemMarkdown.remaining(budget));
    double edge = SvgCharts.LEFT + total * scale;
    b.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%.1f\" y1=\"2\" x2=\"%.1f\" y2=\"30\" stroke=\"#222\" stroke-width=\"2\"/>\n"
                + "<text x=\"%d\" y=\"42\" class=ax>0</text><text x=\"%.1f\" y=\"42\" class=ax"
                + " text-anchor=\"end\">budget %s</text>\n",
            edge,
            edge,
            SvgCharts.LEFT,
            edge,
            esc(Spans.human(total))));
    b.append(
        String.format(
            Locale.ROOT,
            "<text x=\"4\" y=\"20\" class=ax>%s used</text>\n</svg>\n",
            esc(Spans.percent(budget.used()))));
    burn(b, budget, incident, total);
  }

  private static double gaugePart(StringBuilder b, double x, double w, String fill, String tip) {
    if (w <= 0) {
      return x;
    }
    b.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%.1f\" y=\"6\" width=\"%.1f\" height=\"20\" fill=\"%s\"><title>%s</title>"
                + "</rect>\n",
            x,
            w,
            fill,
            esc(tip)));
    return x + w;
  }

  /** The budget consumed over the window, a step at the end of each charged incident. */
  private static void burn(StringBuilder b, Budget budget, Incident incident, long total) {
    List<Charge> charges = new ArrayList<>(budget.charges());
    charges.removeIf(c -> c.at() == 0);
    if (charges.isEmpty()) {
      return;
    }
    charges.sort(Comparator.comparingLong(Charge::at));
    long to = charges.get(charges.size() - 1).at();
    long from = to - budget.slo().windowSeconds();
    long max = Math.max(total, budget.consumedSeconds()) * 115 / 100;
    SvgCharts c = new SvgCharts(b, from, to, 150, "error budget consumed over the window");
    List<long[]> steps = new ArrayList<>();
    long used = 0;
    steps.add(new long[] {from, 0});
    for (Charge ch : charges) {
      steps.add(new long[] {ch.at(), used});
      used += ch.downtimeSeconds();
      steps.add(new long[] {ch.at(), used});
    }
    c.line(steps, max, ERRORS, v -> Spans.human(v) + " of budget consumed");
    c.level(total, max, "#222", "budget " + Spans.human(total));
    c.axes(Spans.human(max), null, "consumed", null);
    c.close();
    b.append("<p class=note>Budget consumed over the ")
        .append(esc(Spans.human(budget.slo().windowSeconds())))
        .append(" window ending at the last charge (")
        .append(esc(incident.id()))
        .append(" and every other incident of the service).</p>\n");
  }

  /** The timeline as numbered markers (lessons, written later, stay in the table only). */
  static void timeline(StringBuilder b, Postmortem p, List<TimelineEntry> entries) {
    Incident i = p.incident();
    List<Integer> shown = new ArrayList<>();
    for (int k = 0; k < entries.size(); k++) {
      if (entries.get(k).kind() != TimelineEntry.Kind.LESSON) {
        shown.add(k);
      }
    }
    if (shown.isEmpty()) {
      return;
    }
    long first = Math.min(i.impactFrom(), entries.get(shown.get(0)).at());
    long last = Math.max(entries.get(shown.get(shown.size() - 1)).at(), i.impactTo());
    long pad = Math.max(20, (last - first) / 25);
    SvgCharts probe = new SvgCharts(new StringBuilder(), first - pad, last + pad, 100, "");
    List<Double> rowEnds = new ArrayList<>();
    int[] rows = new int[entries.size()];
    for (int k : shown) {
      double x = probe.x(entries.get(k).at());
      int row = 0;
      while (row < rowEnds.size() && rowEnds.get(row) > x - 22) {
        row++;
      }
      if (row == rowEnds.size()) {
        rowEnds.add(x);
      } else {
        rowEnds.set(row, x);
      }
      rows[k] = row;
    }
    int height = SvgCharts.TOP + SvgCharts.BOTTOM + 24 + rowEnds.size() * 22;
    SvgCharts c = new SvgCharts(b, first - pad, last + pad, height, "timeline");
    if (i.impactTo() > 0) {
      c.span(i.impactFrom(), i.impactTo(), IMPACT, "impact " + Spans.human(i.downtimeSeconds()));
    }
    for (int k : shown) {
      TimelineEntry e = entries.get(k);
      c.marker(
          e.at(), k + 1, rows[k], colour(e), Spans.moment(e.at()) + ": " + PostmortemText.label(e));
    }
    c.axes(null, null, null, null);
    c.close();
    legend(b, "#1f5fbf", "opened", "#7b3fb5", "evidence", "#3a9a52", "status", "#888", "note");
  }

  private static String colour(TimelineEntry e) {
    return switch (e.kind()) {
      case OPENED -> "#1f5fbf";
      case EVIDENCE -> "#7b3fb5";
      case STATUS -> "#3a9a52";
      default -> "#888";
    };
  }

  /** A legend of colour and name pairs. */
  private static void legend(StringBuilder b, String... pairs) {
    b.append("<p class=\"legend note\">");
    for (int k = 0; k + 1 < pairs.length; k += 2) {
      b.append("<span style=\"background:")
          .append(pairs[k])
          .append("\"></span>")
          .append(esc(pairs[k + 1]));
    }
    b.append("</p>\n");
  }
}
