package dev.rootcause.rules.cross;

import dev.rootcause.model.Confidence;
import dev.rootcause.model.FindingKind;
import dev.rootcause.model.ImageSource;
import dev.rootcause.model.Severity;
import dev.rootcause.model.SystemModel;
import dev.rootcause.model.app.AppFacts;
import dev.rootcause.model.app.HealthPaths;
import dev.rootcause.model.app.RoutePatterns;
import dev.rootcause.model.k8s.Container;
import dev.rootcause.model.k8s.EnvVar;
import dev.rootcause.model.k8s.Probe;
import dev.rootcause.model.k8s.Workload;
import dev.rootcause.rules.ContainerRule;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An HTTP probe on a path the application does not serve gets a 404 (or 405) and fails. Silent when
 * the app's routes are unknown, when a catch-all route answers everything, or when the probe checks
 * a port the app's server does not listen on (another server, or cross/port-mismatch) unless that
 * port is the only one the container declares.
 */
@RuleSpec(
    id = "cross/probe-path-not-served",
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "HTTP probe checks a path the application does not serve",
    symptom =
        "the probe gets 404: liveness restarts the container over and over, readiness keeps it out of the Service",
    fix =
        "Point the probe at a route the application serves (its health endpoint), or add that route.")
public final class ProbePathNotServed implements ContainerRule {
  @Override
  public void check(Workload workload, Container container, RuleContext ctx) {
    Optional<AppFacts> found = ctx.model().appOf(container);
    if (!container.init() && found.isEmpty()) {
      NginxProbes.check(workload, container, ctx);
      return;
    }
    if (container.init() || found.get().routes().isEmpty()) {
      return;
    }
    AppFacts app = found.get();
    List<AppFacts.Route> gets =
        app.routes().stream()
            .filter(r -> r.method().equals("*") || r.method().equalsIgnoreCase("GET"))
            .toList();
    if (gets.stream().anyMatch(r -> catchAll(r) && !onlyErrors(r))) {
      return;
    }
    for (Probe probe : container.probes()) {
      if (probe.handler() != Probe.Handler.HTTP_GET
          || probe.path() == null
          || !sameServer(probe, container, app)) {
        continue;
      }
      String path = RoutePatterns.withoutQuery(probe.path());
      // A route of its own that only errors (a /healthz answering 500) is served, not a 404:
      // app/health-endpoint-fails says why it fails. A 404 handler for every path is not.
      if (gets.stream()
          .anyMatch(
              r ->
                  !(onlyErrors(r) && catchAll(r))
                      && RoutePatterns.matches(r.path(), path, app.language()))) {
        continue;
      }
      String served =
          gets.stream()
              .filter(r -> !catchAll(r))
              .map(AppFacts.Route::path)
              .distinct()
              .limit(6)
              .collect(Collectors.joining(", "));
      String where =
          app.entrypoint() != null ? app.entrypoint() : app.root().isEmpty() ? "." : app.root();
      var finding =
          report(
                  ctx,
                  workload,
                  container,
                  probe,
                  path,
                  "the app ("
                      + where
                      + ") serves no such route"
                      + (served.isEmpty() ? "" : " (it serves " + served + ")"))
              .confidence(
                  ctx.model()
                      .imageSource(container)
                      .map(ImageSource::confidence)
                      .orElse(Confidence.LIKELY));
      gets.stream()
          .filter(r -> HealthPaths.isProbeTarget(r.path()))
          .findFirst()
          .ifPresentOrElse(
              health ->
                  finding
                      .related(health.location(), "the app serves " + health.path())
                      .fix("Set " + probe.kind().field() + " path to " + health.path() + "."),
              () ->
                  finding.fix(
                      "Add a "
                          + path
                          + " route to the app, or point "
                          + probe.kind().field()
                          + " at a route it serves."));
      symptom(finding, probe);
    }
  }

  /** "readinessProbe GET /health, but {@code why}", at the probe's path, about the container. */
  static RuleContext.FindingBuilder report(
      RuleContext ctx,
      Workload workload,
      Container container,
      Probe probe,
      String path,
      String why) {
    return ctx.report(
            probe.pathLocation() != null ? probe.pathLocation() : probe.location(),
            probe.kind().field() + " GET " + path + ", but " + why)
        .subject(workload.meta().displayName() + " container " + container.name());
  }

  /** What a probe that gets 404 does, by its kind. */
  static void symptom(RuleContext.FindingBuilder finding, Probe probe) {
    if (probe.kind() == Probe.Kind.READINESS) {
      finding.symptom(
          "readiness gets 404: the pod never becomes Ready and the Service has no endpoints");
    } else if (probe.kind() == Probe.Kind.LIVENESS) {
      finding.symptom(
          "liveness gets 404: the kubelet restarts the container over and over (CrashLoopBackOff)");
    }
  }

  /** Whether the probe's port is one the app's server may listen on (unknown counts as yes). */
  private static boolean sameServer(Probe probe, Container container, AppFacts app) {
    Integer port =
        probe.port() == null
            ? null
            : probe.port().isNamed()
                ? container.port(probe.port()).map(p -> p.number()).orElse(null)
                : probe.port().number();
    if (port == null || app.listens().isEmpty() || onlyDeclaredPort(container, port)) {
      return true;
    }
    Set<Integer> ports = new HashSet<>();
    for (AppFacts.ListenPort listen : app.listens()) {
      if (listen.port() == null && listen.envVar() == null) {
        return true;
      }
      if (listen.port() != null) {
        ports.add(listen.port());
      }
      if (listen.envVar() != null) {
        Optional<EnvVar> env = container.envVar(listen.envVar());
        if (env.isPresent() && env.get().value() == null || !container.envFrom().isEmpty()) {
          return true; // set from elsewhere: unknown
        }
        env.flatMap(e -> SystemModel.parsePort(e.value().reveal())).ifPresent(ports::add);
      }
    }
    return ports.contains(port);
  }

  /**
   * The container declares this one port and nothing else: no second server is in sight, so the
   * probe is meant for the app's, and its path is wrong too once cross/port-mismatch is fixed.
   */
  private static boolean onlyDeclaredPort(Container container, int port) {
    return container.ports().size() == 1 && container.ports().get(0).number() == port;
  }

  private static boolean catchAll(AppFacts.Route r) {
    return RoutePatterns.isCatchAll(r.path());
  }

  /** A 404 page or an error handler: it answers every path, but never with success. */
  private static boolean onlyErrors(AppFacts.Route r) {
    return !r.statuses().isEmpty() && r.statuses().stream().allMatch(s -> s >= 400);
  }
}
