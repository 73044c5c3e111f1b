package dev.rootcause.collect.nginx;

import dev.rootcause.collect.nginx.NginxConfig.Arg;
import dev.rootcause.collect.nginx.NginxConfig.Directive;
import dev.rootcause.collect.pipeline.HttpUrl;
import java.util.ArrayList;
import java.util.List;

/**
 * The prefix {@code location}s of an nginx configuration that {@code proxy_pass} to an http(s)
 * address, with the pass's URI part: nginx replaces the matched prefix with it, so {@code location
 * /api/ { proxy_pass http://orders:8080/; }} sends {@code /api/orders} upstream as {@code /orders}.
 * Regex and named locations, and passes built from variables, are left out.
 */
final class NginxRoutes {
  private NginxRoutes() {}

  /** One location's pass: {@code uri} is null when the pass has no URI part. */
  record Route(String prefix, String host, int port, String uri, Arg where) {}

  static List<Route> extract(List<Directive> top) {
    List<Route> routes = new ArrayList<>();
    walk(top, routes);
    return routes;
  }

  private static void walk(List<Directive> directives, List<Route> routes) {
    for (Directive d : directives) {
      if (d.block() == null) {
        continue;
      }
      if (d.name().equals("location")) {
        String prefix = prefix(d.args());
        if (prefix != null) {
          d.block().stream()
              .filter(
                  p -> p.name().equals("proxy_pass") && p.block() == null && !p.args().isEmpty())
              .findFirst()
              .ifPresent(p -> pass(prefix, p.args().get(0), routes));
        }
      }
      walk(d.block(), routes);
    }
  }

  /** {@code location /api/}, {@code location ^~ /api/}, {@code location = /health}. */
  private static String prefix(List<Arg> args) {
    if (args.size() == 1 && args.get(0).text().startsWith("/")) {
      return args.get(0).text();
    }
    if (args.size() == 2
        && (args.get(0).text().equals("^~") || args.get(0).text().equals("="))
        && args.get(1).text().startsWith("/")) {
      return args.get(1).text();
    }
    return null;
  }

  private static void pass(String prefix, Arg arg, List<Route> routes) {
    if (!arg.variable()) {
      HttpUrl.parse(arg.text())
          .ifPresent(u -> routes.add(new Route(prefix, u.host(), u.port(), u.path(), arg)));
    }
  }
}
