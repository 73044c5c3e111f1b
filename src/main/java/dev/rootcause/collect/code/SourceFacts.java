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
    List<Hazard> hazards)
    implements Serializable {

  public SourceFacts {
    listens = List.copyOf(listens);
    routes = List.copyOf(routes);
    envReads = List.copyOf(envReads);
    outboundCalls = List.copyOf(outboundCalls);
    hazards = List.copyOf(hazards);
  }
}
