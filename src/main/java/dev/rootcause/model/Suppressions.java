package dev.rootcause.model;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Rule ids silenced by {@code rootcause:ignore <id>[,<id>]} comments in files. A comment silences
 * its own line and the next one; {@code rootcause:ignore-file <id>} silences the whole file.
 */
public final class Suppressions {
  public static final String ALL = "*";

  /** path -> silenced line -> rule id -> the line of the comment that silences it. */
  private final Map<String, Map<Integer, Map<String, Integer>>> byLine = new HashMap<>();
  private final Map<String, Set<String>> byFile = new HashMap<>();

  public synchronized void addLine(String path, int line, Set<String> ruleIds) {
    Map<Integer, Map<String, Integer>> lines = byLine.computeIfAbsent(path, p -> new HashMap<>());
    for (String id : ruleIds) {
      lines.computeIfAbsent(line, l -> new HashMap<>()).put(id, line);
      lines.computeIfAbsent(line + 1, l -> new HashMap<>()).putIfAbsent(id, line);
    }
  }

  public synchronized void addFile(String path, Set<String> ruleIds) {
    byFile.merge(path, Set.copyOf(ruleIds), Suppressions::union);
  }

  /** The comment that silences {@code ruleId} at {@code where}, or null. */
  public synchronized String reason(String ruleId, SourceLocation where) {
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
