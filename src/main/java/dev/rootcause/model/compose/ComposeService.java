package dev.rootcause.model.compose;

import dev.rootcause.model.SourceLocation;
import java.util.List;

/**
 * One service of a docker-compose file, as far as delivery rules ask: the container ports it serves
 * ({@code ports:} targets and {@code expose:}), whether it shares another network namespace ({@code
 * network_mode: host} or {@code service:x}, where localhost is not its own), and the loopback
 * addresses its environment points at. {@code build} is null when the service pulls an image, or
 * builds from what the repository cannot check (a URL, a variable, an inline Dockerfile).
 */
public record ComposeService(
    String file,
    String name,
    List<Integer> containerPorts,
    boolean sharedNetwork,
    List<LoopbackCall> loopbackCalls,
    Build build,
    SourceLocation location)
    implements java.io.Serializable {

  public ComposeService {
    containerPorts = List.copyOf(containerPorts);
    loopbackCalls = List.copyOf(loopbackCalls);
  }

  /**
   * A {@code build:} section: the Dockerfile it names (relative to the scan root), and whether that
   * file exists in the repository.
   */
  public record Build(
      String context, String dockerfile, boolean dockerfileExists, SourceLocation location)
      implements java.io.Serializable {}

  /** An env entry whose value addresses {@code localhost} or {@code 127.0.0.1} at {@code port}. */
  public record LoopbackCall(String env, String host, int port, SourceLocation location)
      implements java.io.Serializable {}
}
