package dev.rootcause.collect.code;

import dev.rootcause.collect.syntax.Node;
import dev.rootcause.model.SourceLocation;
import dev.rootcause.model.app.AppFacts;
import dev.rootcause.model.app.Hazard;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Accumulates what one file's extraction finds, with locations in that file, then freezes it. */
public final class FactsSink {
  private final String path;
  private final List<AppFacts.ListenPort> listens = new ArrayList<>();
  private final List<AppFacts.Route> routes = new ArrayList<>();
  private final List<AppFacts.EnvRead> envReads = new ArrayList<>();
  private final List<AppFacts.OutboundCall> calls = new ArrayList<>();
  private final List<Hazard> hazards = new ArrayList<>();
  private final Set<String> seenHazards = new LinkedHashSet<>();
  private final List<String> notes = new ArrayList<>();
  private SourceFacts.RoutePrefix routePrefix;

  public FactsSink(String path) {
    this.path = path;
  }

  public String path() {
    return path;
  }

  public SourceLocation at(Node node) {
    return new SourceLocation(path, node.line(), node.column());
  }

  public void listen(AppFacts.ListenPort listen) {
    listens.add(listen);
  }

  public void route(AppFacts.Route route) {
    routes.add(route);
  }

  public void env(AppFacts.EnvRead read) {
    envReads.add(read);
  }

  public void call(AppFacts.OutboundCall call) {
    calls.add(call);
  }

  public void listen(Integer port, String envVar, String host, Node at) {
    listens.add(new AppFacts.ListenPort(port, envVar, host, at(at)));
  }

  public void route(String method, String path, List<Integer> statuses, String handler, Node at) {
    routes.add(new AppFacts.Route(method, path, statuses, handler, at(at)));
  }

  public void env(String name, boolean required, String defaultValue, Node at) {
    envReads.add(new AppFacts.EnvRead(name, required, defaultValue, at(at)));
  }

  /**
   * An outbound call by {@code client} (requests, axios, fetch...; its default timeout differs).
   */
  public void call(String url, String envVar, boolean hasTimeout, Node at, String client) {
    calls.add(new AppFacts.OutboundCall(url, envVar, hasTimeout, at(at), client));
  }

  /** A hazard, once per kind and place (a helper reached from two handlers is reported once). */
  public void hazard(Hazard hazard) {
    SourceLocation at = hazard.location();
    if (seenHazards.add(hazard.kind() + "@" + at.line() + ":" + at.column())) {
      hazards.add(hazard);
    }
  }

  /**
   * Something the report should mention with --verbose (syntax skipped, a file only partly read).
   */
  public void note(String note) {
    notes.add(note);
  }

  public boolean hasListens() {
    return !listens.isEmpty();
  }

  public boolean hasRoutes() {
    return !routes.isEmpty();
  }

  public List<AppFacts.EnvRead> envReads() {
    return envReads;
  }

  public List<String> notes() {
    return List.copyOf(notes);
  }

  /** The file's facts, each list in source order. */
  /** The prefix this file's app puts before every route ({@code setGlobalPrefix}). */
  public void routePrefix(SourceFacts.RoutePrefix prefix) {
    routePrefix = prefix;
  }

  public SourceFacts build(AppFacts.Language language, String framework, boolean startsServer) {
    listens.sort(Comparator.comparing(AppFacts.ListenPort::location, SourceLocation.ORDER));
    routes.sort(Comparator.comparing(AppFacts.Route::location, SourceLocation.ORDER));
    envReads.sort(Comparator.comparing(AppFacts.EnvRead::location, SourceLocation.ORDER));
    calls.sort(Comparator.comparing(AppFacts.OutboundCall::location, SourceLocation.ORDER));
    hazards.sort(Comparator.comparing(Hazard::location, SourceLocation.ORDER));
    return new SourceFacts(
        path,
        language,
        framework,
        startsServer,
        listens,
        routes,
        envReads,
        calls,
        hazards,
        routePrefix);
  }
}
