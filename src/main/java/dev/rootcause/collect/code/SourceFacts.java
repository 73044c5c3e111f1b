package dev.rootcause.collect.code;

import dev.rootcause.model.app.AppFacts;
import dev.rootcause.model.app.Hazard;
import java.io.Serializable;
import java.util.List;

/**
 * What one source file reveals, before files are grouped into applications: the server it starts,
 * the routes it serves, the env vars it reads, whom it calls, and the hazards in its handlers.
 * {@code startsServer} marks a file that can be an entry point (calls {@code app.run}, {@code
 * listen}, {@code ListenAndServe}, has {@code main}).
 */
public record SourceFacts(
    String path,
    AppFacts.Language language,
    String framework,
    boolean startsServer,
    List<AppFacts.ListenPort> listens,
    List<AppFacts.Route> routes,
    List<AppFacts.EnvRead> envReads,
    List<AppFacts.OutboundCall> outboundCalls,
    List<Hazard> hazards,
    RoutePrefix routePrefix)
    implements Serializable {

  /**
   * A prefix the framework puts before every route of the app ({@code setGlobalPrefix('api')}), but
   * not before the {@code excluded} paths.
   */
  public record RoutePrefix(String prefix, List<String> excluded) implements Serializable {
    public RoutePrefix {
      excluded = List.copyOf(excluded);
    }

    /** The path a route written as {@code path} is served at. */
    public String apply(String path) {
      if (excluded.contains(path) || prefix.equals("/")) {
        return path;
      }
      return path.equals("/") ? prefix : prefix + path;
    }
  }

  public SourceFacts(
      String path,
      AppFacts.Language language,
      String framework,
      boolean startsServer,
      List<AppFacts.ListenPort> listens,
      List<AppFacts.Route> routes,
      List<AppFacts.EnvRead> envReads,
      List<AppFacts.OutboundCall> outboundCalls,
      List<Hazard> hazards) {
    this(
        path,
        language,
        framework,
        startsServer,
        listens,
        routes,
        envReads,
        outboundCalls,
        hazards,
        null);
  }

  public SourceFacts {
    listens = List.copyOf(listens);
    routes = List.copyOf(routes);
    envReads = List.copyOf(envReads);
    outboundCalls = List.copyOf(outboundCalls);
    hazards = List.copyOf(hazards);
  }
}
