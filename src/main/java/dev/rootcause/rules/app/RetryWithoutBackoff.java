package dev.rootcause.rules.app;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.app.AppFacts;
import dev.rootcause.model.app.AppFacts.Hazard;
import dev.rootcause.rules.AppRule;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;

/**
 * Seed 002: the order service retried the database up to five times in a tight loop, turning one
 * slow dependency into a storm. A loop around a call whose failures are caught and retried, with
 * no sleep between attempts or no limit on them.
 */
@RuleSpec(
    id = "app/retry-without-backoff",
    severity = Severity.MEDIUM,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Retry loop has no backoff or no attempt limit",
    symptom = "a struggling dependency is hammered by instant retries: cascading failures, latency spikes",
    fix = "Wait between attempts (exponential backoff with jitter) and cap the number of attempts.")
public final class RetryWithoutBackoff implements AppRule {

  @Override
  public void check(AppFacts app, RuleContext ctx) {
    for (Hazard h : app.hazards()) {
      if (h.kind() == Hazard.Kind.RETRY_WITHOUT_BACKOFF) {
        ctx.report(h.location(), h.detail() + AppRules.onRoute(h.route()))
            .subject("app " + AppRules.name(app));
      }
    }
  }
}
