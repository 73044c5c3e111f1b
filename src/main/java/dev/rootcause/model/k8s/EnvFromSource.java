package dev.rootcause.model.k8s;

import dev.rootcause.model.SourceLocation;

/** One {@code envFrom[]} entry: every key of a ConfigMap or Secret, with an optional prefix. */
public record EnvFromSource(
    String kind, String objectName, String prefix, boolean optional, SourceLocation location)
    implements java.io.Serializable {}
