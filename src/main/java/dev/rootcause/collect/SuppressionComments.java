package dev.rootcause.collect;

import dev.rootcause.model.Suppressions;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds {@code rootcause:ignore <rule-id>[,<rule-id>]} and {@code rootcause:ignore-file ...}
 * markers in any comment syntax ({@code #}, {@code //}, {@code --}).
 */
final class SuppressionComments {
  private static final String MARKER = "rootcause:ignore";
  private static final Pattern DIRECTIVE =
      Pattern.compile("rootcause:ignore(-file)?[ \\t]+([a-z0-9*][a-z0-9/*,\\- \\t]*)");

  private SuppressionComments() {}

  static void scan(String path, String text, Facts into) {
    int from = text.indexOf(MARKER);
    while (from >= 0) {
      int lineStart = text.lastIndexOf('\n', from) + 1;
      int lineEnd = text.indexOf('\n', from);
      String line = text.substring(lineStart, lineEnd < 0 ? text.length() : lineEnd);
      Matcher m = DIRECTIVE.matcher(line);
      if (m.find()) {
        Set<String> ids = new LinkedHashSet<>();
        for (String id : m.group(2).split("[,\\s]+")) {
          if (!id.isBlank()) {
            ids.add(id.trim());
          }
        }
        boolean wholeFile = m.group(1) != null;
        into.suppression(
            new Suppressions.Comment(
                path, wholeFile ? 0 : lineNumber(text, lineStart), ids, wholeFile));
      }
      from = text.indexOf(MARKER, from + MARKER.length());
    }
  }

  private static int lineNumber(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }
}
