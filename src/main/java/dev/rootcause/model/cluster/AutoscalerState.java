package dev.rootcause.model.cluster;

import java.io.Serializable;
import java.util.List;

/**
 * A HorizontalPodAutoscaler as the cluster holds it: what it scales, on which metrics, and its
 * status conditions ({@code AbleToScale}, {@code ScalingActive}, {@code ScalingLimited}).
 *
 * @param targetKind the kind of {@code scaleTargetRef}
 * @param targetName the name of {@code scaleTargetRef}
 * @param metrics each metric as written: {@code cpu Utilization 70}, {@code memory AverageValue
 *     200Mi}
 */
public record AutoscalerState(
    String namespace,
    String name,
    String targetKind,
    String targetName,
    List<String> metrics,
    List<Condition> conditions)
    implements Serializable {

  public AutoscalerState {
    metrics = List.copyOf(metrics);
    conditions = List.copyOf(conditions);
  }

  /** The condition of that type, or null. */
  public Condition condition(String type) {
    return conditions.stream().filter(c -> type.equals(c.type())).findFirst().orElse(null);
  }
}
