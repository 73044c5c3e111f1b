package dev.rootcause.report.incident;

import static dev.rootcause.report.MarkdownRenderer.cell;
import static dev.rootcause.report.MarkdownRenderer.text;

import dev.rootcause.model.incident.ActionItem;
import dev.rootcause.model.incident.Budget;
import dev.rootcause.model.incident.BurnAlert;
import dev.rootcause.model.incident.CauseChain;
import dev.rootcause.model.incident.Charge;
import dev.rootcause.model.incident.Incident;
import dev.rootcause.model.incident.Postmortem;
import dev.rootcause.model.incident.ProbeSample;
import dev.rootcause.model.incident.RootCause;
import dev.rootcause.model.incident.Status;
import dev.rootcause.model.incident.TimelineEntry;
import dev.rootcause.model.probe.Units;
import dev.rootcause.report.MarkdownRenderer;
import java.util.List;
import java.util.Locale;

/**
 * The postmortem as Markdown, in the SRE workbook's order: header, summary (the first screen),
 * impact, detection, why it happened, root causes, fixes and their verification, timeline,
 * resolution, what went well and wrong, action items, lessons learned.
 */
public final class PostmortemMarkdown {
  private PostmortemMarkdown() {}

  public static String render(Postmortem p) {
    Incident i = p.incident();
    StringBuilder md = new StringBuilder();
    md.append("# Postmortem: ").append(i.id()).append(": ").append(text(i.title())).append("\n\n");
    header(md, i);
    md.append("## Summary\n\n").append(summary(p)).append("\n\n");
    for (String line : PostmortemStory.causeLines(p, PROSE)) {
      md.append("- ").append(line).append('\n');
    }
    if (!p.chains().isEmpty()) {
      md.append('\n');
    }
    impact(md, p);
    detection(md, p);
    why(md, p);
    rootCauses(md, p);
    fixes(md, p);
    timeline(md, p);
    resolution(md, i);
    review(md, p);
    actions(md, p.actions());
    lessons(md, p.lessons());
    return md.toString();
  }

  /** Store text in a paragraph or list item. */
  static final PostmortemStory.Fmt PROSE =
      PostmortemStory.Fmt.of(
          MarkdownRenderer::text, s -> MarkdownRenderer.code(s, false), s -> "**" + s + "**");

  /** Store text in a table cell. */
  static final PostmortemStory.Fmt CELL =
      PostmortemStory.Fmt.of(
          MarkdownRenderer::cell, s -> MarkdownRenderer.code(s, true), s -> "**" + s + "**");

  /** Symptom, cause and line per chain: on the users' path first, then the rest. */
  private static void why(StringBuilder md, Postmortem p) {
    md.append("## Why it happened\n\n**What users saw:**\n\n");
    for (String line : PostmortemStory.userPaths(p, PROSE)) {
      md.append("- ").append(line).append('\n');
    }
    md.append('\n');
    if (p.chains().isEmpty()) {
      md.append("No root cause is attached, so no causal chain can be told.\n\n");
      return;
    }
    List<CauseChain> onPath = p.chains().stream().filter(CauseChain::onAffectedService).toList();
    List<CauseChain> rest = p.chains().stream().filter(c -> !c.onAffectedService()).toList();
    String services = text(String.join(", ", p.incident().services()));
    if (!onPath.isEmpty()) {
      md.append("**On the users' path (").append(services).append("):**\n\n");
      chains(md, onPath, 1);
    }
    if (!rest.isEmpty()) {
      md.append(
          onPath.isEmpty()
              ? "**Why:**\n\n"
              : "**Behind it, in the same evidence (not on " + services + " itself):**\n\n");
      chains(md, rest, onPath.size() + 1);
    }
  }

  private static void chains(StringBuilder md, List<CauseChain> chains, int first) {
    int n = first;
    for (CauseChain c : chains) {
      md.append(n++).append(". ").append(PostmortemStory.chain(c, PROSE)).append('\n');
    }
    md.append('\n');
  }

  /** Each fix, how it was verified, and the check that would have caught its cause earlier. */
  private static void fixes(StringBuilder md, Postmortem p) {
    if (p.chains().isEmpty()) {
      return;
    }
    md.append("## Fixes and verification\n\n");
    md.append(
        "| # | where | fix | verified | would have been caught before deploy by |\n"
            + "|---|---|---|---|---|\n");
    int n = 1;
    for (CauseChain c : p.chains()) {
      md.append("| ")
          .append(n++)
          .append(" | ")
          .append(MarkdownRenderer.code(c.cause().where(), true))
          .append(" | ")
          .append(cell(c.cause().fix()))
          .append(" | ")
          .append(PostmortemStory.verified(c, p, CELL))
          .append(" | ")
          .append(PostmortemStory.caughtBy(c.cause(), CELL))
          .append(" |\n");
    }
    md.append(
        "\nA verify run measures the service end to end: it verifies the fixes together, not each"
            + " one alone.\n\n");
  }

  private static void review(StringBuilder md, Postmortem p) {
    PostmortemReview r = PostmortemReview.of(p, PROSE);
    md.append("## What went well, what went wrong, where we got lucky\n\n");
    reviewList(md, "What went well", r.wentWell());
    reviewList(md, "What went wrong", r.wentWrong());
    reviewList(md, "Where we got lucky", r.lucky());
  }

  private static void reviewList(StringBuilder md, String title, List<String> items) {
    md.append("**").append(title).append(":**\n\n");
    if (items.isEmpty()) {
      md.append("- Nothing recorded.\n");
    }
    for (String s : items) {
      md.append("- ").append(s).append('\n');
    }
    md.append('\n');
  }

  private static void header(StringBuilder md, Incident i) {
    md.append("| | |\n|---|---|\n");
    row(md, "Incident", i.id());
    row(md, "Severity", i.severity().name() + " (" + i.severity().meaning() + ")");
    row(md, "Status", i.status().label());
    row(md, "Services", String.join(", ", i.services()));
    row(md, "Opened", Spans.moment(i.openedAt()));
    row(md, "Resolved", i.resolvedAt() == 0 ? "not yet" : Spans.moment(i.resolvedAt()));
    md.append('\n');
  }

  private static void row(StringBuilder md, String name, String value) {
    md.append("| **").append(name).append("** | ").append(cell(value)).append(" |\n");
  }

  static String summary(Postmortem p) {
    return PostmortemStory.summary(p, PROSE);
  }

  private static void impact(StringBuilder md, Postmortem p) {
    Incident i = p.incident();
    md.append("## Impact\n\n");
    String from =
        Spans.moment(i.impactFrom())
            + (i.impactStart() > 0 ? "" : " (assumed: when the incident was opened)");
    if (i.impactTo() > 0) {
      md.append("- **Duration:** ")
          .append(Spans.human(i.downtimeSeconds()))
          .append(", from ")
          .append(from)
          .append(" to ")
          .append(Spans.moment(i.impactTo()))
          .append('\n');
    } else {
      md.append("- **Duration:** ongoing since ").append(from).append('\n');
    }
    md.append("- **Services:** ").append(String.join(", ", i.services())).append('\n');
    measured(md, p);
    if (p.budgets().isEmpty()) {
      md.append(
          "- **Error budget:** no SLO set for these services (`rootcause slo set SERVICE"
              + " --availability 99.9% --window 30d`)\n\n");
      return;
    }
    md.append(
        "\n| service | objective | budget | consumed by this incident | share |"
            + " postmortem required (>20%) | consumed in window | remaining | burn rate (24h) |"
            + " SLA breached |\n|---|---|---|---|---|---|---|---|---|---|\n");
    for (int k = 0; k < p.budgets().size(); k++) {
      Budget b = p.budgets().get(k);
      Charge c = p.charges().get(k);
      md.append("| ")
          .append(cell(b.slo().service()))
          .append(" | ")
          .append(cell(b.slo().objective()))
          .append(" | ")
          .append(Spans.human(b.slo().budgetSeconds()))
          .append(" | ")
          .append(Spans.human(c.downtimeSeconds()))
          .append(" | ")
          .append(Spans.percent(c.share()))
          .append(" | ")
          .append(c.needsPostmortem() ? "yes" : "no")
          .append(" | ")
          .append(Spans.human(b.consumedSeconds()))
          .append(" | ")
          .append(remaining(b))
          .append(" | ")
          .append(String.format(Locale.ROOT, "%.1fx", b.burnRate()))
          .append(" | ")
          .append(b.breached() ? "**yes**" : "no")
          .append(" |\n");
    }
    md.append('\n');
    for (int k = 0; k < p.budgets().size(); k++) {
      Budget b = p.budgets().get(k);
      Charge c = p.charges().get(k);
      if (!c.measured() && b.alerts().isEmpty()) {
        continue;
      }
      md.append("- **")
          .append(cell(b.slo().service()))
          .append(", ")
          .append(cell(b.slo().objective()))
          .append(":**");
      if (c.measured()) {
        md.append(" charged ")
            .append(Spans.human(c.downtimeSeconds()))
            .append(" of the ")
            .append(Spans.human(i.downtimeSeconds()))
            .append(" impact: probes measured ")
            .append(c.measuredBad())
            .append(" of ")
            .append(c.measuredRequests())
            .append(" requests bad (")
            .append(Spans.percent((double) c.measuredBad() / c.measuredRequests()))
            .append(")");
      }
      md.append('\n');
      for (BurnAlert a : b.alerts()) {
        md.append("  - burn-rate alert ").append(BurnAlerts.describe(a)).append('\n');
      }
    }
    if (p.charges().stream().anyMatch(Charge::measured)
        || p.budgets().stream().anyMatch(b -> !b.alerts().isEmpty())) {
      md.append('\n');
    }
  }

  /** What probes measured: during the impact, and after it (the fix), one row per run and URL. */
  private static void measured(StringBuilder md, Postmortem p) {
    if (p.samples().isEmpty()) {
      return;
    }
    Incident i = p.incident();
    Measurements during = Measurements.during(p);
    if (during.requests() > 0) {
      md.append("- **Measured during the impact:** ")
          .append(during.requests())
          .append(" requests in ")
          .append(during.runs())
          .append(" probe run(s), ")
          .append(during.bad())
          .append(" failed: **")
          .append(Spans.percent(during.errorRate()))
          .append(" error rate**; latency p95 ")
          .append(Units.micros(during.p95Micros()))
          .append(", max ")
          .append(Units.micros(during.maxMicros()))
          .append(" (worst run)\n");
    }
    Measurements after = Measurements.after(p);
    if (after.requests() > 0) {
      md.append("- **Measured after the impact:** ")
          .append(after.requests())
          .append(" requests, ")
          .append(after.bad())
          .append(" failed (")
          .append(Spans.percent(after.errorRate()))
          .append("); latency p95 ")
          .append(Units.micros(after.p95Micros()))
          .append('\n');
    }
    md.append(
        "\n| time | offset | URL | requests | failed | error rate | p50 | p95 | p99 | max |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|\n");
    for (ProbeSample s : p.samples()) {
      md.append("| ")
          .append(Spans.moment(s.at()))
          .append(" | ")
          .append(offset(s.at() - i.impactFrom()))
          .append(" | ")
          .append(cell(s.url()))
          .append(" | ")
          .append(s.requests())
          .append(" | ")
          .append(s.bad())
          .append(" | ")
          .append(Spans.percent(s.errorRate()))
          .append(" | ")
          .append(Units.micros(s.p50Micros()))
          .append(" | ")
          .append(Units.micros(s.p95Micros()))
          .append(" | ")
          .append(Units.micros(s.p99Micros()))
          .append(" | ")
          .append(Units.micros(s.maxMicros()))
          .append(" |\n");
    }
  }

  static String offset(long seconds) {
    return seconds >= 0 ? "T+" + Spans.human(seconds) : "T-" + Spans.human(-seconds);
  }

  static String remaining(Budget b) {
    return b.remainingSeconds() >= 0
        ? Spans.human(b.remainingSeconds())
        : "-" + Spans.human(-b.remainingSeconds());
  }

  private static void detection(StringBuilder md, Postmortem p) {
    Incident i = p.incident();
    md.append("## Detection\n\n");
    md.append("Impact began ")
        .append(Spans.moment(i.impactFrom()))
        .append("; the incident was opened ")
        .append(Spans.moment(i.openedAt()))
        .append(": **time to detect ")
        .append(Spans.human(p.detectSeconds()))
        .append("**.");
    i.notes().stream()
        .findFirst()
        .ifPresent(n -> md.append(" First note: ").append(text(n.text())));
    md.append("\n\n");
  }

  private static void rootCauses(StringBuilder md, Postmortem p) {
    Incident i = p.incident();
    md.append("## Root causes\n\n");
    if (p.chains().isEmpty()) {
      md.append("No findings attached (`rootcause incident attach ")
          .append(i.id())
          .append(" --scan-json FILE`).\n\n");
      return;
    }
    md.append(
        "Each row is a cause to fix; what followed from it (a symptom on the same pods or"
            + " workload, with no fix of its own) is under \"led to\".\n\n");
    md.append("| # | layer | rule | where | what | led to |\n|---|---|---|---|---|---|\n");
    int n = 1;
    for (CauseChain chain : p.chains()) {
      RootCause c = chain.cause();
      md.append("| ")
          .append(n++)
          .append(" | ")
          .append(cell(c.layer()))
          .append(" | `")
          .append(c.ruleId())
          .append("` | ")
          .append(MarkdownRenderer.code(c.where(), true))
          .append(" | ")
          .append(cell(c.message()))
          .append(" | ")
          .append(ledTo(chain))
          .append(" |\n");
    }
    md.append('\n');
  }

  private static String ledTo(CauseChain chain) {
    if (chain.consequences().isEmpty()) {
      return "";
    }
    return String.join(
        "<br>",
        chain.consequences().stream()
            .map(q -> "`" + q.ruleId() + "`: " + cell(q.message()))
            .toList());
  }

  private static void timeline(StringBuilder md, Postmortem p) {
    Incident i = p.incident();
    md.append("## Timeline\n\nTimes in UTC, offsets from the start of impact.\n\n");
    md.append("| time | offset | event |\n|---|---|---|\n");
    if (i.impactStart() > 0) {
      md.append("| ").append(Spans.moment(i.impactStart())).append(" | T+0 | Impact begins |\n");
    }
    for (TimelineEntry e : i.timeline()) {
      long offset = e.at() - i.impactFrom();
      md.append("| ")
          .append(Spans.moment(e.at()))
          .append(" | ")
          .append(offset(offset))
          .append(" | ")
          .append(cell(PostmortemText.label(e)))
          .append(" |\n");
    }
    md.append("\n- **Time to detect:** ").append(Spans.human(p.detectSeconds())).append('\n');
    md.append("- **Time to mitigate:** ").append(span(p.mitigateSeconds())).append('\n');
    md.append("- **Time to resolve:** ").append(span(p.resolveSeconds())).append("\n\n");
  }

  private static String span(long seconds) {
    return seconds < 0 ? "not reached" : Spans.human(seconds);
  }

  private static void resolution(StringBuilder md, Incident i) {
    md.append("## Resolution\n\n");
    List<TimelineEntry> moves =
        i.timeline().stream()
            .filter(
                e -> e.kind() == TimelineEntry.Kind.STATUS && e.status() != Status.INVESTIGATING)
            .toList();
    if (moves.isEmpty()) {
      md.append("Not resolved yet.\n\n");
      return;
    }
    for (TimelineEntry e : moves) {
      md.append("- ").append(Spans.moment(e.at())).append(": ").append(text(e.text())).append('\n');
    }
    md.append('\n');
  }

  private static void actions(StringBuilder md, List<ActionItem> actions) {
    md.append("## Action items\n\n");
    if (actions.isEmpty()) {
      md.append("None derived from the evidence.\n\n");
      return;
    }
    md.append(
        "P0: the system is still exposed; P1: keep it from recurring; P2: warn sooner next"
            + " time.\n\n| priority | kind | action | owner | from |\n|---|---|---|---|---|\n");
    for (ActionItem a : ActionItems.ordered(actions)) {
      md.append("| ")
          .append(a.priority().name())
          .append(" | ")
          .append(ActionItems.kind(a))
          .append(" | ")
          .append(cell(a.text()))
          .append(" | _unassigned_ | ")
          .append(cell(a.source()))
          .append(" |\n");
    }
    md.append('\n');
  }

  private static void lessons(StringBuilder md, List<TimelineEntry> lessons) {
    md.append("## Lessons learned\n\n");
    if (lessons.isEmpty()) {
      md.append("None recorded (`rootcause incident note ID --lesson TEXT`).\n");
    }
    for (TimelineEntry e : lessons) {
      md.append("- ").append(text(e.text())).append('\n');
    }
  }
}
