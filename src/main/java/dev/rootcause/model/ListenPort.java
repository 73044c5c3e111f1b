package dev.rootcause.model;

import java.util.List;

/**
 * The port a container's process really listens on, as far as the repository tells: read from the
 * application code (or its start command) and resolved through the container's env and the image's
 * ENV. {@code evidence} lists each step ("app reads PORT, default 8080", "env PORT=3000").
 */
public record ListenPort(int port, Confidence confidence, List<Evidence> evidence)
    implements java.io.Serializable {

  public ListenPort {
    evidence = List.copyOf(evidence);
  }
}
