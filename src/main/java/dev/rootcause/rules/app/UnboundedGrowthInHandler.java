package dev.rootcause.rules.app;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.app.AppFacts;
import dev.rootcause.model.app.AppFacts.Hazard;
import dev.rootcause.rules.AppRule;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;

/**
 * Seed 001: a handler appended to a package-level slice on every request and nothing trimmed it.
 * A module-level collection that handlers add to, with no removal, reset or size check anywhere.
 */
@RuleSpec(
    id = "app/unbounded-growth-in-handler",
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Handler adds to a process-wide collection that nothing ever shrinks",
    symptom = "memory grows with traffic until the container is OOMKilled and restarts",
    fix = "Bound the collection (evict old entries, cap its size, use a TTL cache) or keep the data in a store outside the process.")
public final class UnboundedGrowthInHandler implements AppRule {

  @Override
  public void check(AppFacts app, RuleContext ctx) {
    for (Hazard h : app.hazards()) {
      if (h.kind() == Hazard.Kind.UNBOUNDED_GROWTH) {
        ctx.report(h.location(), h.detail() + AppRules.onRoute(h.route()))
            .subject("app " + AppRules.name(app));
      }
    }
  }
}
