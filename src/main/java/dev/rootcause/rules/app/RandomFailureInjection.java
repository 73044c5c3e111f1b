package dev.rootcause.rules.app;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.app.AppFacts;
import dev.rootcause.model.app.AppFacts.Hazard;
import dev.rootcause.rules.AppRule;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;

/**
 * Seed 003: {@code if random.choice([True, False]): raise Exception(...)} in {@code /} failed half
 * the requests. A dice roll that guards a raise, a throw or a 5xx answer; a rate that is zero
 * unless an env var raises it is k8s/fault-injection-enabled's to judge.
 */
@RuleSpec(
    id = "app/random-failure-injection",
    severity = Severity.CRITICAL,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Handler fails a random share of requests on purpose",
    symptom = "intermittent 500s on a share of requests that no load, input or dependency explains",
    fix = "Remove the random failure from the handler, or gate it behind a flag that is off in production.")
public final class RandomFailureInjection implements AppRule {

  @Override
  public void check(AppFacts app, RuleContext ctx) {
    for (Hazard h : app.hazards()) {
      if (h.kind() == Hazard.Kind.RANDOM_FAILURE) {
        ctx.report(h.location(), AppRules.onRouteSentence(h))
            .subject("app " + AppRules.name(app));
      }
    }
  }
}
