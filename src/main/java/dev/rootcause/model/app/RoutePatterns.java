package dev.rootcause.model.app;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the route patterns of the frameworks rootcause reads (Flask, FastAPI, Express, Django, Go's
 * mux, Spring) match request paths: the one place a probe path is compared with the routes an
 * application serves.
 */
public final class RoutePatterns {
  private static final Pattern OPTIONAL_PARAM = Pattern.compile("/:[A-Za-z_$][A-Za-z0-9_$]*\\?");
  private static final Pattern FLASK_PATH = Pattern.compile("/<path:[^>]+>");
  private static final Pattern FASTAPI_PATH = Pattern.compile("/\\{[^}]+:path}");

  private RoutePatterns() {}

  /**
   * A route that answers every path: {@code *}, {@code /<path:p>}, {@code /{p:path}}, {@code
   * /(.*)}.
   */
  public static boolean isCatchAll(String route) {
    return route.equals("*")
        || route.equals("/*")
        || FLASK_PATH.matcher(route).matches()
        || FASTAPI_PATH.matcher(route).matches()
        || route.equals("/(.*)")
        || route.equals("/:path*");
  }

  /** The path of a probe or request without its query string or fragment. */
  public static String withoutQuery(String path) {
    int cut = path.length();
    for (char c : new char[] {'?', '#'}) {
      int at = path.indexOf(c);
      if (at >= 0 && at < cut) {
        cut = at;
      }
    }
    return path.substring(0, cut);
  }

  /** Whether a request path matches a route pattern of Flask, FastAPI, Express, Django or Go. */
  public static boolean matches(String pattern, String path, AppFacts.Language language) {
    String p = pattern.contains(" ") ? pattern.substring(pattern.indexOf(' ') + 1) : pattern;
    if (language == AppFacts.Language.GO && p.endsWith("/")) {
      return path.startsWith(p) || path.equals(p.substring(0, p.length() - 1)); // a subtree
    }
    if (p.length() > 1 && p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    StringBuilder regex = new StringBuilder();
    int i = 0;
    while (i < p.length()) {
      char c = p.charAt(i);
      if (c == '<' && p.indexOf('>', i) > 0) {
        String inner = p.substring(i + 1, p.indexOf('>', i));
        regex.append(inner.startsWith("path:") ? ".*" : "[^/]+");
        i = p.indexOf('>', i) + 1;
      } else if (c == '{' && p.indexOf('}', i) > 0) {
        String inner = p.substring(i + 1, p.indexOf('}', i));
        regex.append(inner.endsWith(":path") || inner.endsWith("...") ? ".*" : "[^/]+");
        i = p.indexOf('}', i) + 1;
      } else if (c == '/' && OPTIONAL_PARAM.matcher(p.substring(i)).lookingAt()) {
        Matcher optional = OPTIONAL_PARAM.matcher(p.substring(i));
        optional.lookingAt();
        regex.append("(?:/[^/]+)?"); // Express /status/:check? also serves /status
        i += optional.end();
      } else if (c == ':'
          && i + 1 < p.length()
          && Character.isJavaIdentifierStart(p.charAt(i + 1))) {
        int end = i + 1;
        while (end < p.length() && Character.isJavaIdentifierPart(p.charAt(end))) {
          end++;
        }
        boolean optional = end < p.length() && p.charAt(end) == '?';
        regex.append(optional ? "[^/]*" : "[^/]+");
        i = optional ? end + 1 : end;
      } else if (c == '*') {
        regex.append(".*");
        i++;
      } else if (c == '(' && p.startsWith("(.*)", i)) {
        regex.append(".*");
        i += 4;
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
        i++;
      }
    }
    String trimmedPath =
        path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    // Lenient on purpose (case, a trailing slash): a miss here would be a false finding.
    return Pattern.compile(regex + "/?", Pattern.CASE_INSENSITIVE).matcher(trimmedPath).matches();
  }
}
