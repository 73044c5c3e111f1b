package dev.rootcause.collect.docker;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The literal variable assignments in a RUN's shell text: prefixes ({@code CGO_ENABLED=0 go
 * build}), {@code export A=b} and plain statements. The shell walker drops prefixes from the
 * commands it reports, so the build settings they carry are read here.
 */
final class Assignments {
  private static final String SEPARATORS = " \t\n;&|()";

  private Assignments() {}

  /** Each name assigned a literal value in {@code text}, with the last value written. */
  static Map<String, String> in(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    int i = 0;
    while (i < text.length()) {
      while (i < text.length() && SEPARATORS.indexOf(text.charAt(i)) >= 0) {
        i++;
      }
      int start = i;
      while (i < text.length() && SEPARATORS.indexOf(text.charAt(i)) < 0) {
        i++;
      }
      String word = text.substring(start, i);
      int eq = word.indexOf('=');
      if (eq > 0 && isName(word.substring(0, eq))) {
        out.put(word.substring(0, eq), unquote(word.substring(eq + 1)));
      }
    }
    return out;
  }

  private static boolean isName(String s) {
    if (!Character.isLetter(s.charAt(0)) && s.charAt(0) != '_') {
      return false;
    }
    return s.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_');
  }

  private static String unquote(String value) {
    if (value.length() >= 2
        && (value.charAt(0) == '"' || value.charAt(0) == '\'')
        && value.charAt(value.length() - 1) == value.charAt(0)) {
      return value.substring(1, value.length() - 1);
    }
    return value;
  }
}
