package dev.rootcause.rules.k8s;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.k8s.Container;
import dev.rootcause.model.k8s.PodDetails;
import dev.rootcause.model.k8s.Probe;
import dev.rootcause.model.k8s.StockImages;
import dev.rootcause.model.k8s.Workload;
import dev.rootcause.rules.ContainerRule;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * An HTTP probe on a path the stock image does not serve: nginx and httpd serve their default
 * files, so {@code /healthz} is a 404; redis or postgres do not speak HTTP at all. Silent when the
 * pod mounts volumes (a ConfigMap with its own {@code location /healthz}, files from an init
 * container) or overrides the image's command, since the image is then configured.
 */
@RuleSpec(
    id = "k8s/probe-path-not-in-image",
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "HTTP probe checks a path the stock image does not serve",
    symptom =
        "Readiness probe failed: HTTP probe failed with statuscode: 404 (the pod stays 0/1 Ready,"
            + " the Service has no endpoints); a liveness probe restarts it (CrashLoopBackOff)",
    fix =
        "Probe a path the image serves (/ for nginx and httpd), or mount a config that serves it.")
public final class ProbePathNotInImage implements ContainerRule {

  @Override
  public void check(Workload workload, Container container, RuleContext ctx) {
    if (container.init() || container.image() == null) {
      return;
    }
    Optional<PodDetails> details = ctx.model().kube().details(workload);
    if (details.isEmpty()) {
      return;
    }
    boolean configured = !details.get().volumes().isEmpty();
    for (Probe probe : container.probes()) {
      if (probe.handler() != Probe.Handler.HTTP_GET || probe.port() == null) {
        continue;
      }
      if (StockImages.notHttp(container.image())) {
        ctx.report(
                probe.location(),
                probe.kind().field()
                    + " sends an HTTP GET to "
                    + container.image().raw()
                    + ", which does not speak HTTP: every check fails")
            .related(container.image().location(), "image " + container.image().raw())
            .fix(
                "Use a tcpSocket probe on the port (or an exec probe such as redis-cli ping /"
                    + " pg_isready) for container "
                    + container.name()
                    + ".");
        continue;
      }
      Optional<Set<String>> served = StockImages.servedPaths(container.image());
      if (served.isEmpty()
          || configured
          || !container.command().isEmpty()
          || !container.args().isEmpty()
          || probe.path() == null
          || !onDefaultPort(probe, container)) {
        continue;
      }
      String path = probe.path();
      int query = path.indexOf('?');
      path = query >= 0 ? path.substring(0, query) : path;
      if (served.get().contains(path)) {
        continue;
      }
      ctx.report(
              probe.pathLocation() != null ? probe.pathLocation() : probe.location(),
              probe.kind().field()
                  + " GET "
                  + path
                  + ", but the stock "
                  + container.image().raw()
                  + " image serves only "
                  + String.join(", ", new TreeSet<>(served.get()))
                  + ": the probe gets 404")
          .related(container.image().location(), "image " + container.image().raw())
          .fix(
              "Set the "
                  + probe.kind().field()
                  + " path to / (or mount a config that answers "
                  + path
                  + ").");
    }
  }

  private static boolean onDefaultPort(Probe probe, Container container) {
    int port = StockImages.httpPort(container.image());
    return probe.port().isNamed()
        ? container.port(probe.port()).map(p -> p.number() == port).orElse(false)
        : probe.port().number() == port;
  }
}
