package dev.rootcause.model.k8s;

/**
 * A fact about a Kubernetes object beyond what the core records hold: how a workload rolls out and
 * where its pods may run, budgets, quotas, limit ranges, the cluster's nodes, an HPA's bounds.
 */
public sealed interface KubeFact extends java.io.Serializable
    permits PodDetails, DisruptionBudget, ResourceQuota, LimitRange, NodeShape, ReplicaBounds {

  /** Where the fact is declared, which orders facts from files read in parallel. */
  dev.rootcause.model.SourceLocation location();
}
