package dev.rootcause.model.k8s;

import dev.rootcause.model.SystemModel;
import java.util.List;
import java.util.Optional;

/**
 * Who decides how many pods a workload runs: its {@code spec.replicas}, an HPA that targets it, or
 * an event-driven scaler (KEDA) whose target this model does not read.
 */
public final class Scaling {
  private Scaling() {}

  /** The HPAs whose scaleTargetRef names this workload. */
  public static List<Autoscaler> autoscalersOf(SystemModel model, Workload w) {
    return model.autoscalers().stream()
        .filter(a -> w.kind().equals(a.targetKind()) && w.name().equals(a.targetName()))
        .filter(a -> a.meta().sameNamespace(w.meta()))
        .toList();
  }

  /**
   * Whether something other than {@code spec.replicas} may set the count: an HPA targets it, or a
   * KEDA ScaledObject lives in its namespace (scale to zero is then deliberate).
   */
  public static boolean managedElsewhere(SystemModel model, Workload w) {
    return !autoscalersOf(model, w).isEmpty()
        || model.objectsOfKind("ScaledObject").stream().anyMatch(o -> o.sameNamespace(w.meta()));
  }

  /**
   * The most pods the workload runs at once when nothing else scales it: {@code spec.replicas} (1
   * when unset); with an HPA, its maxReplicas. Empty for kinds without a replica count.
   */
  public static Optional<Integer> replicas(SystemModel model, Workload w) {
    if (!scalable(w)) {
      return Optional.empty();
    }
    List<Autoscaler> hpas = autoscalersOf(model, w);
    if (!hpas.isEmpty()) {
      return Optional.of(hpas.get(0).maxReplicas());
    }
    return Optional.of(w.replicas() == null ? 1 : w.replicas());
  }

  /** The fewest pods it runs: its replicas, or an HPA's minReplicas (1 by default). */
  public static Optional<Integer> minReplicas(SystemModel model, Workload w) {
    if (!scalable(w)) {
      return Optional.empty();
    }
    List<Autoscaler> hpas = autoscalersOf(model, w);
    if (!hpas.isEmpty()) {
      Integer min = hpas.get(0).minReplicas();
      return Optional.of(min == null ? 1 : min);
    }
    return Optional.of(w.replicas() == null ? 1 : w.replicas());
  }

  /** Kinds whose pod count is {@code spec.replicas}. */
  public static boolean scalable(Workload w) {
    return switch (w.kind()) {
      case "Deployment", "StatefulSet", "ReplicaSet", "ReplicationController", "Rollout" -> true;
      default -> false;
    };
  }
}
