package dev.rootcause.rules.cross;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.app.AppFacts;
import dev.rootcause.model.app.DemoRoutes;
import dev.rootcause.model.app.Hazard;
import dev.rootcause.model.proxy.ProxyRoute;
import dev.rootcause.model.proxy.Upstreams;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import dev.rootcause.rules.SystemRule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A proxy stops waiting before the handler behind it answers: an Envoy route with {@code timeout:
 * 1s} (15 s when unset) in front of a handler that sleeps 2 s answers 504 on every request, and one
 * that sleeps {@code random.uniform(3, 8)} s behind a 5 s timeout on some. The route is followed to
 * the app (the sidecar's neighbour, the Service's pods, the compose service's build) and the
 * handler's path is matched against the route the proxy would pick for it; a regex route that might
 * win instead keeps the rule silent. nginx's {@code proxy_read_timeout} (60 s by default) and
 * ingress-nginx's {@code proxy-read-timeout} annotation are read the same way.
 */
@RuleSpec(
    id = "cross/proxy-timeout-below-handler-latency",
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "A proxy's timeout is shorter than the time the handler behind it takes to answer",
    symptom =
        "504 Gateway Timeout (Envoy: upstream request timeout) from the proxy while the handler is still working",
    fix =
        "Raise the proxy's timeout for the route above the handler's latency, or take the wait out of the handler.")
public final class ProxyTimeoutBelowHandlerLatency implements SystemRule {

  @Override
  public void check(RuleContext ctx) {
    List<ProxyRoute> routes = new ArrayList<>(ctx.model().proxyRoutes());
    routes.addAll(Upstreams.ingressRoutes(ctx.model()));
    Set<String> reported = new HashSet<>();
    for (ProxyRoute route : routes) {
      Double limit = route.timeout().seconds();
      if (route.upstream() == null
          || limit == null
          || limit <= 0
          || route.match() == ProxyRoute.Match.REGEX) {
        continue; // unreadable, or waits forever
      }
      Optional<AppFacts> app = Upstreams.appBehind(ctx.model(), route.upstream());
      if (app.isEmpty()) {
        continue;
      }
      for (Hazard h : app.get().hazards()) {
        if (!(h instanceof Hazard.Sleep sleep) || sleep.maxSeconds() == null || h.route() == null) {
          continue;
        }
        String clientPath = route.clientPath(path(h.route()));
        if (clientPath == null
            || sleep.maxSeconds() < limit
            || !chosen(route, clientPath, routes)
            || !reported.add(route.location() + " " + h.location())) {
          continue;
        }
        report(ctx, route, sleep, limit);
      }
    }
  }

  private static void report(RuleContext ctx, ProxyRoute route, Hazard.Sleep sleep, double limit) {
    boolean every = sleep.everyRequest() && sleep.minSeconds() >= limit;
    String proxy =
        switch (route.proxy()) {
          case ENVOY -> "Envoy route " + describe(route);
          case NGINX -> "nginx location " + describe(route);
          case INGRESS_NGINX -> route.scope() + " path " + route.servedPrefix();
        };
    String waits =
        route.timeout().stated()
            ? "waits " + seconds(limit) + " (" + route.timeout().setting() + ")"
            : "waits "
                + seconds(limit)
                + " (the default: no "
                + route.timeout().setting()
                + " set)";
    var finding =
        ctx.report(
                route.timeout().stated() ? route.timeout().location() : route.location(),
                proxy
                    + " "
                    + waits
                    + " for "
                    + sleep.route()
                    + ", which "
                    + latency(sleep)
                    + ": 504 on "
                    + (every ? "every request" : "some requests"))
            .related(sleep.location(), sleep.route() + " waits in " + sleep.code())
            .related(route.upstream().location(), "the route's upstream")
            .subject(route.location().path())
            .fix(fix(route, sleep));
    if (DemoRoutes.isDemo(sleep.route())) {
      finding
          .severity(Severity.LOW)
          .symptom(
              "only callers of this demo route see the 504; it is slow on purpose by its name");
    } else if (!every) {
      finding.severity(Severity.MEDIUM);
    }
  }

  /** Whether the proxy picks {@code route} for {@code path} among the routes of its scope. */
  private static boolean chosen(ProxyRoute route, String path, List<ProxyRoute> all) {
    List<ProxyRoute> rivals =
        all.stream()
            .filter(r -> r.proxy() == route.proxy() && r.scope().equals(route.scope()))
            .toList();
    if (route.proxy() == ProxyRoute.Proxy.ENVOY) {
      // the first route that matches wins; a regex before this one might
      return rivals.stream()
          .filter(r -> r.order() < route.order())
          .noneMatch(r -> r.match() == ProxyRoute.Match.REGEX || r.serves(path));
    }
    if (route.match() == ProxyRoute.Match.EXACT) {
      return true; // nginx tries exact locations first
    }
    boolean regexRival = rivals.stream().anyMatch(r -> r.match() == ProxyRoute.Match.REGEX);
    boolean exactRival =
        rivals.stream().anyMatch(r -> r.match() == ProxyRoute.Match.EXACT && r.serves(path));
    boolean longerPrefix =
        rivals.stream()
            .anyMatch(
                r ->
                    r.match() == ProxyRoute.Match.PREFIX
                        && r.servedPrefix().length() > route.servedPrefix().length()
                        && r.serves(path));
    return !regexRival && !exactRival && !longerPrefix;
  }

  private static String fix(ProxyRoute route, Hazard.Sleep sleep) {
    long needed = (long) Math.ceil(sleep.maxSeconds() * 1.5) + 1;
    String setting =
        switch (route.proxy()) {
          case ENVOY -> "timeout: " + needed + "s on the route " + describe(route);
          case NGINX -> "proxy_read_timeout " + needed + "s; in location " + route.servedPrefix();
          case INGRESS_NGINX -> Upstreams.READ_TIMEOUT + ": \"" + needed + "\" on " + route.scope();
        };
    return "Set "
        + setting
        + " (the handler waits up to "
        + seconds(sleep.maxSeconds())
        + "), or take "
        + sleep.code()
        + " out of "
        + sleep.route()
        + ".";
  }

  private static String describe(ProxyRoute route) {
    return switch (route.match()) {
      case EXACT -> "= " + route.servedPrefix();
      case PREFIX, REGEX -> String.valueOf(route.servedPrefix());
    };
  }

  /** "sleeps 2 s on every request", "sleeps 3-8 s (random.uniform(3, 8))". */
  private static String latency(Hazard.Sleep sleep) {
    String how =
        sleep.minSeconds().equals(sleep.maxSeconds())
            ? seconds(sleep.maxSeconds())
            : seconds(sleep.minSeconds()) + " to " + seconds(sleep.maxSeconds());
    return (sleep.deferredResponse() ? "answers only after " : "sleeps ")
        + how
        + (sleep.everyRequest() ? "" : " on some requests");
  }

  private static String seconds(double s) {
    if (s == Math.rint(s)) {
      return (long) s + " s";
    }
    return (s < 1
        ? (long) Math.round(s * 1000) + " ms"
        : String.format(java.util.Locale.ROOT, "%.1f s", s));
  }

  /** The path of a hazard's route: {@code GET /slow} is {@code /slow}. */
  private static String path(String route) {
    int slash = route.indexOf('/');
    return slash < 0 ? route : route.substring(slash).trim();
  }
}
