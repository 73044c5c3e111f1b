package dev.rootcause.model.cluster;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * A node as the scheduler sees it: what it can give pods, its labels and taints, and its conditions
 * ({@code Ready}, {@code MemoryPressure}, {@code DiskPressure}).
 *
 * @param cpuMillis allocatable CPU in millicores; -1 when not known
 * @param memoryBytes allocatable memory in bytes; -1 when not known
 * @param taints as kubectl describe prints them: {@code dedicated=gpu:NoSchedule}
 */
public record NodeState(
    String name,
    Map<String, String> labels,
    List<String> taints,
    long cpuMillis,
    long memoryBytes,
    boolean unschedulable,
    List<Condition> conditions)
    implements Serializable {

  public NodeState {
    labels = Map.copyOf(labels);
    taints = List.copyOf(taints);
    conditions = List.copyOf(conditions);
  }

  /** Whether the node's Ready condition is True. */
  public boolean ready() {
    return conditions.stream().anyMatch(c -> c.is("Ready", "True"));
  }
}
