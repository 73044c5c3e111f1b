package dev.rootcause.model.k8s;

import dev.rootcause.model.SourceLocation;
import java.util.Map;

/**
 * The {@code type: Container} bounds of a LimitRange: {@code max}, {@code min}, {@code default}
 * (limits) and {@code defaultRequest}, keyed by resource ({@code cpu}, {@code memory}).
 */
public record LimitRange(
    ObjectMeta meta,
    Map<String, ResourceSpec.Value> max,
    Map<String, ResourceSpec.Value> min,
    Map<String, ResourceSpec.Value> defaultLimit,
    Map<String, ResourceSpec.Value> defaultRequest)
    implements KubeFact {

  public LimitRange {
    max = Map.copyOf(max);
    min = Map.copyOf(min);
    defaultLimit = Map.copyOf(defaultLimit);
    defaultRequest = Map.copyOf(defaultRequest);
  }

  @Override
  public SourceLocation location() {
    return meta.location();
  }
}
