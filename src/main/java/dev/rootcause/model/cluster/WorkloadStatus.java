package dev.rootcause.model.cluster;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * A controller object as the cluster holds it (a Deployment, a ReplicaSet, a StatefulSet...): its
 * owner, how many replicas it wants and has ready, and its status conditions.
 *
 * @param ownerKind the controller owning it ({@code Deployment} for a ReplicaSet); null for none
 * @param ownerName the owner's name; null for none
 * @param desired {@code .spec.replicas}; -1 when not written
 * @param ready {@code .status.readyReplicas}
 * @param selector the pods it owns, by {@code matchLabels}; empty when none or unknown
 */
public record WorkloadStatus(
    String kind,
    String namespace,
    String name,
    String ownerKind,
    String ownerName,
    int desired,
    int ready,
    Map<String, String> selector,
    List<Condition> conditions)
    implements Serializable {

  public WorkloadStatus {
    selector = Map.copyOf(selector);
    conditions = List.copyOf(conditions);
  }

  /** The condition of that type, or null. */
  public Condition condition(String type) {
    return conditions.stream().filter(c -> type.equals(c.type())).findFirst().orElse(null);
  }
}
