package dev.rootcause.model.app;

import dev.rootcause.model.SourceLocation;
import java.util.List;

/**
 * What the application code in one source tree does, as read from the code: where it listens, what
 * it serves, what it reads from the environment, whom it calls, and the hazards in its handlers.
 * {@code root} is the tree's folder relative to the scan root; {@code entrypoint} the file the
 * container starts, when known.
 */
public record AppFacts(
    String root,
    Language language,
    String framework,
    String entrypoint,
    List<ListenPort> listens,
    List<Route> routes,
    List<EnvRead> envReads,
    List<OutboundCall> outboundCalls,
    List<Hazard> hazards)
    implements java.io.Serializable {

  public AppFacts {
    listens = List.copyOf(listens);
    routes = List.copyOf(routes);
    envReads = List.copyOf(envReads);
    outboundCalls = List.copyOf(outboundCalls);
    hazards = List.copyOf(hazards);
  }

  /** Source languages rootcause reads. */
  public enum Language {
    PYTHON("Python"),
    GO("Go"),
    JAVASCRIPT("JavaScript"),
    TYPESCRIPT("TypeScript"),
    JAVA("Java");

    private final String label;

    Language(String label) {
      this.label = label;
    }

    /** The language's name as people write it. */
    public String label() {
      return label;
    }
  }

  /**
   * The port the server binds: a literal {@code port}, or an env var with its default. {@code port}
   * is the effective port when no env overrides it (null when unknown).
   */
  public record ListenPort(Integer port, String envVar, String host, SourceLocation location)
      implements java.io.Serializable {}

  /** A route: method (or {@code *}), path, the status codes the handler can return. */
  public record Route(
      String method, String path, List<Integer> statuses, String handler, SourceLocation location)
      implements java.io.Serializable {
    public Route {
      statuses = List.copyOf(statuses);
    }
  }

  /** A read of an environment variable; {@code required} when absence crashes or exits. */
  public record EnvRead(String name, boolean required, String defaultValue, SourceLocation location)
      implements java.io.Serializable {}

  /** An outbound call: a URL literal or the env var it comes from, and whether it has a timeout. */
  public record OutboundCall(
      String url, String envVar, boolean hasTimeout, SourceLocation location, String client)
      implements java.io.Serializable {
    /** A call by a client the reader does not name. */
    public OutboundCall(String url, String envVar, boolean hasTimeout, SourceLocation location) {
      this(url, envVar, hasTimeout, location, null);
    }
  }
}
