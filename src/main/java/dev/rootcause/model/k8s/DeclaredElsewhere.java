package dev.rootcause.model.k8s;

import dev.rootcause.model.SourceLocation;

/**
 * An object the repository creates other than by a manifest of it: a kustomize {@code
 * configMapGenerator} or {@code secretGenerator}. {@code namespace} is null when not said.
 */
public record DeclaredElsewhere(
    String kind, String name, String namespace, String how, SourceLocation location)
    implements java.io.Serializable {}
