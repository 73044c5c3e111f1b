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

  private final Map<String, Map<Integer, Set<String>>> byLine = new HashMap<>();
  private final Map<String, Set<String>> byFile = new HashMap<>();

  public synchronized void addLine(String path, int line, Set<String> ruleIds) {
    Map<Integer, Set<String>> lines = byLine.computeIfAbsent(path, p -> new HashMap<>());
    lines.merge(line, Set.copyOf(ruleIds), Suppressions::union);
    lines.merge(line + 1, Set.copyOf(ruleIds), Suppressions::union);
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
    Set<String> line =
        byLine.getOrDefault(where.path(), Map.of()).getOrDefault(where.line(), Set.of());
    if (where.line() > 0 && (line.contains(ruleId) || line.contains(ALL))) {
      return "rootcause:ignore comment at " + where.path() + ":" + where.line();
    }
    return null;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    java.util.Set<String> all = new java.util.HashSet<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }
}
