package dev.rootcause.rules.app;

import dev.rootcause.model.Severity;
import dev.rootcause.model.app.AppFacts;
import dev.rootcause.model.app.DemoRoutes;
import dev.rootcause.rules.RuleContext;

/** Small helpers the app rules share for naming things in messages. */
final class AppRules {
  private AppRules() {}

  /** The application's folder, or "." for the scan root. */
  static String name(AppFacts app) {
    return app.root().isEmpty() ? "." : app.root();
  }

  /**
   * "GET / sleeps in ...": the route leads the sentence; a hazard off any route, "a request
   * handler".
   */
  static String onRouteSentence(String route, String sentence) {
    return (route == null ? "a request handler" : route) + " " + sentence;
  }

  /** "; a demo route, slow on purpose by its name" when the route says it is one, "" otherwise. */
  static String demoNote(String route, String what) {
    return DemoRoutes.isDemo(route) ? "; a demo route, " + what + " on purpose by its name" : "";
  }

  /** A demo route's hazard is what the route is for: low, and only its own callers see it. */
  static void demoSeverity(RuleContext.FindingBuilder finding, String route) {
    if (DemoRoutes.isDemo(route)) {
      finding
          .severity(Severity.LOW)
          .symptom("only callers of this demo route see it; remove the route before production");
    }
  }

  /** "in GET /x" for a hazard on a route, "" otherwise. */
  static String onRoute(String route) {
    return route == null ? "" : " (in " + route + ")";
  }
}
