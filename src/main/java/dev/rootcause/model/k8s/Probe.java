package dev.rootcause.model.k8s;

import dev.rootcause.model.SourceLocation;

/**
 * A liveness, readiness or startup probe. {@code port} is null for exec probes. Timing fields hold
 * the value written, or the Kubernetes default when absent (see {@code *Set} to tell which).
 */
public record Probe(
    Kind kind,
    Handler handler,
    PortRef port,
    String path,
    int initialDelaySeconds,
    int periodSeconds,
    int timeoutSeconds,
    int failureThreshold,
    SourceLocation location,
    SourceLocation portLocation,
    SourceLocation pathLocation,
    Timing timing)
    implements java.io.Serializable {

  /** Which probe. */
  public enum Kind {
    LIVENESS("livenessProbe"),
    READINESS("readinessProbe"),
    STARTUP("startupProbe");

    private final String field;

    Kind(String field) {
      this.field = field;
    }

    public String field() {
      return field;
    }
  }

  /** How the kubelet checks. */
  public enum Handler {
    HTTP_GET,
    TCP_SOCKET,
    GRPC,
    EXEC
  }

  /** Where each timing field is written, or null when Kubernetes' default applies. */
  public record Timing(
      SourceLocation initialDelay,
      SourceLocation period,
      SourceLocation timeout,
      SourceLocation failureThreshold)
      implements java.io.Serializable {}

  public static final int DEFAULT_PERIOD = 10;
  public static final int DEFAULT_TIMEOUT = 1;
  public static final int DEFAULT_FAILURE_THRESHOLD = 3;

  public boolean checksPort() {
    return port != null;
  }
}
