package dev.rootcause.rules.cross;

import dev.rootcause.model.app.RoutePatterns;
import dev.rootcause.model.k8s.Container;
import dev.rootcause.model.k8s.Probe;
import dev.rootcause.model.k8s.Workload;
import dev.rootcause.model.proxy.NginxSites;
import dev.rootcause.model.proxy.ProxyRoute;
import dev.rootcause.rules.RuleContext;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code cross/probe-path-not-served} for a container that runs nginx: the probe's path is matched
 * as nginx would, against the locations of the configuration that replaces nginx's own (an exact
 * location first, then the longest prefix). Reported when no location takes the path (nginx answers
 * 404) or the one that does returns an error; silent when a regex location might take it, the
 * config has several server blocks, or the location passes on or serves files (what answers then is
 * not in the config).
 */
final class NginxProbes {
  private NginxProbes() {}

  static void check(Workload workload, Container container, RuleContext ctx) {
    if (!NginxSites.runsNginx(ctx.model(), container)) {
      return;
    }
    List<ProxyRoute> locations = NginxSites.locations(ctx.model(), workload, container);
    if (locations.isEmpty()
        || locations.stream().map(ProxyRoute::scope).distinct().count() != 1
        || locations.stream().anyMatch(r -> r.match() == ProxyRoute.Match.REGEX)) {
      return;
    }
    for (Probe probe : container.probes()) {
      if (probe.handler() != Probe.Handler.HTTP_GET || probe.path() == null) {
        continue;
      }
      String path = RoutePatterns.withoutQuery(probe.path());
      Optional<ProxyRoute> winner = winner(locations, path);
      if (winner.isPresent() && (winner.get().answers() == null || winner.get().answers() < 400)) {
        continue;
      }
      String config = locations.get(0).location().path();
      String answer =
          winner
              .map(w -> "location " + w.servedPrefix() + " returns " + w.answers())
              .orElse(
                  "no location takes it, so nginx answers 404 (locations: "
                      + locations.stream()
                          .map(ProxyRoute::servedPrefix)
                          .distinct()
                          .collect(Collectors.joining(", "))
                      + ")");
      var finding =
          ProbePathNotServed.report(
              ctx, workload, container, probe, path, "in nginx (" + config + ") " + answer);
      winner.ifPresent(w -> finding.related(w.location(), "location " + w.servedPrefix()));
      ProbePathNotServed.symptom(finding, probe);
      locations.stream()
          .filter(r -> r.answers() != null && r.answers() < 300)
          .findFirst()
          .ifPresentOrElse(
              health ->
                  finding
                      .related(
                          health.location(),
                          "location " + health.servedPrefix() + " returns " + health.answers())
                      .fix(
                          "Set "
                              + probe.kind().field()
                              + " path to "
                              + health.servedPrefix()
                              + "."),
              () ->
                  finding.fix(
                      "Add `location = "
                          + path
                          + " { return 200; }` to "
                          + config
                          + ", or point "
                          + probe.kind().field()
                          + " at a path it serves."));
    }
  }

  /** The location nginx picks for {@code path}: an exact one, else the longest prefix. */
  private static Optional<ProxyRoute> winner(List<ProxyRoute> locations, String path) {
    Optional<ProxyRoute> exact =
        locations.stream()
            .filter(r -> r.match() == ProxyRoute.Match.EXACT && r.serves(path))
            .findFirst();
    if (exact.isPresent()) {
      return exact;
    }
    return locations.stream()
        .filter(r -> r.match() == ProxyRoute.Match.PREFIX && r.serves(path))
        .max(Comparator.comparingInt(r -> r.servedPrefix().length()));
  }
}
