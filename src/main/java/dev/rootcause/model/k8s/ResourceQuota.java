package dev.rootcause.model.k8s;

import dev.rootcause.model.SourceLocation;
import java.util.Map;

/**
 * A ResourceQuota's {@code spec.hard} ({@code requests.cpu}, {@code limits.memory}, {@code pods},
 * plain {@code cpu} meaning requests...), each with where it is written. {@code scoped} quotas
 * (scopes, scopeSelector) apply to some pods only and are not judged.
 */
public record ResourceQuota(ObjectMeta meta, Map<String, ResourceSpec.Value> hard, boolean scoped)
    implements KubeFact {

  public ResourceQuota {
    hard = Map.copyOf(hard);
  }

  @Override
  public SourceLocation location() {
    return meta.location();
  }
}
