package dev.rootcause.model.build;

import dev.rootcause.model.SourceLocation;
import dev.rootcause.model.k8s.ImageRef;

/**
 * A place where the repository makes an image available under a name: {@code docker build -t},
 * {@code docker tag}, {@code k3d image import}, a compose {@code build:}, a CI build action. {@code
 * dockerfile} and {@code context} are paths relative to the scan root when known, else null.
 */
public record ImageBuild(
    ImageRef image,
    Kind kind,
    String dockerfile,
    String context,
    String target,
    SourceLocation location)
    implements java.io.Serializable {

  /** How the name comes to exist. */
  public enum Kind {
    /** Built from a Dockerfile under this name. */
    BUILD,
    /** An existing image given a new name ({@code docker tag}). */
    TAG,
    /** Loaded into a local cluster ({@code k3d image import}, {@code kind load}). */
    IMPORT,
    /** Pushed to a registry. */
    PUSH
  }
}
