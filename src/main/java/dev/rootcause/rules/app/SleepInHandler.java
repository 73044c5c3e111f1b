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
 * Seed 000: {@code time.sleep(random.randint(3, 8))} in {@code /} made every response take 3-8 s.
 */
@RuleSpec(
    id = "app/sleep-in-handler",
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Request handler sleeps before it answers",
    symptom = "every request waits: seconds of latency, timeouts at the proxy, probes timing out",
    fix = "Remove the sleep from the request path; move slow work to a background job.",
    languages = {Language.PYTHON, Language.JAVASCRIPT, Language.GO, Language.JAVA})
public final class SleepInHandler implements AppRule {

  @Override
  public void check(AppFacts app, RuleContext ctx) {
    for (Hazard h : app.hazards()) {
      if (h instanceof Hazard.Sleep sleep) {
        var finding =
            ctx.report(
                    h.location(),
                    AppRules.onRouteSentence(h.route(), describe(sleep))
                        + AppRules.demoNote(h.route(), "slow"))
                .subject("app " + AppRules.name(app));
        AppRules.demoSeverity(finding, h.route());
      }
    }
  }

  /** "sleeps in time.sleep(3) on every request", "responds only after setTimeout(..., 2000)". */
  static String describe(Hazard.Sleep h) {
    if (h.deferredResponse()) {
      return "responds only after " + h.code();
    }
    return "sleeps in " + h.code() + (h.everyRequest() ? " on every request" : " on some requests");
  }
}
