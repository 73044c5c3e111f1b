package dev.rootcause.model.k8s;

import dev.rootcause.model.SourceLocation;
import java.util.List;

/**
 * An HPA's replica bounds as written (null when absent) with their positions, and the metrics that
 * name no {@code target} (the API server refuses them).
 */
public record ReplicaBounds(
    ObjectMeta hpa,
    Integer min,
    SourceLocation minAt,
    Integer max,
    SourceLocation maxAt,
    List<SourceLocation> metricsWithoutTarget)
    implements KubeFact {

  public ReplicaBounds {
    metricsWithoutTarget = List.copyOf(metricsWithoutTarget);
  }

  @Override
  public SourceLocation location() {
    return hpa.location();
  }
}
