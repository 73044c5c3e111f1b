package dev.rootcause.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything a scan produced: findings in report order, those silenced and why, the inputs that
 * could not be read, the rules that crashed, what was looked at and what was read ({@link
 * Coverage}: null means {@link Coverage#UNKNOWN}), and where the time went (wall time, and CPU
 * milliseconds per collection stage and collector, then "rules", for {@code --verbose}).
 */
public record ScanResult(
    String root,
    List<Finding> findings,
    List<Suppressed> suppressed,
    List<CollectionProblem> problems,
    List<RuleFailure> ruleFailures,
    List<RuleInfo> rulesRun,
    Inventory inventory,
    Duration elapsed,
    Map<String, Long> cpuMillis,
    CacheUse cache,
    Coverage coverage)
    implements java.io.Serializable {

  public ScanResult {
    coverage = coverage == null ? Coverage.UNKNOWN : coverage;
    cpuMillis = Map.copyOf(cpuMillis);
    findings = List.copyOf(findings);
    suppressed = List.copyOf(suppressed);
    problems = List.copyOf(problems);
    ruleFailures = List.copyOf(ruleFailures);
    rulesRun = List.copyOf(rulesRun);
  }

  /** A result with no breakdown of where the CPU time went. */
  public ScanResult(
      String root,
      List<Finding> findings,
      List<Suppressed> suppressed,
      List<CollectionProblem> problems,
      List<RuleFailure> ruleFailures,
      List<RuleInfo> rulesRun,
      Inventory inventory,
      Duration elapsed) {
    this(
        root,
        findings,
        suppressed,
        problems,
        ruleFailures,
        rulesRun,
        inventory,
        elapsed,
        Map.of(),
        CacheUse.NONE,
        Coverage.UNKNOWN);
  }

  /**
   * How the cache of per-file facts served this scan: how many files came from it, and why it could
   * not be written (null when it was, or when no cache was used).
   */
  public record CacheUse(boolean used, int filesFromCache, String problem)
      implements java.io.Serializable {
    public static final CacheUse NONE = new CacheUse(false, 0, null);
  }

  /** A finding that a comment, annotation or config silenced, and which one. */
  public record Suppressed(Finding finding, String reason) implements java.io.Serializable {}

  /** A rule that threw on one element; the scan went on without it there. */
  public record RuleFailure(String ruleId, String subject, String error)
      implements java.io.Serializable {}

  /** How much of the system the scan saw. */
  public record Inventory(
      int filesScanned,
      int workloads,
      int services,
      int dockerfiles,
      int imageBuilds,
      int apps,
      int otherObjects)
      implements java.io.Serializable {}

  public boolean hasFindingsAtLeast(Severity threshold) {
    return findings.stream().anyMatch(f -> f.severity().atLeast(threshold));
  }

  public long count(Severity severity) {
    return findings.stream().filter(f -> f.severity() == severity).count();
  }

  /** The inputs that could not be used at all (not the notes): what {@code --strict} fails on. */
  public List<CollectionProblem> skipped() {
    return problems.stream().filter(p -> p.kind() == CollectionProblem.Kind.SKIPPED).toList();
  }

  /** Findings per severity, worst first, zeros left out: {@code 2 critical, 1 high}. */
  public String severityCounts() {
    StringBuilder sb = new StringBuilder();
    Severity[] all = Severity.values();
    for (int i = all.length - 1; i >= 0; i--) {
      long n = count(all[i]);
      if (n > 0) {
        sb.append(sb.isEmpty() ? "" : ", ").append(n).append(' ').append(all[i].label());
      }
    }
    return sb.toString();
  }
}
