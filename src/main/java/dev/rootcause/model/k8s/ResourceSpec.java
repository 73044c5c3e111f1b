package dev.rootcause.model.k8s;

import dev.rootcause.model.SourceLocation;

/** A container's {@code resources}: each value with the line it is written on; absent ones null. */
public record ResourceSpec(
    Value cpuRequest,
    Value memoryRequest,
    Value cpuLimit,
    Value memoryLimit,
    SourceLocation location)
    implements java.io.Serializable {

  /** One quantity and where it is written. */
  public record Value(Quantity quantity, SourceLocation location) implements java.io.Serializable {}

  public static ResourceSpec none() {
    return new ResourceSpec(null, null, null, null, null);
  }
}
