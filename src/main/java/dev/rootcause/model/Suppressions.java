package dev.rootcause.model;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rule ids silenced by {@code rootcause:ignore <id>[,<id>]} comments in files. A comment silences
 * its own line and the next one; {@code rootcause:ignore-file <id>} silences the whole file.
 * Immutable once built.
 */
public final class Suppressions {
  public static final String ALL = "*";
  public static final Suppressions NONE = of(List.of());

  /**
   * One {@code rootcause:ignore} comment: the rule ids it names, at {@code line} of {@code path},
   * or for the whole file.
   */
  public record Comment(String path, int line, Set<String> ruleIds, boolean wholeFile)
      implements Serializable {
    public Comment {
      ruleIds = Set.copyOf(ruleIds);
    }
  }

  private Suppressions() {}

  /** The suppressions these comments make. */
  public static Suppressions of(List<Comment> comments) {
    Suppressions s = new Suppressions();
    for (Comment c : comments) {
      if (c.wholeFile()) {
        s.addFile(c.path(), c.ruleIds());
      } else {
        s.addLine(c.path(), c.line(), c.ruleIds());
      }
    }
    return s;
  }

  /** path -> silenced line -> rule id -> the line of the comment that silences it. */
  private final Map<String, Map<Integer, Map<String, Integer>>> byLine = new HashMap<>();

  private final Map<String, Set<String>> byFile = new HashMap<>();

  private void addLine(String path, int line, Set<String> ruleIds) {
    Map<Integer, Map<String, Integer>> lines = byLine.computeIfAbsent(path, p -> new HashMap<>());
    for (String id : ruleIds) {
      lines.computeIfAbsent(line, l -> new HashMap<>()).put(id, line);
      lines.computeIfAbsent(line + 1, l -> new HashMap<>()).putIfAbsent(id, line);
    }
  }

  private void addFile(String path, Set<String> ruleIds) {
    byFile.merge(path, Set.copyOf(ruleIds), Suppressions::union);
  }

  /** The comment that silences {@code ruleId} at {@code where}, or null. */
  public String reason(String ruleId, SourceLocation where) {
    Set<String> file = byFile.getOrDefault(where.path(), Set.of());
    if (file.contains(ruleId) || file.contains(ALL)) {
      return "rootcause:ignore-file comment in " + where.path();
    }
    Map<String, Integer> line =
        byLine.getOrDefault(where.path(), Map.of()).getOrDefault(where.line(), Map.of());
    Integer comment = line.containsKey(ruleId) ? line.get(ruleId) : line.get(ALL);
    if (where.line() > 0 && comment != null) {
      return "rootcause:ignore comment at " + where.path() + ":" + comment;
    }
    return null;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    java.util.Set<String> all = new java.util.HashSet<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }
}
