package dev.rootcause.report.incident;

import dev.rootcause.model.incident.Budget;
import dev.rootcause.model.incident.BurnAlert;
import dev.rootcause.model.incident.Charge;
import dev.rootcause.model.incident.Incident;
import dev.rootcause.model.incident.RootCause;
import dev.rootcause.model.incident.TimelineEntry;
import dev.rootcause.report.ControlCharacters;
import dev.rootcause.report.Redaction;
import java.util.List;
import java.util.Locale;

/**
 * Incidents and budgets as terminal text: {@code incident list}, {@code show} and {@code budget}.
 */
public final class IncidentText {
  private IncidentText() {}

  public static String list(List<Incident> incidents) {
    if (incidents.isEmpty()) {
      return "No incidents.\n";
    }
    StringBuilder out = new StringBuilder();
    for (Incident i : incidents) {
      out.append(
          String.format(
              Locale.ROOT,
              "%-13s %-4s %-13s %s  %s  [%s]%n",
              i.id(),
              i.severity().name(),
              i.status().label(),
              Spans.moment(i.openedAt()),
              clean(i.title()),
              String.join(", ", i.services())));
    }
    return out.toString();
  }

  public static String show(Incident i) {
    StringBuilder out = new StringBuilder();
    out.append(i.id()).append("  ").append(clean(i.title())).append('\n');
    out.append("  severity  ")
        .append(i.severity().name())
        .append(" (")
        .append(i.severity().meaning())
        .append(")\n");
    out.append("  status    ").append(i.status().label()).append('\n');
    out.append("  services  ").append(String.join(", ", i.services())).append('\n');
    out.append("  opened    ").append(Spans.moment(i.openedAt())).append('\n');
    if (i.downtimeSeconds() > 0) {
      out.append("  downtime  ").append(Spans.human(i.downtimeSeconds())).append('\n');
    }
    out.append("\nTimeline\n");
    for (TimelineEntry e : i.timeline()) {
      out.append("  ")
          .append(Spans.moment(e.at()))
          .append("  ")
          .append(e.kind().name().toLowerCase(Locale.ROOT))
          .append("  ")
          .append(clean(e.text()))
          .append('\n');
    }
    if (!i.rootCauses().isEmpty()) {
      out.append("\nRoot causes\n");
      for (RootCause c : i.rootCauses()) {
        out.append("  ")
            .append(c.where())
            .append("  ")
            .append(c.ruleId())
            .append("  ")
            .append(clean(c.message()))
            .append('\n');
      }
    }
    return out.toString();
  }

  public static String budgets(List<Budget> budgets) {
    if (budgets.isEmpty()) {
      return "No SLOs (set one: rootcause slo set SERVICE --availability 99.9% --window 30d).\n";
    }
    StringBuilder out = new StringBuilder();
    for (Budget b : budgets) {
      out.append(b.slo().service()).append("  ").append(b.slo().objective()).append('\n');
      out.append("  budget     ").append(Spans.human(b.slo().budgetSeconds())).append('\n');
      out.append("  consumed   ")
          .append(Spans.human(b.consumedSeconds()))
          .append(" (")
          .append(Spans.percent(b.used()))
          .append(" used)\n");
      out.append("  remaining  ").append(PostmortemMarkdown.remaining(b)).append('\n');
      out.append("  burn rate  ")
          .append(String.format(Locale.ROOT, "%.1fx", b.burnRate()))
          .append(" over the last 24h (1.0x spends the budget exactly over the window)\n");
      out.append("  SLA        ").append(b.breached() ? "BREACHED" : "met").append('\n');
      for (Charge c : b.charges()) {
        out.append("  ")
            .append(c.incidentId())
            .append("  ")
            .append(Spans.human(c.downtimeSeconds()))
            .append("  ")
            .append(Spans.percent(c.share()))
            .append(" of the budget")
            .append(c.needsPostmortem() ? "  needs a postmortem (over 20% of the budget)" : "")
            .append("  ")
            .append(clean(c.title()))
            .append('\n');
      }
      alerts(out, b);
    }
    return out.toString();
  }

  /** The replayed burn-rate alerts, or how to get them. */
  private static void alerts(StringBuilder out, Budget b) {
    if (b.alerts().isEmpty()) {
      out.append("  alerts     no probes recorded in the window (probe URL --record ")
          .append(b.slo().service())
          .append(" on a schedule replays the burn-rate alerts)\n");
      return;
    }
    out.append("  alerts     replayed over ")
        .append(String.format(Locale.ROOT, "%,d", b.measuredRequests()))
        .append(" recorded requests\n");
    for (BurnAlert a : b.alerts()) {
      out.append("    ").append(BurnAlerts.describe(a)).append('\n');
    }
  }

  private static String clean(String s) {
    return ControlCharacters.neutralise(Redaction.redact(s));
  }
}
