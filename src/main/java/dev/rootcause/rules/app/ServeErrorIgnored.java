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
 * {@code http.ListenAndServe} returns only with an error (port taken, {@code "8080"} without its
 * colon, :80 as a non-root user); dropped, the failure leaves no trace. As the last statement of
 * {@code main} the process exits 0 with nothing logged; under {@code go} it stays up serving
 * nothing, and probes fail with no reason in the logs.
 */
@RuleSpec(
    id = "app/serve-error-ignored",
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Server start error is ignored",
    symptom =
        "the server fails to bind and nothing says why: exit 0 and CrashLoopBackOff, or a pod up but refusing connections",
    fix =
        "Check the error: log.Fatal(http.ListenAndServe(addr, mux)), or log it and exit non-zero.",
    languages = {Language.GO})
public final class ServeErrorIgnored implements AppRule {

  @Override
  public void check(AppFacts app, RuleContext ctx) {
    for (Hazard h : app.hazards()) {
      if (h instanceof Hazard.ServeErrorIgnored ignored) {
        ctx.report(h.location(), describe(ignored)).subject("app " + AppRules.name(app));
      }
    }
  }

  /**
   * "the error of http.ListenAndServe(":8080", nil) is dropped: a failed bind exits 0 unlogged".
   */
  static String describe(Hazard.ServeErrorIgnored h) {
    return "the error of "
        + h.call()
        + " is dropped: "
        + (h.inGoroutine()
            ? "a failed bind leaves the process up, serving nothing, with nothing logged"
            : "a failed bind returns from it silently, and the process exits with nothing logged");
  }
}
