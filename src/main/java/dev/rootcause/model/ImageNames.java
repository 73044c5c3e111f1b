package dev.rootcause.model;

import dev.rootcause.model.k8s.ImageRef;
import java.util.Locale;

/**
 * How image names compare: Docker Hub's spellings of one name, and a templated build tag ({@code
 * $TAG}, {@code ${VERSION}}, {@code {{ .Values.tag }}}) that could expand to a name.
 */
final class ImageNames {
  private ImageNames() {}

  /** {@code registry/repository:tag} with Docker Hub's own spellings removed. */
  static String canonical(ImageRef image) {
    String registry = image.registry() == null ? null : image.registry().toLowerCase(Locale.ROOT);
    if (registry != null
        && (registry.equals("docker.io")
            || registry.equals("index.docker.io")
            || registry.equals("registry-1.docker.io"))) {
      registry = null;
    }
    return (registry == null ? "" : registry + "/")
        + image.normalizedRepository()
        + ":"
        + image.effectiveTag();
  }

  /**
   * Whether {@code $VAR}, {@code ${...}}, {@code $(...)}, {@code {{ }}} parts can fill to the name.
   */
  static boolean templateMatches(String template, String name, String untagged) {
    StringBuilder re = new StringBuilder();
    String t = template.trim().toLowerCase(Locale.ROOT);
    int i = 0;
    while (i < t.length()) {
      char c = t.charAt(i);
      int end = -1;
      if (c == '$' && i + 1 < t.length()) {
        char next = t.charAt(i + 1);
        if (next == '{' || next == '(') {
          end = closing(t, i + 1);
        } else {
          end = i + 1;
          while (end < t.length()
              && (Character.isLetterOrDigit(t.charAt(end)) || t.charAt(end) == '_')) {
            end++;
          }
          end = end == i + 1 ? -1 : end - 1;
        }
      } else if (t.startsWith("{{", i)) {
        int close = t.indexOf("}}", i);
        end = close < 0 ? t.length() - 1 : close + 1;
      }
      if (end >= 0) {
        re.append(".*");
        i = end + 1;
      } else {
        re.append(java.util.regex.Pattern.quote(String.valueOf(c)));
        i++;
      }
    }
    java.util.regex.Pattern p = java.util.regex.Pattern.compile(re.toString());
    return p.matcher(name).matches()
        || untagged != null && p.matcher(untagged).matches()
        || p.matcher("docker.io/" + name).matches();
  }

  private static int closing(String s, int open) {
    char o = s.charAt(open);
    char close = o == '{' ? '}' : ')';
    int depth = 0;
    for (int i = open; i < s.length(); i++) {
      if (s.charAt(i) == o) {
        depth++;
      } else if (s.charAt(i) == close && --depth == 0) {
        return i;
      }
    }
    return s.length() - 1;
  }
}
