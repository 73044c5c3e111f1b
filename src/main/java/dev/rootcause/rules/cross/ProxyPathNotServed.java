package dev.rootcause.rules.cross;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.SystemModel;
import dev.rootcause.model.app.AppFacts;
import dev.rootcause.model.app.RoutePatterns;
import dev.rootcause.model.k8s.Service;
import dev.rootcause.model.proxy.ProxyRoute;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import dev.rootcause.rules.SystemRule;
import java.util.List;
import java.util.Optional;

/**
 * {@code location /api/ { proxy_pass http://orders:8080/; }} replaces {@code /api/} with {@code /}:
 * a client's {@code /api/orders} reaches the orders app as {@code /orders}. When the app serves
 * {@code /api/orders} and not {@code /orders}, every request through the proxy is a 404 from the
 * upstream. The upstream host is joined to the Service of that name and the app its pods run.
 */
@RuleSpec(
    id = "cross/proxy-path-not-served",
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "A proxy rewrites request paths to ones the upstream app does not serve",
    symptom =
        "404 from the upstream for every request through the proxy, while the app answers the same path when called directly",
    fix =
        "Make the proxy_pass URI part match the app's routes: drop it (`proxy_pass http://host:port;`) to pass the path as the client wrote it.")
public final class ProxyPathNotServed implements SystemRule {

  @Override
  public void check(RuleContext ctx) {
    for (ProxyRoute route : ctx.model().proxyRoutes()) {
      if (route.proxy() != ProxyRoute.Proxy.NGINX
          || route.upstream() == null
          || route.upstreamPath() == null
          || route.upstreamPath().equals(route.servedPrefix())) {
        continue;
      }
      Optional<AppFacts> app = appBehind(ctx.model(), route.upstream().host());
      if (app.isEmpty()) {
        continue;
      }
      for (AppFacts.Route served : app.get().routes()) {
        String path = served.path();
        if (!path.startsWith(route.servedPrefix()) || RoutePatterns.isCatchAll(path)) {
          continue;
        }
        String forwarded = route.forwardedPath(path);
        boolean reached =
            app.get().routes().stream()
                .anyMatch(r -> RoutePatterns.matches(r.path(), forwarded, app.get().language()));
        if (reached) {
          continue;
        }
        String upstream = route.upstream().host() + ":" + route.upstream().port();
        ctx.report(
                route.upstream().location(),
                "location "
                    + route.servedPrefix()
                    + " passes to "
                    + upstream
                    + route.upstreamPath()
                    + ", so "
                    + path
                    + " reaches the app as "
                    + forwarded
                    + ", which it does not serve")
            .related(served.location(), "the app serves " + path)
            .subject(route.upstream().location().path())
            .fix(
                "Pass the path unchanged: `proxy_pass http://"
                    + upstream
                    + ";` (no URI part),"
                    + " so "
                    + path
                    + " reaches the app as "
                    + path
                    + ".");
        break; // one finding per location: the fix is the same for every route under it
      }
    }
  }

  /** The one app the pods of the Service named {@code host} run, if the repository tells. */
  private static Optional<AppFacts> appBehind(SystemModel model, String host) {
    String name = host.contains(".") ? host.substring(0, host.indexOf('.')) : host;
    List<Service> services = model.services().stream().filter(s -> s.name().equals(name)).toList();
    if (services.size() != 1) {
      return Optional.empty();
    }
    List<AppFacts> apps =
        model.workloadsSelectedBy(services.get(0)).stream()
            .flatMap(w -> w.containers().stream())
            .map(model::appOf)
            .flatMap(Optional::stream)
            .distinct()
            .toList();
    return apps.size() == 1 ? Optional.of(apps.get(0)) : Optional.empty();
  }
}
