package dev.rootcause.report;

import dev.rootcause.model.Finding;
import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Root causes, then their consequences, then hardening advice, in every report: the split, and the
 * one line that counts the advice per rule so it stays out of the way of the first screen.
 */
final class Kinds {
  private Kinds() {}

  static List<Finding> rootCauses(List<Finding> findings) {
    return findings.stream().filter(Finding::rootCause).toList();
  }

  /** Findings another finding of the result explains (a Service down because its pods crash). */
  static List<Finding> consequences(List<Finding> findings) {
    return findings.stream().filter(f -> f.kind() == FindingKind.CONSEQUENCE).toList();
  }

  /**
   * {@code follows from k8s/probe-port-not-exposed on Deployment production/api}: what the
   * consequence follows from, as its first evidence says; "" when none does.
   */
  static String cause(Finding consequence) {
    return consequence.related().stream()
        .map(e -> e.note())
        .filter(n -> n.startsWith("follows from "))
        .findFirst()
        .orElse("");
  }

  static List<Finding> hardening(List<Finding> findings) {
    return findings.stream().filter(f -> f.kind() == FindingKind.HARDENING).toList();
  }

  /**
   * {@code 6 k8s/missing-resources, 1 docker/runs-as-root}: most frequent rule first, then the
   * worst, then by id, so the line reads the same on every run.
   */
  static String countsByRule(List<Finding> hardening) {
    Map<String, List<Finding>> byRule =
        hardening.stream()
            .collect(
                Collectors.groupingBy(Finding::ruleId, LinkedHashMap::new, Collectors.toList()));
    Comparator<Map.Entry<String, List<Finding>>> order =
        Comparator.comparing((Map.Entry<String, List<Finding>> e) -> e.getValue().size())
            .reversed()
            .thenComparing(e -> worst(e.getValue()), Comparator.reverseOrder())
            .thenComparing(Map.Entry::getKey);
    return byRule.entrySet().stream()
        .sorted(order)
        .map(e -> e.getValue().size() + " " + e.getKey())
        .collect(Collectors.joining(", "));
  }

  /**
   * {@code 3 root causes, 2 consequences and 1 hardening item}, the words every report's summary
   * opens with; consequences are named only when there are some.
   */
  static String tally(List<Finding> findings) {
    long causes = findings.stream().filter(Finding::rootCause).count();
    long consequences = consequences(findings).size();
    long advice = findings.size() - causes - consequences;
    String s = causes + (causes == 1 ? " root cause" : " root causes");
    if (consequences > 0) {
      s += ", " + consequences + (consequences == 1 ? " consequence" : " consequences");
    }
    return advice == 0
        ? s
        : s + " and " + advice + (advice == 1 ? " hardening item" : " hardening items");
  }

  /** The worst severity among {@code findings} (not empty). */
  static Severity worst(List<Finding> findings) {
    return findings.stream().map(Finding::severity).max(Comparator.naturalOrder()).orElseThrow();
  }
}
