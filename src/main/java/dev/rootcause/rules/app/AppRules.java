package dev.rootcause.rules.app;

import dev.rootcause.model.app.AppFacts;

/** Small helpers the app rules share for naming things in messages. */
final class AppRules {
  private AppRules() {}

  /** The application's folder, or "." for the scan root. */
  static String name(AppFacts app) {
    return app.root().isEmpty() ? "." : app.root();
  }

  /** "in GET /x" for a hazard on a route, "" otherwise. */
  static String onRoute(String route) {
    return route == null ? "" : " (in " + route + ")";
  }
}
