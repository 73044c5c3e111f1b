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
 * Seed 003: {@code if random.choice([True, False]): raise Exception(...)} in {@code /} failed half
 * the requests. A dice roll, the clock ({@code time.time() % 10 < 3}) or a request counter ({@code
 * ++count % 5 === 0}) that guards a raise, a throw or a 5xx answer; a rate that is zero unless an
 * env var raises it is k8s/fault-injection-enabled's to judge.
 */
@RuleSpec(
    id = "app/random-failure-injection",
    severity = Severity.CRITICAL,
    kind = FindingKind.ROOT_CAUSE,
    explains = {"runtime/high-error-rate"},
    summary = "Handler fails a share of requests on purpose (dice, clock or counter)",
    symptom = "intermittent 500s on a share of requests that no load, input or dependency explains",
    fix =
        "Remove the random failure from the handler, or gate it behind a flag that is off in production.",
    languages = {Language.PYTHON, Language.JAVASCRIPT, Language.GO, Language.JAVA})
public final class RandomFailureInjection implements AppRule {

  @Override
  public void check(AppFacts app, RuleContext ctx) {
    for (Hazard h : app.hazards()) {
      if (h instanceof Hazard.RandomFailure failure) {
        var finding =
            ctx.report(
                    h.location(),
                    AppRules.onRouteSentence(h.route(), describe(failure))
                        + AppRules.demoNote(h.route(), "failing"))
                .subject("app " + AppRules.name(app));
        AppRules.demoSeverity(finding, h.route());
      }
    }
  }

  /** "raises Exception when random.choice([True, False]) is true (about 50% of requests)". */
  static String describe(Hazard.RandomFailure h) {
    String when = h.condition() + (h.conditionIsValue() ? " is true" : "");
    String percent =
        h.probability() == null ? null : Math.max(1, Math.round(h.probability() * 100)) + "%";
    String share =
        percent == null
            ? ""
            : switch (h.trigger()) {
              case DICE ->
                  " (about "
                      + percent
                      + " of requests"
                      + (h.rateEnvVar() == null ? "" : ", rate from " + h.rateEnvVar())
                      + ")";
              case CLOCK -> " (by the clock: " + percent + " of the time, every time)";
              case COUNTER -> " (by a request counter: " + percent + " of requests, every time)";
            };
    return outcome(h.failure()) + " when " + when + share;
  }

  private static String outcome(Hazard.Failure f) {
    return switch (f.outcome()) {
      case RAISES -> "raises " + (f.what() == null ? "the error" : f.what());
      case THROWS -> "throws " + (f.what() == null ? "an error" : f.what());
      case ANSWERS -> "answers " + f.status();
      case RETURNS -> "returns " + f.status();
      case ABORTS -> "aborts with " + f.status();
      case PASSES_ERROR -> "passes an error to " + f.what() + "() (" + f.status() + ")";
      case FAILS -> "fails";
    };
  }
}
