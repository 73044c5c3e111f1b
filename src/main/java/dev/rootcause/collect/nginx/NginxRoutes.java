package dev.rootcause.collect.nginx;

import dev.rootcause.collect.code.Numbers;
import dev.rootcause.collect.nginx.NginxConfig.Arg;
import dev.rootcause.collect.nginx.NginxConfig.Directive;
import dev.rootcause.collect.pipeline.HttpUrl;
import dev.rootcause.model.HostReference;
import dev.rootcause.model.SourceLocation;
import dev.rootcause.model.proxy.ProxyRoute;
import dev.rootcause.model.proxy.ProxyRoute.Match;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * The {@code location}s of an nginx configuration: those that answer themselves ({@code return
 * 200}, files), and those that {@code proxy_pass} to an http(s) address, with the pass's URI part:
 * nginx replaces the matched prefix with it, so {@code location /api/ { proxy_pass
 * http://orders:8080/; }} sends {@code /api/orders} upstream as {@code /orders}. Each carries the
 * {@code proxy_read_timeout} in force there (inherited from {@code http} and {@code server}), and
 * the server block it belongs to. Regex locations are kept as such (their pattern is not
 * evaluated); named locations and passes built from variables are left out.
 */
final class NginxRoutes {
  private NginxRoutes() {}

  /** nginx's {@code proxy_read_timeout} when none is set. */
  static final double DEFAULT_READ_TIMEOUT = 60;

  /**
   * One location: {@code host} is null when it does not pass on ({@code answers} is then the status
   * its {@code return} gives, or null); {@code uri} is null when the pass has no URI part; {@code
   * readTimeout} the seconds in force (null when unreadable), {@code timeoutAt} where it is set
   * (null: the default); {@code server} the line of the enclosing server block (0 outside one),
   * {@code order} the location's place in the file.
   */
  record Route(
      Match match,
      String prefix,
      String host,
      int port,
      String uri,
      Arg where,
      Double readTimeout,
      Arg timeoutAt,
      int server,
      int order,
      Integer answers) {}

  /**
   * The route as the model holds it: {@code scope} names the config (file, ConfigMap key) whose
   * server blocks the route's own is told apart within; {@code at} turns a config line into its
   * location in the scanned file.
   */
  static ProxyRoute model(Route r, String scope, IntFunction<SourceLocation> at) {
    return new ProxyRoute(
        ProxyRoute.Proxy.NGINX,
        scope + " server@" + r.server(),
        r.order(),
        r.match(),
        r.prefix(),
        r.uri(),
        r.host() == null
            ? null
            : new HostReference(r.host(), r.port(), "nginx proxy_pass", at.apply(r.where().line())),
        at.apply(r.where().line()),
        new ProxyRoute.Timeout(
            r.readTimeout(),
            r.timeoutAt() != null,
            "proxy_read_timeout",
            r.timeoutAt() == null ? null : at.apply(r.timeoutAt().line())),
        r.answers());
  }

  /** The proxy_read_timeout in force: its value and where it is written (null: the default). */
  private record Timeout(Double seconds, Arg at) {}

  static List<Route> extract(List<Directive> top) {
    List<Route> routes = new ArrayList<>();
    walk(top, new Timeout(DEFAULT_READ_TIMEOUT, null), 0, routes);
    return routes;
  }

  private static void walk(
      List<Directive> directives, Timeout inherited, int server, List<Route> routes) {
    Timeout here = timeoutIn(directives, inherited);
    for (Directive d : directives) {
      if (d.block() == null) {
        continue;
      }
      int scope = d.name().equals("server") ? d.line() : server;
      if (d.name().equals("location")) {
        location(d, timeoutIn(d.block(), here), scope, routes);
      }
      walk(d.block(), here, scope, routes);
    }
  }

  private static void location(Directive d, Timeout timeout, int server, List<Route> routes) {
    Match match = match(d.args());
    if (match == null) {
      return;
    }
    String prefix = d.args().get(d.args().size() - 1).text();
    Arg at = d.args().get(d.args().size() - 1);
    for (Directive p : d.block()) {
      if (p.block() != null || p.args().isEmpty()) {
        continue;
      }
      if (p.name().equals("proxy_pass")) {
        Arg arg = p.args().get(0);
        HttpUrl url = arg.variable() ? null : HttpUrl.parse(arg.text()).orElse(null);
        if (url != null) {
          routes.add(
              new Route(
                  match,
                  prefix,
                  url.host(),
                  url.port(),
                  match == Match.REGEX ? null : url.path(),
                  arg,
                  timeout.seconds(),
                  timeout.at(),
                  server,
                  routes.size(),
                  null));
          return;
        }
        break; // a pass to a variable or a socket: what answers is unknown
      }
      if (p.name().equals("return")) {
        Integer status = Numbers.status(p.args().get(0).text());
        routes.add(
            new Route(match, prefix, null, 0, null, at, null, null, server, routes.size(), status));
        return;
      }
    }
    routes.add(
        new Route(match, prefix, null, 0, null, at, null, null, server, routes.size(), null));
  }

  /**
   * {@code location /api/}, {@code location ^~ /api/}, {@code location = /health}, {@code location
   * ~ ^/api/(.*)$}; null for a named location ({@code @fallback}).
   */
  private static Match match(List<Arg> args) {
    if (args.size() == 1 && args.get(0).text().startsWith("/")) {
      return Match.PREFIX;
    }
    if (args.size() != 2) {
      return null;
    }
    return switch (args.get(0).text()) {
      case "^~" -> args.get(1).text().startsWith("/") ? Match.PREFIX : null;
      case "=" -> args.get(1).text().startsWith("/") ? Match.EXACT : null;
      case "~", "~*" -> Match.REGEX;
      default -> null;
    };
  }

  /** The block's own {@code proxy_read_timeout}, else the one it inherits. */
  private static Timeout timeoutIn(List<Directive> block, Timeout inherited) {
    for (Directive d : block) {
      if (d.name().equals("proxy_read_timeout") && d.block() == null && d.args().size() == 1) {
        Arg arg = d.args().get(0);
        return new Timeout(seconds(arg.text()), arg);
      }
    }
    return inherited;
  }

  /** nginx's time units: {@code 30}, {@code 30s}, {@code 500ms}, {@code 2m}, {@code 1h}. */
  static Double seconds(String text) {
    String t = text.toLowerCase(Locale.ROOT);
    double scale = 1;
    int cut = t.length();
    if (t.endsWith("ms")) {
      scale = 0.001;
      cut -= 2;
    } else if (t.endsWith("s")) {
      cut -= 1;
    } else if (t.endsWith("m")) {
      scale = 60;
      cut -= 1;
    } else if (t.endsWith("h")) {
      scale = 3600;
      cut -= 1;
    }
    try {
      return Long.parseLong(t.substring(0, cut)) * scale;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
