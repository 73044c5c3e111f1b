package dev.rootcause.collect.build;

import java.util.ArrayDeque;
import java.util.Deque;

/** Joins and normalizes paths relative to the scan root; {@code ""} is the root itself. */
final class RepoPaths {
  private RepoPaths() {}

  /** The folder of a relative file path, {@code ""} for a file at the root. */
  static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  /**
   * {@code path} resolved against the folder {@code dir}, normalized; null when it cannot be a path
   * inside the scanned tree: absolute, home-relative, a URL, templated, or climbing above the root.
   */
  static String resolve(String dir, String path) {
    if (dir == null
        || path == null
        || path.isEmpty()
        || path.startsWith("/")
        || path.startsWith("~")
        || path.contains("://")
        || path.contains("$")
        || path.indexOf(WorkDir.SCRIPT_DIR_MARK) >= 0
        || path.indexOf(WorkDir.ROOT_MARK) >= 0
        || path.startsWith("git@")) {
      return null;
    }
    return normalize(dir.isEmpty() ? path : dir + "/" + path);
  }

  /**
   * Removes {@code .}, empty segments and {@code x/..}; null when the path climbs above the root.
   */
  static String normalize(String path) {
    Deque<String> parts = new ArrayDeque<>();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (parts.isEmpty()) {
          return null;
        }
        parts.removeLast();
      } else {
        parts.addLast(part);
      }
    }
    return String.join("/", parts);
  }

  /** A file inside a folder, {@code name} alone when the folder is the root. */
  static String child(String dir, String name) {
    return dir.isEmpty() ? name : dir + "/" + name;
  }
}
