package dev.rootcause.rules.app;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.app.AppFacts;
import dev.rootcause.model.app.AppFacts.Language;
import dev.rootcause.model.app.Hazard;
import dev.rootcause.rules.AppRule;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;

/**
 * Seed 001: a handler appended to a package-level slice on every request and nothing trimmed it. A
 * module-level collection that handlers add to, with no removal, reset or size check anywhere.
 */
@RuleSpec(
    id = "app/unbounded-growth-in-handler",
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Handler adds to a process-wide collection that nothing ever shrinks",
    symptom = "memory grows with traffic until the container is OOMKilled and restarts",
    fix =
        "Bound the collection (evict old entries, cap its size, use a TTL cache) or keep the data in a store outside the process.",
    languages = {Language.PYTHON, Language.JAVASCRIPT, Language.GO})
public final class UnboundedGrowthInHandler implements AppRule {

  @Override
  public void check(AppFacts app, RuleContext ctx) {
    for (Hazard h : app.hazards()) {
      if (h instanceof Hazard.UnboundedGrowth growth) {
        ctx.report(h.location(), describe(growth) + AppRules.onRoute(h.route()))
            .subject("app " + AppRules.name(app));
      }
    }
  }

  /**
   * "records gets a new entry on every request (records.set(...)) and nothing ever removes one".
   */
  static String describe(Hazard.UnboundedGrowth h) {
    return h.collection()
        + " gets a new "
        + (h.newKey() ? "key" : "entry")
        + " on every request ("
        + h.growth()
        + (h.newKey() ? " = ..." : "")
        + ") and nothing ever removes one";
  }
}
