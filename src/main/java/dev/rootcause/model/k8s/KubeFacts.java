package dev.rootcause.model.k8s;

import dev.rootcause.model.SourceLocation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link KubeFact}s of the system, sorted and indexed: a workload's rollout, placement and
 * privileges; the PodDisruptionBudgets, ResourceQuotas and LimitRanges of a namespace; the nodes
 * the repository shows; an HPA's bounds.
 */
public final class KubeFacts {
  private final Map<SourceLocation, PodDetails> details = new HashMap<>();
  private final Map<SourceLocation, ReplicaBounds> bounds = new HashMap<>();
  private final List<DisruptionBudget> budgets = new ArrayList<>();
  private final List<ResourceQuota> quotas = new ArrayList<>();
  private final List<LimitRange> limitRanges = new ArrayList<>();
  private final List<NodeShape> nodes = new ArrayList<>();

  public KubeFacts(List<KubeFact> facts) {
    List<KubeFact> sorted = new ArrayList<>(facts);
    sorted.sort(Comparator.comparing(KubeFact::location, SourceLocation.ORDER));
    for (KubeFact f : sorted) {
      switch (f) {
        case PodDetails d -> details.putIfAbsent(d.workload(), d);
        case ReplicaBounds b -> bounds.putIfAbsent(b.hpa().location(), b);
        case DisruptionBudget b -> budgets.add(b);
        case ResourceQuota q -> quotas.add(q);
        case LimitRange l -> limitRanges.add(l);
        case NodeShape n -> nodes.add(n);
      }
    }
  }

  /** The rollout, placement and privileges of a workload read from manifests. */
  public Optional<PodDetails> details(Workload workload) {
    return Optional.ofNullable(details.get(workload.meta().location()));
  }

  /** The workload's rolling-update settings; empty for Recreate, OnDelete or none written. */
  public Optional<PodDetails.Rollout> rollingUpdate(Workload workload) {
    return details(workload)
        .map(PodDetails::rollout)
        .filter(r -> r.type() == null || r.type().equals("RollingUpdate"));
  }

  public Optional<ReplicaBounds> bounds(Autoscaler hpa) {
    return Optional.ofNullable(bounds.get(hpa.meta().location()));
  }

  public List<DisruptionBudget> budgets() {
    return List.copyOf(budgets);
  }

  /** Quotas that apply to every pod of the workload's namespace (unscoped ones). */
  public List<ResourceQuota> quotasFor(ObjectMeta workload) {
    return quotas.stream()
        .filter(q -> !q.scoped() && sameDeclaredNamespace(q.meta(), workload))
        .toList();
  }

  public List<LimitRange> limitRangesFor(ObjectMeta workload) {
    return limitRanges.stream().filter(l -> sameDeclaredNamespace(l.meta(), workload)).toList();
  }

  /** The nodes the repository shows; empty when it shows no cluster. */
  public List<NodeShape> nodes() {
    return List.copyOf(nodes);
  }

  /**
   * Whether two objects certainly land in one namespace: both name it, or neither does (then both
   * go where they are applied). A quota for {@code team-a} says nothing of an object with none.
   */
  private static boolean sameDeclaredNamespace(ObjectMeta a, ObjectMeta b) {
    return java.util.Objects.equals(a.namespace(), b.namespace());
  }
}
