package dev.rootcause.rules.app;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.app.AppFacts;
import dev.rootcause.model.app.AppFacts.Hazard;
import dev.rootcause.rules.AppRule;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;

/**
 * Seed 004: version 2 of the URL shortener changed {@code json.load(f)} to {@code json.loads(f)};
 * every request that read the URL file failed with TypeError until the rollback.
 */
@RuleSpec(
    id = "app/json-loads-on-file",
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "json.loads is given a file object instead of a string",
    symptom = "TypeError at run time: 500 Internal Server Error on every request that reads the file",
    fix = "Use json.load(f) for a file object (or json.loads(f.read())).")
public final class JsonLoadsOnFile implements AppRule {

  @Override
  public void check(AppFacts app, RuleContext ctx) {
    for (Hazard h : app.hazards()) {
      if (h.kind() == Hazard.Kind.JSON_LOADS_ON_FILE) {
        ctx.report(h.location(), h.detail() + ": it raises TypeError when it runs" + AppRules.onRoute(h.route()))
            .subject("app " + AppRules.name(app));
      }
    }
  }
}
