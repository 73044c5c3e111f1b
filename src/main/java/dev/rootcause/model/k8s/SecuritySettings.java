package dev.rootcause.model.k8s;

import dev.rootcause.model.SourceLocation;

/**
 * The parts of a pod or container {@code securityContext} that decide which user runs: null fields
 * are unset (the container setting overrides the pod's; both fall back to the image's USER).
 */
public record SecuritySettings(Boolean runAsNonRoot, Long runAsUser, SourceLocation location)
    implements java.io.Serializable {

  public static SecuritySettings none() {
    return new SecuritySettings(null, null, null);
  }
}
