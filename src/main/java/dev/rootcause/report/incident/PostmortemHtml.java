package dev.rootcause.report.incident;

import static dev.rootcause.report.HtmlPage.esc;

import dev.rootcause.model.incident.ActionItem;
import dev.rootcause.model.incident.Budget;
import dev.rootcause.model.incident.BurnAlert;
import dev.rootcause.model.incident.Charge;
import dev.rootcause.model.incident.Incident;
import dev.rootcause.model.incident.Postmortem;
import dev.rootcause.model.incident.RootCause;
import dev.rootcause.model.incident.Status;
import dev.rootcause.model.incident.TimelineEntry;
import dev.rootcause.model.probe.Units;
import dev.rootcause.report.HtmlPage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The postmortem as one self-contained HTML page (inline CSS and SVG, no script, nothing fetched),
 * in the order of the Markdown one, with charts where a reader would rather look than read: error
 * rate and latency over the incident, the error budget over its window, the timeline. Every string
 * from the store (notes, evidence, titles) is redacted and escaped.
 */
public final class PostmortemHtml {
  private static final String CSS =
      HtmlPage.BASE_CSS
          + SvgCharts.CSS
          + ".note{color:#777;font-size:.85em}.head td:first-child{font-weight:600}"
          + ".sev{display:inline-block;padding:0 .5em;border-radius:3px;color:#fff;background:#b3261e}"
          + ".kpi{display:flex;gap:1em;flex-wrap:wrap;margin:.8em 0}.kpi div{border:1px solid #ddd;"
          + "border-radius:4px;padding:.4em .8em;min-width:8em}.kpi b{display:block;font-size:1.3em}"
          + ".legend span{display:inline-block;width:.9em;height:.9em;margin:0 .3em 0 1em;"
          + "vertical-align:-.1em}code{background:#f4f4f4;padding:0 .25em;border-radius:3px}"
          + "li.todo{list-style:'\\2610  '}";

  private PostmortemHtml() {}

  public static String render(Postmortem p) {
    Incident i = p.incident();
    StringBuilder b = new StringBuilder();
    HtmlPage.open(b, "Postmortem: " + i.id() + ": " + i.title(), CSS);
    header(b, i);
    b.append("<h2>Summary</h2>\n<p>").append(esc(PostmortemText.summary(p))).append("</p>\n");
    kpis(b, p);
    impact(b, p);
    detection(b, p);
    rootCauses(b, i);
    timeline(b, p);
    resolution(b, i);
    actions(b, p.actions());
    lessons(b, p);
    HtmlPage.close(b);
    return b.toString();
  }

  private static void header(StringBuilder b, Incident i) {
    b.append("<table class=head>\n");
    row(b, "Incident", esc(i.id()));
    row(
        b,
        "Severity",
        "<span class=sev>" + i.severity().name() + "</span> " + esc(i.severity().meaning()));
    row(b, "Status", esc(i.status().label()));
    row(b, "Services", esc(String.join(", ", i.services())));
    row(b, "Opened", Spans.moment(i.openedAt()));
    row(b, "Resolved", i.resolvedAt() == 0 ? "not yet" : Spans.moment(i.resolvedAt()));
    b.append("</table>\n");
  }

  private static void row(StringBuilder b, String name, String html) {
    b.append("<tr><td>").append(name).append("</td><td>").append(html).append("</td></tr>\n");
  }

  /** The numbers a reader looks for first. */
  private static void kpis(StringBuilder b, Postmortem p) {
    Incident i = p.incident();
    b.append("<div class=kpi>\n");
    kpi(b, "user-facing impact", i.impactTo() == 0 ? "ongoing" : Spans.human(i.downtimeSeconds()));
    kpi(b, "time to detect", Spans.human(p.detectSeconds()));
    kpi(b, "time to mitigate", span(p.mitigateSeconds()));
    kpi(b, "time to resolve", span(p.resolveSeconds()));
    Measurements during = Measurements.during(p);
    if (during.requests() > 0) {
      kpi(b, "error rate measured", Spans.percent(during.errorRate()));
      kpi(b, "worst p95 measured", Units.micros(during.p95Micros()));
    }
    for (Charge c : p.charges()) {
      kpi(b, "error budget used", Spans.percent(c.share()));
    }
    b.append("</div>\n");
  }

  private static void kpi(StringBuilder b, String name, String value) {
    b.append("<div><b>").append(esc(value)).append("</b>").append(esc(name)).append("</div>\n");
  }

  private static void impact(StringBuilder b, Postmortem p) {
    Incident i = p.incident();
    b.append("<h2>Impact</h2>\n<ul>\n<li><b>Duration:</b> ");
    if (i.impactTo() > 0) {
      b.append(Spans.human(i.downtimeSeconds()))
          .append(", from ")
          .append(Spans.moment(i.impactFrom()))
          .append(" to ")
          .append(Spans.moment(i.impactTo()));
    } else {
      b.append("ongoing since ").append(Spans.moment(i.impactFrom()));
    }
    if (i.impactStart() == 0) {
      b.append(" (start assumed: when the incident was opened)");
    }
    b.append("</li>\n<li><b>Services:</b> ")
        .append(esc(String.join(", ", i.services())))
        .append("</li>\n");
    Measurements during = Measurements.during(p);
    if (during.requests() > 0) {
      b.append(
          String.format(
              Locale.ROOT,
              "<li><b>Measured during the impact:</b> %d requests in %d probe run(s), %d failed:"
                  + " <b>%s error rate</b>; latency p95 %s, max %s (worst run)</li>\n",
              during.requests(),
              during.runs(),
              during.bad(),
              Spans.percent(during.errorRate()),
              esc(Units.micros(during.p95Micros())),
              esc(Units.micros(during.maxMicros()))));
    }
    b.append("</ul>\n");
    PostmortemCharts.measurements(b, p);
    budgets(b, p);
  }

  private static void budgets(StringBuilder b, Postmortem p) {
    if (p.budgets().isEmpty()) {
      b.append(
          "<p>No SLO is set for these services (<code>rootcause slo set SERVICE --availability"
              + " 99.9% --window 30d</code>).</p>\n");
      return;
    }
    b.append("<h3>Error budget</h3>\n<table>\n<tr><th>service</th><th>objective</th>")
        .append("<th>budget</th><th>consumed by this incident</th><th>share</th>")
        .append("<th>postmortem required (&gt;20%)</th><th>consumed in window</th>")
        .append("<th>remaining</th><th>burn rate (24h)</th><th>SLA breached</th></tr>\n");
    for (int k = 0; k < p.budgets().size(); k++) {
      Budget bu = p.budgets().get(k);
      Charge c = p.charges().get(k);
      b.append("<tr><td>")
          .append(esc(bu.slo().service()))
          .append("</td><td>")
          .append(esc(bu.slo().objective()))
          .append("</td><td>")
          .append(Spans.human(bu.slo().budgetSeconds()))
          .append("</td><td>")
          .append(Spans.human(c.downtimeSeconds()))
          .append(
              c.measured()
                  ? " (" + c.measuredBad() + " of " + c.measuredRequests() + " requests bad)"
                  : "")
          .append("</td><td>")
          .append(Spans.percent(c.share()))
          .append("</td><td>")
          .append(c.needsPostmortem() ? "<b>yes</b>" : "no")
          .append("</td><td>")
          .append(Spans.human(bu.consumedSeconds()))
          .append("</td><td>")
          .append(esc(PostmortemMarkdown.remaining(bu)))
          .append("</td><td>")
          .append(String.format(Locale.ROOT, "%.1fx", bu.burnRate()))
          .append("</td><td>")
          .append(bu.breached() ? "<b>yes</b>" : "no")
          .append("</td></tr>\n");
    }
    b.append("</table>\n");
    for (Budget bu : p.budgets()) {
      PostmortemCharts.budget(b, bu, p.incident());
      if (!bu.alerts().isEmpty()) {
        b.append("<p>Burn-rate alerts of ")
            .append(esc(bu.slo().service()))
            .append(", replayed over the recorded probes:</p>\n<ul>\n");
        for (BurnAlert a : bu.alerts()) {
          b.append("<li>").append(esc(BurnAlerts.describe(a))).append("</li>\n");
        }
        b.append("</ul>\n");
      }
    }
  }

  private static void detection(StringBuilder b, Postmortem p) {
    Incident i = p.incident();
    b.append("<h2>Detection</h2>\n<p>Impact began ")
        .append(Spans.moment(i.impactFrom()))
        .append("; the incident was opened ")
        .append(Spans.moment(i.openedAt()))
        .append(": <b>time to detect ")
        .append(Spans.human(p.detectSeconds()))
        .append("</b>.");
    i.notes().stream().findFirst().ifPresent(n -> b.append(" First note: ").append(esc(n.text())));
    b.append("</p>\n");
  }

  private static void rootCauses(StringBuilder b, Incident i) {
    b.append("<h2>Root causes</h2>\n");
    if (i.rootCauses().isEmpty()) {
      b.append("<p>No findings attached (<code>rootcause scan PATH --incident ")
          .append(esc(i.id()))
          .append("</code>).</p>\n");
      return;
    }
    b.append(
        "<table>\n<tr><th>layer</th><th>rule</th><th>where</th><th>what</th><th>fix</th></tr>\n");
    for (RootCause c : i.rootCauses()) {
      b.append("<tr><td>")
          .append(esc(c.layer()))
          .append("</td><td><code>")
          .append(esc(c.ruleId()))
          .append("</code></td><td><code>")
          .append(esc(c.where()))
          .append("</code></td><td>")
          .append(esc(c.message()))
          .append("</td><td>")
          .append(esc(c.fix()))
          .append("</td></tr>\n");
    }
    b.append("</table>\n");
  }

  private static void timeline(StringBuilder b, Postmortem p) {
    Incident i = p.incident();
    b.append("<h2>Timeline</h2>\n");
    List<TimelineEntry> entries = new ArrayList<>(i.timeline());
    PostmortemCharts.timeline(b, p, entries);
    b.append("<p class=note>Times in UTC, offsets from the start of impact.</p>\n<table>\n")
        .append("<tr><th>#</th><th>time</th><th>offset</th><th>event</th></tr>\n");
    if (i.impactStart() > 0) {
      b.append("<tr><td></td><td>")
          .append(Spans.moment(i.impactStart()))
          .append("</td><td>T+0</td><td>Impact begins</td></tr>\n");
    }
    for (int k = 0; k < entries.size(); k++) {
      TimelineEntry e = entries.get(k);
      b.append("<tr><td>")
          .append(k + 1)
          .append("</td><td>")
          .append(Spans.moment(e.at()))
          .append("</td><td>")
          .append(PostmortemMarkdown.offset(e.at() - i.impactFrom()))
          .append("</td><td>")
          .append(esc(PostmortemText.label(e)))
          .append("</td></tr>\n");
    }
    b.append("</table>\n<ul>\n<li><b>Time to detect:</b> ")
        .append(Spans.human(p.detectSeconds()))
        .append("</li>\n<li><b>Time to mitigate:</b> ")
        .append(span(p.mitigateSeconds()))
        .append("</li>\n<li><b>Time to resolve:</b> ")
        .append(span(p.resolveSeconds()))
        .append("</li>\n</ul>\n");
  }

  private static String span(long seconds) {
    return seconds < 0 ? "not reached" : Spans.human(seconds);
  }

  private static void resolution(StringBuilder b, Incident i) {
    b.append("<h2>Resolution</h2>\n");
    List<TimelineEntry> moves =
        i.timeline().stream()
            .filter(
                e ->
                    (e.kind() == TimelineEntry.Kind.STATUS && e.status() != Status.INVESTIGATING)
                        || (e.kind() == TimelineEntry.Kind.EVIDENCE && e.text().startsWith("Fix ")))
            .toList();
    if (moves.isEmpty()) {
      b.append("<p>Not resolved yet.</p>\n");
      return;
    }
    b.append("<ul>\n");
    for (TimelineEntry e : moves) {
      b.append("<li>")
          .append(Spans.moment(e.at()))
          .append(": ")
          .append(esc(e.text()))
          .append("</li>\n");
    }
    b.append("</ul>\n");
  }

  private static void actions(StringBuilder b, List<ActionItem> actions) {
    b.append("<h2>Action items</h2>\n");
    for (ActionItem.Kind kind : ActionItem.Kind.values()) {
      List<ActionItem> items = actions.stream().filter(a -> a.kind() == kind).toList();
      if (items.isEmpty()) {
        continue;
      }
      b.append("<h3>")
          .append(kind.name().charAt(0))
          .append(kind.name().substring(1).toLowerCase(Locale.ROOT))
          .append("</h3>\n<ul>\n");
      for (ActionItem a : items) {
        b.append("<li class=todo>")
            .append(esc(a.text()))
            .append(" <span class=note>(from ")
            .append(esc(a.source()))
            .append(")</span></li>\n");
      }
      b.append("</ul>\n");
    }
  }

  private static void lessons(StringBuilder b, Postmortem p) {
    b.append("<h2>Lessons learned</h2>\n");
    if (p.lessons().isEmpty()) {
      b.append("<p>None recorded (<code>rootcause incident note ID --lesson TEXT</code>).</p>\n");
      return;
    }
    b.append("<ul>\n");
    for (TimelineEntry e : p.lessons()) {
      b.append("<li>").append(esc(e.text())).append("</li>\n");
    }
    b.append("</ul>\n");
  }
}
