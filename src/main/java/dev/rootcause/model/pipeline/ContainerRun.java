package dev.rootcause.model.pipeline;

import dev.rootcause.model.SourceLocation;
import dev.rootcause.model.k8s.ImageRef;
import java.util.List;
import java.util.Map;

/**
 * A {@code docker run} (or podman, nerdctl) in a pipeline, script or Makefile: the image it starts,
 * the ports it publishes, and the environment it sets. {@code envFromFile} is true when an {@code
 * --env-file} or a bare {@code -e NAME} (taken from the caller's environment) may set more than
 * {@code env} says; {@code hostNetwork} when {@code --network host} makes publishing moot.
 */
public record ContainerRun(
    ImageRef image,
    List<PublishedPort> ports,
    Map<String, String> env,
    boolean envFromFile,
    boolean hostNetwork,
    SourceLocation location)
    implements java.io.Serializable {

  public ContainerRun {
    ports = List.copyOf(ports);
    env = Map.copyOf(env);
  }

  /** {@code -p HOST:CONTAINER}; {@code hostPort} is 0 when Docker picks it ({@code -p 8080}). */
  public record PublishedPort(int hostPort, int containerPort, String written)
      implements java.io.Serializable {}
}
