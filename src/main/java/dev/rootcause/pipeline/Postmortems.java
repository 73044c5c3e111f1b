package dev.rootcause.pipeline;

import dev.rootcause.model.incident.ActionItem;
import dev.rootcause.model.incident.Budget;
import dev.rootcause.model.incident.Charge;
import dev.rootcause.model.incident.Incident;
import dev.rootcause.model.incident.Postmortem;
import dev.rootcause.model.incident.RootCause;
import dev.rootcause.model.incident.Slo;
import dev.rootcause.model.incident.Status;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Assembles an incident's postmortem from the store: its timeline, attached findings and the error
 * budgets of the services it hurt; action items are derived from that evidence.
 */
public final class Postmortems {
  /** Rules whose finding is a gap in detection or in mitigation rather than a defect to fix. */
  private static final Map<String, ActionItem.Kind> RULE_KINDS =
      Map.of(
          "pipeline/deploy-without-smoke-test", ActionItem.Kind.DETECT,
          "pipeline/deploy-without-rollback", ActionItem.Kind.MITIGATE);

  private final String url;
  private final Clock clock;

  public Postmortems(String storeOption, Clock clock) {
    this.url = IncidentStores.url(storeOption);
    this.clock = clock;
  }

  public Postmortem of(String id) throws InputException {
    return IncidentStores.with(
        url,
        s -> {
          Incident incident = IncidentStores.require(s, id);
          if (incident.rootCauses().isEmpty() && incident.notes().isEmpty()) {
            throw new InputException(
                id
                    + " has no evidence to report from: attach a scan"
                    + " (rootcause incident attach "
                    + id
                    + " --scan-json FILE) or add notes first");
          }
          List<Incident> all = s.all();
          long now = clock.instant().getEpochSecond();
          List<Budget> budgets = new ArrayList<>();
          List<Charge> charges = new ArrayList<>();
          for (Slo slo : s.slos()) {
            if (incident.services().contains(slo.service())) {
              budgets.add(Budgets.compute(slo, all, now));
              charges.add(Budgets.charge(slo, incident, incident.downtimeSeconds()));
            }
          }
          return build(incident, budgets, charges);
        });
  }

  static Postmortem build(Incident incident, List<Budget> budgets, List<Charge> charges) {
    long from = incident.impactFrom();
    long detect = Math.max(0, incident.openedAt() - from);
    long mitigated = incident.firstStatus(Status.MONITORING);
    long resolved = incident.resolvedAt();
    return new Postmortem(
        incident,
        budgets,
        charges,
        detect,
        mitigated == 0 ? -1 : Math.max(0, mitigated - from),
        resolved == 0 ? -1 : Math.max(0, resolved - from),
        actions(incident, budgets, charges, detect));
  }

  private static List<ActionItem> actions(
      Incident incident, List<Budget> budgets, List<Charge> charges, long detectSeconds) {
    // One item per rule: the same rule firing on three lines is one thing to enforce.
    Map<String, ActionItem> byRule = new LinkedHashMap<>();
    for (RootCause c : incident.rootCauses()) {
      ActionItem.Kind kind = RULE_KINDS.getOrDefault(c.ruleId(), ActionItem.Kind.PREVENT);
      String text =
          kind == ActionItem.Kind.PREVENT
              ? "Fix "
                  + c.where()
                  + ": "
                  + c.fix()
                  + " Keep it fixed: run `rootcause scan --fail-on "
                  + c.severity()
                  + "` in CI so `"
                  + c.ruleId()
                  + "` fails the build."
              : c.fix() + " (" + c.where() + ")";
      byRule.putIfAbsent(c.ruleId(), new ActionItem(kind, text, c.ruleId()));
    }
    List<ActionItem> out = new ArrayList<>(byRule.values());
    if (detectSeconds > 5 * 60) {
      out.add(
          new ActionItem(
              ActionItem.Kind.DETECT,
              "Users were hurt for "
                  + (detectSeconds / 60)
                  + " minutes before an incident was opened: probe the service"
                  + " after every deploy and page on failure (`rootcause verify URL --slo 'success=99%'`).",
              "timeline"));
    }
    for (int i = 0; i < budgets.size(); i++) {
      Budget b = budgets.get(i);
      String service = b.slo().service();
      out.add(
          new ActionItem(
              ActionItem.Kind.DETECT,
              "Alert on "
                  + service
                  + "'s error budget burn rate ("
                  + b.slo().objective()
                  + "): page when both the 1h and 5m"
                  + " windows burn faster than 14.4x, open a ticket when both the 6h and 30m windows burn"
                  + " faster than 6x.",
              "budget"));
      if (b.breached()) {
        out.add(
            new ActionItem(
                ActionItem.Kind.MITIGATE,
                service
                    + " has spent "
                    + String.format(Locale.ROOT, "%.0f%%", b.used() * 100)
                    + " of its error budget:"
                    + " freeze feature releases to it until the window recovers, reliability work only.",
                "budget"));
      } else if (charges.get(i).needsPostmortem()
          && out.stream().noneMatch(o -> o.kind() == ActionItem.Kind.MITIGATE)) {
        out.add(
            new ActionItem(
                ActionItem.Kind.MITIGATE,
                "This one incident used "
                    + String.format(Locale.ROOT, "%.0f%%", charges.get(i).share() * 100)
                    + " of "
                    + service
                    + "'s budget: roll back automatically on a failed post-deploy check so the next bad"
                    + " release costs minutes of budget, not the rest of it.",
                "budget"));
      }
    }
    return out;
  }
}
