package dev.rootcause.report.incident;

import dev.rootcause.model.incident.Budget;
import dev.rootcause.model.incident.BurnAlert;
import dev.rootcause.model.incident.CauseChain;
import dev.rootcause.model.incident.Charge;
import dev.rootcause.model.incident.Incident;
import dev.rootcause.model.incident.Postmortem;
import dev.rootcause.model.incident.RootCause;
import dev.rootcause.model.incident.TimelineEntry;
import dev.rootcause.model.incident.Verification;
import dev.rootcause.report.incident.PostmortemStory.Fmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What went well, what went wrong and where the team got lucky, each sentence computed from the
 * timeline, the evidence and the budgets: a reviewer's questions answered only from what the store
 * holds.
 *
 * @param lucky what could have cost more: a budget that held but would not hold twice
 */
record PostmortemReview(List<String> wentWell, List<String> wentWrong, List<String> lucky) {
  /** Detection within this is quick enough; beyond it users found the outage first. */
  private static final long QUICK_DETECTION = 5 * 60;

  static PostmortemReview of(Postmortem p, Fmt f) {
    Incident i = p.incident();
    List<String> well = new ArrayList<>();
    List<String> wrong = new ArrayList<>();
    List<String> lucky = new ArrayList<>();
    if (p.detectSeconds() <= QUICK_DETECTION) {
      well.add("Detected " + Spans.human(p.detectSeconds()) + " after the impact began.");
    } else {
      wrong.add(
          "Users were hurt for "
              + Spans.human(p.detectSeconds())
              + " before the incident was opened.");
    }
    long found =
        p.chains().stream().mapToLong(c -> c.cause().foundAt()).filter(t -> t > 0).min().orElse(0);
    if (found > 0) {
      well.add(
          "Root causes with a line to fix were in the evidence "
              + Spans.human(Math.max(0, found - i.openedAt()))
              + " after the incident was opened ("
              + PostmortemMarkdown.offset(found - i.impactFrom())
              + ").");
    }
    rollback(i, well);
    verification(p, f, well, wrong);
    long beforeDeploy =
        p.chains().stream()
            .filter(c -> !c.cause().observedOnly() && c.cause().line() > 0)
            .filter(c -> !c.cause().ruleId().startsWith("pipeline/"))
            .count();
    if (beforeDeploy > 0) {
      wrong.add(
          beforeDeploy
              + " of "
              + p.chains().size()
              + " root cause(s) sit at a file line "
              + f.code("rootcause scan")
              + " flags: a scan in CI would have failed the build before they shipped.");
    }
    for (CauseChain c : p.chains()) {
      RootCause cause = c.cause();
      if (cause.ruleId().startsWith("pipeline/")) {
        wrong.add(
            "The pipeline let it through: "
                + f.text(cause.message())
                + " ("
                + f.code(cause.where())
                + ").");
      }
      if (!c.consequences().isEmpty()) {
        wrong.add(
            "One fault took down more than itself: "
                + f.text(cause.message())
                + " ("
                + f.code(cause.where())
                + ") also left "
                + c.consequences().size()
                + " symptom(s) elsewhere: "
                + f.text(
                    String.join(
                        "; ",
                        c.consequences().stream()
                            .map(q -> q.subject().isEmpty() ? q.where() : q.subject())
                            .toList()))
                + ".");
      }
    }
    if (p.mitigateSeconds() < 0) {
      wrong.add("Time to mitigate not recorded: the incident never moved to monitoring.");
    }
    budgets(p, f, wrong, lucky);
    return new PostmortemReview(well, wrong, lucky);
  }

  /** A rollback named in a status move or note: how the damage was limited. */
  private static void rollback(Incident i, List<String> well) {
    for (TimelineEntry e : i.timeline()) {
      String t = e.text().toLowerCase(Locale.ROOT);
      if ((e.kind() == TimelineEntry.Kind.STATUS || e.kind() == TimelineEntry.Kind.NOTE)
          && (t.contains("rolled back") || t.contains("rollback") || t.contains("roll back"))) {
        well.add(
            "A rollback was used to mitigate ("
                + Spans.moment(e.at())
                + ", T+"
                + Spans.human(Math.max(0, e.at() - i.impactFrom()))
                + "): \""
                + e.text()
                + "\".");
        return;
      }
    }
  }

  private static void verification(Postmortem p, Fmt f, List<String> well, List<String> wrong) {
    Incident i = p.incident();
    if (p.verifications().isEmpty()) {
      wrong.add(
          "No fix was verified by measurement: no "
              + f.code("rootcause verify")
              + " run is attached.");
      return;
    }
    Verification last = p.verifications().get(p.verifications().size() - 1);
    if (!last.passed()) {
      wrong.add(
          "The last verify ("
              + Spans.moment(last.at())
              + ") failed: "
              + f.text(last.criteria())
              + ".");
    } else if (i.resolvedAt() == 0 || last.at() <= i.resolvedAt()) {
      well.add(
          "The fix was verified by measurement before the incident was resolved ("
              + Spans.moment(last.at())
              + "): "
              + f.text(last.criteria())
              + ".");
    } else {
      wrong.add(
          "The incident was resolved before the fix was verified (verify "
              + Spans.moment(last.at())
              + ").");
    }
  }

  private static void budgets(Postmortem p, Fmt f, List<String> wrong, List<String> lucky) {
    Incident i = p.incident();
    for (int k = 0; k < p.budgets().size(); k++) {
      Budget b = p.budgets().get(k);
      Charge c = p.charges().get(k);
      String service = f.text(b.slo().service()) + "'s " + f.text(b.slo().objective());
      if (b.breached()) {
        wrong.add(service + " budget is spent: " + PostmortemMarkdown.remaining(b) + " left.");
      } else if (c.needsPostmortem()) {
        wrong.add(
            "This one incident used "
                + Spans.percent(c.share())
                + " of "
                + service
                + " budget, over the 20% that calls for a postmortem.");
        lucky.add(
            service
                + " budget held: "
                + PostmortemMarkdown.remaining(b)
                + " of "
                + Spans.human(b.slo().budgetSeconds())
                + " left"
                + (b.remainingSeconds() < c.downtimeSeconds()
                    ? "; one more incident like this would spend it."
                    : "."));
      }
      for (BurnAlert a : b.alerts()) {
        if (a.fired() && "page".equals(a.name()) && a.firedAt() < i.openedAt()) {
          wrong.add(
              "A burn-rate page on "
                  + f.text(b.slo().service())
                  + " would have fired at "
                  + Spans.moment(a.firedAt())
                  + ", "
                  + Spans.human(i.openedAt() - a.firedAt())
                  + " before the incident was opened.");
        }
      }
    }
  }
}
