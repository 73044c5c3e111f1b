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
 * Seed 001: a request counter was incremented under a mutex and read without it. Shared state that
 * the code itself guards with a lock somewhere, touched elsewhere without that lock.
 */
@RuleSpec(
    id = "app/unguarded-shared-state",
    severity = Severity.MEDIUM,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Shared state guarded by a lock in one place is used without it in another",
    symptom =
        "wrong counts or corrupted state under concurrent requests, impossible to reproduce alone",
    fix =
        "Read and write the shared value only while holding its lock, or use an atomic or thread-safe type.",
    languages = {Language.PYTHON, Language.GO})
public final class UnguardedSharedState implements AppRule {

  @Override
  public void check(AppFacts app, RuleContext ctx) {
    for (Hazard h : app.hazards()) {
      if (h instanceof Hazard.UnguardedSharedState shared) {
        ctx.report(h.location(), describe(shared) + AppRules.onRoute(h.route()))
            .subject("app " + AppRules.name(app));
      }
    }
  }

  /** "counter is updated under a lock (line 14) but read here without it". */
  static String describe(Hazard.UnguardedSharedState h) {
    if (h.lockedAtLine() == null) {
      return h.variable() + " is written by concurrent requests without a lock";
    }
    return h.variable()
        + " is updated under a lock (line "
        + h.lockedAtLine()
        + ") but "
        + (h.written() ? "written" : "read")
        + " here without it";
  }
}
