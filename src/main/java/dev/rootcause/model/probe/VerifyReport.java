package dev.rootcause.model.probe;

import dev.rootcause.model.Finding;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code verify} gate: every criterion with PASS/FAIL and its measured value, from the probe,
 * the cluster and the canary comparison, and the verdict.
 *
 * @param probe the probe of the URLs, or null when only a canary or a cluster was checked
 * @param canary the baseline/candidate comparison, or null
 * @param clusterSource where pods and logs were read ({@code context kind-prod}, {@code dump
 *     ./dump}), or null
 * @param clusterCriteria the pod and log criteria; empty without a cluster
 * @param findings what the {@code runtime/*} rules found in the cluster, in report order; the
 *     cluster criteria are worded from them
 */
public record VerifyReport(
    ProbeReport probe,
    CanaryReport canary,
    String clusterSource,
    List<Criterion> clusterCriteria,
    List<Finding> findings) {

  public VerifyReport {
    clusterCriteria = List.copyOf(clusterCriteria);
    findings = List.copyOf(findings);
  }

  /** A report without findings: no cluster was checked, or only its criteria matter. */
  public VerifyReport(
      ProbeReport probe,
      CanaryReport canary,
      String clusterSource,
      List<Criterion> clusterCriteria) {
    this(probe, canary, clusterSource, clusterCriteria, List.of());
  }

  /** All criteria in report order: probe, cluster, canary. */
  public List<Criterion> criteria() {
    List<Criterion> all = new ArrayList<>();
    if (probe != null) {
      all.addAll(probe.criteria());
    }
    all.addAll(clusterCriteria);
    if (canary != null) {
      all.add(
          new Criterion(
              "canary: candidate no worse than baseline",
              canary.candidate().url(),
              canary.decision() == CanaryReport.Decision.PROMOTE,
              canary.decision().name(),
              canary.reasons().get(0)));
    }
    return all;
  }

  public boolean passed() {
    return criteria().stream().allMatch(Criterion::passed);
  }
}
