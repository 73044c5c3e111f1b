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
 * Seed 004: version 2 of the URL shortener changed {@code json.load(f)} to {@code json.loads(f)};
 * every request that read the URL file failed with TypeError until the rollback.
 */
@RuleSpec(
    id = "app/json-loads-on-file",
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    explains = {"runtime/high-error-rate"},
    summary = "json.loads is given a file object instead of a string",
    symptom =
        "TypeError at run time: 500 Internal Server Error on every request that reads the file",
    fix = "Use json.load(f) for a file object (or json.loads(f.read())).",
    languages = Language.PYTHON)
public final class JsonLoadsOnFile implements AppRule {

  @Override
  public void check(AppFacts app, RuleContext ctx) {
    for (Hazard h : app.hazards()) {
      if (h instanceof Hazard.JsonLoadsOnFile loads) {
        ctx.report(
                h.location(),
                describe(loads)
                    + ": it raises TypeError when it runs"
                    + AppRules.onRoute(h.route()))
            .subject("app " + AppRules.name(app));
      }
    }
  }

  /** "json.loads(f) is given a file object (open(PATH), line 13), not a string". */
  static String describe(Hazard.JsonLoadsOnFile h) {
    String line = h.fileObjectLine() == h.location().line() ? "" : ", line " + h.fileObjectLine();
    return h.call() + " is given a file object (" + h.fileObject() + line + "), not a string";
  }
}
