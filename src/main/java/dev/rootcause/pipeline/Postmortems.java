package dev.rootcause.pipeline;

import dev.rootcause.collect.store.IncidentStore;
import dev.rootcause.collect.store.StoreException;
import dev.rootcause.model.incident.ActionItem;
import dev.rootcause.model.incident.Budget;
import dev.rootcause.model.incident.CauseChain;
import dev.rootcause.model.incident.Charge;
import dev.rootcause.model.incident.Incident;
import dev.rootcause.model.incident.Postmortem;
import dev.rootcause.model.incident.ProbeSample;
import dev.rootcause.model.incident.RootCause;
import dev.rootcause.model.incident.Slo;
import dev.rootcause.model.incident.Status;
import dev.rootcause.model.incident.TimelineEntry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
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

  /** Recorded probes this long before and after the impact are shown with the incident. */
  private static final long MARGIN = 3_600;

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
          long now = clock.instant().getEpochSecond();
          List<ProbeSample> samples = around(s, incident, now);
          boolean evidence =
              incident.timeline().stream().anyMatch(e -> e.kind() == TimelineEntry.Kind.EVIDENCE);
          if (incident.rootCauses().isEmpty()
              && incident.notes().isEmpty()
              && samples.isEmpty()
              && !evidence) {
            throw new InputException(
                id
                    + " has no evidence to report from: attach a scan"
                    + " (rootcause scan PATH --incident "
                    + id
                    + "), probe it (rootcause probe URL --incident "
                    + id
                    + ") or add notes first");
          }
          List<Incident> all = s.all();
          List<Budget> budgets = new ArrayList<>();
          List<Charge> charges = new ArrayList<>();
          for (Slo slo : s.slos()) {
            if (incident.services().contains(slo.service())) {
              List<ProbeSample> measured = Budgets.samples(s, slo, all, now);
              budgets.add(Budgets.compute(slo, all, measured, now));
              charges.add(
                  Budgets.charge(
                      slo,
                      incident,
                      incident.downtimeSeconds(),
                      Budgets.measured(slo, incident, measured)));
            }
          }
          return build(incident, budgets, charges, samples);
        });
  }

  /**
   * What probes measured for the incident: runs attached to it, and runs recorded for its services
   * from an hour before its impact to an hour after it ended.
   */
  static List<ProbeSample> around(IncidentStore s, Incident incident, long now)
      throws StoreException {
    long to = incident.impactTo() == 0 ? now : incident.impactTo() + MARGIN;
    List<ProbeSample> all = new ArrayList<>(s.samples(null, incident.id(), 0, Long.MAX_VALUE / 2));
    for (String service : incident.services()) {
      // Runs attached to the incident are in already, whatever service they were recorded for.
      s.samples(service, null, incident.impactFrom() - MARGIN, to).stream()
          .filter(p -> !incident.id().equals(p.incidentId()))
          .forEach(all::add);
    }
    List<ProbeSample> sorted = new ArrayList<>(all);
    sorted.sort(Comparator.comparingLong(ProbeSample::at).thenComparing(ProbeSample::url));
    return sorted;
  }

  static Postmortem build(Incident incident, List<Budget> budgets, List<Charge> charges) {
    return build(incident, budgets, charges, List.of());
  }

  static Postmortem build(
      Incident incident, List<Budget> budgets, List<Charge> charges, List<ProbeSample> samples) {
    long from = incident.impactFrom();
    long detect = Math.max(0, incident.openedAt() - from);
    long mitigated = incident.firstStatus(Status.MONITORING);
    long resolved = incident.resolvedAt();
    List<CauseChain> chains = CauseChains.of(incident);
    long mitigate = mitigated == 0 ? -1 : Math.max(0, mitigated - from);
    long resolve = resolved == 0 ? -1 : Math.max(0, resolved - from);
    return new Postmortem(
        incident,
        budgets,
        charges,
        detect,
        mitigate,
        resolve,
        actions(chains, budgets, charges, detect),
        samples,
        chains,
        CauseChains.verifications(incident));
  }

  /** The check that keeps a cause fixed: a scan gate for a line, a post-deploy check otherwise. */
  private static String gate(RootCause c) {
    return c.observedOnly()
        ? "check it after every deploy (`rootcause diagnose` on the namespace, or `rootcause verify"
            + " URL` as a smoke test), since no file line shows it before deploy."
        : "run `rootcause scan --fail-on "
            + c.severity()
            + "` in CI so `"
            + c.ruleId()
            + "` fails the build.";
  }

  private static List<ActionItem> actions(
      List<CauseChain> chains, List<Budget> budgets, List<Charge> charges, long detectSeconds) {
    // One item per rule: the same rule firing on three lines is one thing to enforce. Consequences
    // have no item: fixing their cause fixes them.
    Map<String, ActionItem> byRule = new LinkedHashMap<>();
    for (CauseChain chain : chains) {
      RootCause c = chain.cause();
      ActionItem.Kind kind = RULE_KINDS.getOrDefault(c.ruleId(), ActionItem.Kind.PREVENT);
      boolean verified = chain.verification() != null && chain.verification().passed();
      boolean severe = "critical".equals(c.severity()) || "high".equals(c.severity());
      ActionItem item;
      if (kind != ActionItem.Kind.PREVENT) {
        item = new ActionItem(kind, c.fix() + " (" + c.where() + ")", c.ruleId());
      } else if (verified) {
        item =
            new ActionItem(
                kind,
                "Keep " + c.where() + " fixed (the fix is verified): " + gate(c),
                c.ruleId(),
                ActionItem.Priority.P1);
      } else {
        item =
            new ActionItem(
                kind,
                "Fix " + c.where() + ": " + c.fix() + " Keep it fixed: " + gate(c),
                c.ruleId(),
                severe ? ActionItem.Priority.P0 : ActionItem.Priority.P1);
      }
      byRule.putIfAbsent(c.ruleId(), item);
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
              "budget",
              ActionItem.Priority.P2));
      if (b.breached()) {
        out.add(
            new ActionItem(
                ActionItem.Kind.MITIGATE,
                service
                    + " has spent "
                    + String.format(Locale.ROOT, "%.0f%%", b.used() * 100)
                    + " of its error budget:"
                    + " freeze feature releases to it until the window recovers, reliability work only.",
                "budget",
                ActionItem.Priority.P0));
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
