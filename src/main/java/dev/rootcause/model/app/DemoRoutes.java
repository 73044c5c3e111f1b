package dev.rootcause.model.app;

import java.util.Locale;
import java.util.Set;

/**
 * The one definition of a demo route: a route whose name says it is slow or fails on purpose
 * ({@code /simulate/slow}, {@code /debug/crash}, {@code /chaos}, {@code /fail}). A sleep or a
 * failure there is what the route is for; callers of the real routes are not affected.
 */
public final class DemoRoutes {
  private static final Set<String> DEMO =
      Set.of(
          "simulate",
          "simulation",
          "chaos",
          "fail",
          "failure",
          "crash",
          "boom",
          "debug",
          "slow",
          "sleep",
          "delay",
          "error-test",
          "break");

  private DemoRoutes() {}

  /** Whether a route ({@code GET /simulate/slow}) or path names itself a demo in any segment. */
  public static boolean isDemo(String route) {
    if (route == null) {
      return false;
    }
    String path = route.substring(route.lastIndexOf(' ') + 1).toLowerCase(Locale.ROOT);
    for (String segment : path.split("/")) {
      String s =
          segment.startsWith(":") || segment.startsWith("{") || segment.startsWith("<")
              ? ""
              : segment;
      if (DEMO.contains(s) || s.startsWith("simulate-") || s.startsWith("chaos-")) {
        return true;
      }
    }
    return false;
  }
}
