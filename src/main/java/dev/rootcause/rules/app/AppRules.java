package dev.rootcause.rules.app;

import dev.rootcause.model.app.AppFacts;

/** Small helpers the app rules share for naming things in messages. */
final class AppRules {
  private AppRules() {}

  /** The application's folder, or "." for the scan root. */
  static String name(AppFacts app) {
    return app.root().isEmpty() ? "." : app.root();
  }

  /**
   * "GET / sleeps in ...": the route, then the hazard's detail, unless the detail already starts
   * with the route's path (extractors of other languages may phrase it so).
   */
  static String onRouteSentence(AppFacts.Hazard h) {
    if (h.route() == null) {
      return "a request handler " + h.detail();
    }
    String path = h.route().substring(h.route().lastIndexOf(' ') + 1);
    return h.detail().startsWith(path + " ") ? h.detail() : h.route() + " " + h.detail();
  }

  /** "in GET /x" for a hazard on a route, "" otherwise. */
  static String onRoute(String route) {
    return route == null ? "" : " (in " + route + ")";
  }
}
