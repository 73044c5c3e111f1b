package dev.rootcause.report.incident;

import static dev.rootcause.report.HtmlPage.esc;

import dev.rootcause.model.incident.ActionItem;
import dev.rootcause.model.incident.Budget;
import dev.rootcause.model.incident.BurnAlert;
import dev.rootcause.model.incident.CauseChain;
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

  /** Store text escaped and redacted for HTML. */
  private static final PostmortemStory.Fmt HTML =
      PostmortemStory.Fmt.of(
          HtmlPage::esc, s -> "<code>" + esc(s) + "</code>", s -> "<b>" + s + "</b>");

  private static void list(StringBuilder b, List<String> items) {
    if (items.isEmpty()) {
      return;
    }
    b.append("<ul>\n");
    for (String s : items) {
      b.append("<li>").append(s).append("</li>\n");
    }
    b.append("</ul>\n");
  }

  private static void why(StringBuilder b, Postmortem p) {
    b.append("<h2>Why it happened</h2>\n<p><b>What users saw:</b></p>\n");
    list(b, PostmortemStory.userPaths(p, HTML));
    if (p.chains().isEmpty()) {
      b.append("<p>No root cause is attached, so no causal chain can be told.</p>\n");
      return;
    }
    String services = esc(String.join(", ", p.incident().services()));
    List<CauseChain> onPath = p.chains().stream().filter(CauseChain::onAffectedService).toList();
    List<CauseChain> rest = p.chains().stream().filter(c -> !c.onAffectedService()).toList();
    if (!onPath.isEmpty()) {
      b.append("<p><b>On the users' path (").append(services).append("):</b></p>\n");
      chains(b, onPath, 1);
    }
    if (!rest.isEmpty()) {
      b.append(
          onPath.isEmpty()
              ? "<p><b>Why:</b></p>\n"
              : "<p><b>Behind it, in the same evidence (not on "
                  + services
                  + " itself):</b></p>\n");
      chains(b, rest, onPath.size() + 1);
    }
  }

  private static void chains(StringBuilder b, List<CauseChain> chains, int first) {
    b.append("<ol start=").append(first).append(">\n");
    for (CauseChain c : chains) {
      b.append("<li>").append(PostmortemStory.chain(c, HTML)).append("</li>\n");
    }
    b.append("</ol>\n");
  }

  private static void fixes(StringBuilder b, Postmortem p) {
    if (p.chains().isEmpty()) {
      return;
    }
    b.append("<h2>Fixes and verification</h2>\n<table>\n<tr><th>#</th><th>where</th><th>fix</th>")
        .append("<th>verified</th><th>would have been caught before deploy by</th></tr>\n");
    int n = 1;
    for (CauseChain c : p.chains()) {
      b.append("<tr><td>")
          .append(n++)
          .append("</td><td><code>")
          .append(esc(c.cause().where()))
          .append("</code></td><td>")
          .append(esc(c.cause().fix()))
          .append("</td><td>")
          .append(PostmortemStory.verified(c, p, HTML))
          .append("</td><td>")
          .append(PostmortemStory.caughtBy(c.cause(), HTML))
          .append("</td></tr>\n");
    }
    b.append(
        "</table>\n<p class=note>A verify run measures the service end to end: it verifies the"
            + " fixes together, not each one alone.</p>\n");
  }

  private static void review(StringBuilder b, Postmortem p) {
    PostmortemReview r = PostmortemReview.of(p, HTML);
    b.append("<h2>What went well, what went wrong, where we got lucky</h2>\n");
    reviewList(b, "What went well", r.wentWell());
    reviewList(b, "What went wrong", r.wentWrong());
    reviewList(b, "Where we got lucky", r.lucky());
  }

  private static void reviewList(StringBuilder b, String title, List<String> items) {
    b.append("<h3>").append(title).append("</h3>\n");
    list(b, items.isEmpty() ? List.of("Nothing recorded.") : items);
  }

  public static String render(Postmortem p) {
    Incident i = p.incident();
    StringBuilder b = new StringBuilder();
    HtmlPage.open(b, "Postmortem: " + i.id() + ": " + i.title(), CSS);
    header(b, i);
    b.append("<h2>Summary</h2>\n<p>").append(PostmortemStory.summary(p, HTML)).append("</p>\n");
    list(b, PostmortemStory.causeLines(p, HTML));
    kpis(b, p);
    impact(b, p);
    detection(b, p);
    why(b, p);
    rootCauses(b, p);
    fixes(b, p);
    timeline(b, p);
    resolution(b, i);
    review(b, p);
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

  private static void rootCauses(StringBuilder b, Postmortem p) {
    b.append("<h2>Root causes</h2>\n");
    if (p.chains().isEmpty()) {
      b.append("<p>No findings attached (<code>rootcause scan PATH --incident ")
          .append(esc(p.incident().id()))
          .append("</code>).</p>\n");
      return;
    }
    b.append(
        "<p class=note>Each row is a cause to fix; what followed from it (a symptom on the same"
            + " pods or workload, with no fix of its own) is under \u201cled to\u201d.</p>\n<table>\n"
            + "<tr><th>#</th><th>layer</th><th>rule</th><th>where</th><th>what</th>"
            + "<th>led to</th></tr>\n");
    int n = 1;
    for (CauseChain chain : p.chains()) {
      RootCause c = chain.cause();
      b.append("<tr><td>")
          .append(n++)
          .append("</td><td>")
          .append(esc(c.layer()))
          .append("</td><td><code>")
          .append(esc(c.ruleId()))
          .append("</code></td><td><code>")
          .append(esc(c.where()))
          .append("</code></td><td>")
          .append(esc(c.message()))
          .append("</td><td>");
      for (RootCause q : chain.consequences()) {
        b.append("<code>")
            .append(esc(q.ruleId()))
            .append("</code>: ")
            .append(esc(q.message()))
            .append("<br>");
      }
      b.append("</td></tr>\n");
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
    if (actions.isEmpty()) {
      b.append("<p>None derived from the evidence.</p>\n");
      return;
    }
    b.append(
        "<p class=note>P0: the system is still exposed; P1: keep it from recurring; P2: warn"
            + " sooner next time.</p>\n<table>\n<tr><th>priority</th><th>kind</th><th>action</th>"
            + "<th>owner</th><th>from</th></tr>\n");
    for (ActionItem a : ActionItems.ordered(actions)) {
      b.append("<tr><td>")
          .append(a.priority().name())
          .append("</td><td>")
          .append(ActionItems.kind(a))
          .append("</td><td>")
          .append(esc(a.text()))
          .append("</td><td><i>unassigned</i></td><td>")
          .append(esc(a.source()))
          .append("</td></tr>\n");
    }
    b.append("</table>\n");
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
