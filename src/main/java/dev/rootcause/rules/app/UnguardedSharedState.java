package dev.rootcause.rules.app;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.app.AppFacts;
import dev.rootcause.model.app.AppFacts.Hazard;
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
    symptom = "wrong counts or corrupted state under concurrent requests, impossible to reproduce alone",
    fix = "Read and write the shared value only while holding its lock, or use an atomic or thread-safe type.")
public final class UnguardedSharedState implements AppRule {

  @Override
  public void check(AppFacts app, RuleContext ctx) {
    for (Hazard h : app.hazards()) {
      if (h.kind() == Hazard.Kind.UNGUARDED_SHARED_STATE) {
        ctx.report(h.location(), h.detail() + AppRules.onRoute(h.route()))
            .subject("app " + AppRules.name(app));
      }
    }
  }
}
