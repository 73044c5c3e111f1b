package dev.rootcause.model.k8s;

import dev.rootcause.model.SourceLocation;

/** One {@code ports[]} entry of a container. {@code name} may be null. */
public record ContainerPort(String name, int number, String protocol, SourceLocation location)
    implements java.io.Serializable {}
