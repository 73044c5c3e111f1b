package dev.rootcause.model.k8s;

import dev.rootcause.model.SourceLocation;

/**
 * A PodDisruptionBudget: the pods it selects and how many must stay up ({@code minAvailable}) or
 * may go ({@code maxUnavailable}); {@code at} is where the count that is set is written.
 */
public record DisruptionBudget(
    ObjectMeta meta,
    LabelSelector selector,
    IntOrPercent minAvailable,
    IntOrPercent maxUnavailable,
    SourceLocation at)
    implements KubeFact {

  @Override
  public SourceLocation location() {
    return meta.location();
  }
}
