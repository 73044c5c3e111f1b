package dev.rootcause.model.k8s;

import dev.rootcause.model.SourceLocation;
import java.util.List;

/** A HorizontalPodAutoscaler (v1 or v2) and the metrics it scales on. */
public record Autoscaler(
    ObjectMeta meta,
    String targetKind,
    String targetName,
    SourceLocation targetLocation,
    Integer minReplicas,
    int maxReplicas,
    List<Metric> metrics)
    implements java.io.Serializable {

  public Autoscaler {
    metrics = List.copyOf(metrics);
  }

  /**
   * One metric. {@code type} is Resource, ContainerResource, Pods, Object or External; {@code
   * targetType} is Utilization, AverageValue or Value.
   */
  public record Metric(
      String type,
      String resourceName,
      String targetType,
      Integer averageUtilization,
      Quantity averageValue,
      SourceLocation location)
      implements java.io.Serializable {}
}
