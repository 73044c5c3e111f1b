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
 * Seed 002: the order service retried the database up to five times in a tight loop, turning one
 * slow dependency into a storm. A loop around a call whose failures are caught and retried, with no
 * sleep between attempts or no limit on them.
 */
@RuleSpec(
    id = "app/retry-without-backoff",
    severity = Severity.MEDIUM,
    kind = FindingKind.ROOT_CAUSE,
    explains = {"runtime/retry-storm"},
    summary = "Retry loop has no backoff or no attempt limit",
    symptom =
        "a struggling dependency is hammered by instant retries: cascading failures, latency spikes",
    fix = "Wait between attempts (exponential backoff with jitter) and cap the number of attempts.",
    languages = {Language.PYTHON, Language.JAVASCRIPT, Language.GO, Language.JAVA})
public final class RetryWithoutBackoff implements AppRule {

  @Override
  public void check(AppFacts app, RuleContext ctx) {
    for (Hazard h : app.hazards()) {
      if (h instanceof Hazard.RetryWithoutBackoff retry) {
        ctx.report(h.location(), describe(retry) + AppRules.onRoute(h.route()))
            .subject("app " + AppRules.name(app));
      }
    }
  }

  /** "retry loop around requests.get(...) tries again forever, with no attempt limit". */
  static String describe(Hazard.RetryWithoutBackoff h) {
    String loop =
        h.retriedCall() == null ? "retry loop" : "retry loop around " + h.retriedCall() + "(...)";
    String flaw =
        !h.waits() && !h.capped()
            ? "tries again immediately and forever: no delay, no attempt limit"
            : !h.waits()
                ? "tries again immediately, with no delay between attempts"
                : "tries again forever, with no attempt limit";
    return loop + " " + flaw;
  }
}
