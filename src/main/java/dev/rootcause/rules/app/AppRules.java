package dev.rootcause.rules.app;

import dev.rootcause.model.app.AppFacts;

/** Small helpers the app rules share for naming things in messages. */
final class AppRules {
  private AppRules() {}

  /** The application's folder, or "." for the scan root. */
  static String name(AppFacts app) {
    return app.root().isEmpty() ? "." : app.root();
  }

  /** "GET / sleeps in ...": the route leads the sentence; a hazard off any route, "a request handler". */
  static String onRouteSentence(String route, String sentence) {
    return (route == null ? "a request handler" : route) + " " + sentence;
  }

  /** "in GET /x" for a hazard on a route, "" otherwise. */
  static String onRoute(String route) {
    return route == null ? "" : " (in " + route + ")";
  }
}
