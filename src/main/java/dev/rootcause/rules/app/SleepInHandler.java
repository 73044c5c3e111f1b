package dev.rootcause.rules.app;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.app.AppFacts;
import dev.rootcause.model.app.AppFacts.Hazard;
import dev.rootcause.rules.AppRule;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;

/** Seed 000: {@code time.sleep(random.randint(3, 8))} in {@code /} made every response take 3-8 s. */
@RuleSpec(
    id = "app/sleep-in-handler",
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Request handler sleeps before it answers",
    symptom = "every request waits: seconds of latency, timeouts at the proxy, probes timing out",
    fix = "Remove the sleep from the request path; move slow work to a background job.")
public final class SleepInHandler implements AppRule {

  @Override
  public void check(AppFacts app, RuleContext ctx) {
    for (Hazard h : app.hazards()) {
      if (h.kind() == Hazard.Kind.SLEEP_IN_HANDLER) {
        ctx.report(h.location(), AppRules.onRouteSentence(h))
            .subject("app " + AppRules.name(app));
      }
    }
  }
}
