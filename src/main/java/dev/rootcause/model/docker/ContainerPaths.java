package dev.rootcause.model.docker;

import java.util.ArrayDeque;
import java.util.Deque;

/** Absolute paths inside an image, resolved and normalized as Docker does for WORKDIR and COPY. */
public final class ContainerPaths {
  private ContainerPaths() {}

  /**
   * {@code path} resolved against the absolute folder {@code base}, without trailing slash; null
   * when it is relative and {@code base} is unknown, or either holds an unresolved variable.
   */
  public static String resolve(String base, String path) {
    if (path == null || path.contains("$")) {
      return null;
    }
    String joined;
    if (path.startsWith("/")) {
      joined = path;
    } else if (base == null || base.contains("$")) {
      return null;
    } else {
      joined = base + "/" + path;
    }
    Deque<String> parts = new ArrayDeque<>();
    for (String part : joined.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        parts.pollLast();
      } else {
        parts.addLast(part);
      }
    }
    return "/" + String.join("/", parts);
  }

  /** Whether {@code path} is {@code dir} itself or inside it (both absolute and normalized). */
  public static boolean within(String path, String dir) {
    return path.equals(dir) || dir.equals("/") || path.startsWith(dir + "/");
  }

  /** The last segment of a path ({@code server} for {@code /out/server/}). */
  public static String fileName(String path) {
    String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    return p.substring(p.lastIndexOf('/') + 1);
  }

  /** The folder holding {@code path}: {@code /out} for {@code /out/server}, else {@code /}. */
  public static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? "/" : path.substring(0, slash);
  }

  /**
   * Whether a file name matches a COPY pattern where {@code *} is any run and {@code ?} one
   * character.
   */
  public static boolean matchesName(String name, String pattern) {
    return matchesName(name, 0, pattern, 0);
  }

  private static boolean matchesName(String name, int n, String pattern, int p) {
    if (p == pattern.length()) {
      return n == name.length();
    }
    char c = pattern.charAt(p);
    if (c == '*') {
      for (int k = n; k <= name.length(); k++) {
        if (matchesName(name, k, pattern, p + 1)) {
          return true;
        }
      }
      return false;
    }
    return n < name.length()
        && (c == '?' || c == name.charAt(n))
        && matchesName(name, n + 1, pattern, p + 1);
  }
}
