package dev.rootcause.collect.envoy;

import dev.rootcause.collect.Facts;
import dev.rootcause.collect.yaml.YamlNode;
import dev.rootcause.collect.yaml.YamlNode.Mapping;
import dev.rootcause.collect.yaml.YamlNode.Scalar;
import dev.rootcause.model.HostReference;
import dev.rootcause.model.SourceLocation;
import dev.rootcause.model.proxy.ProxyRoute;
import java.util.List;
import java.util.Map;

/**
 * The routes of an Envoy bootstrap's listeners: each virtual host's {@code routes}, in order, with
 * the match ({@code prefix}, {@code path}, {@code safe_regex}), the cluster they send to, the
 * {@code prefix_rewrite} and the route {@code timeout} (Envoy's default is 15 s; {@code 0s} waits
 * forever). A route is kept once per endpoint of its cluster, so the model can follow it to the
 * app.
 */
final class EnvoyRoutes {
  private EnvoyRoutes() {}

  /** Envoy's route timeout when the route does not set one. */
  static final double DEFAULT_TIMEOUT = 15;

  static void read(
      Mapping root,
      Map<String, List<HostReference>> endpoints,
      EnvoyConfigCollector.Lines lines,
      Facts facts) {
    List<Mapping> listeners =
        root.path("static_resources").map(r -> r.maps("listeners")).orElse(List.of());
    for (Mapping listener : listeners) {
      for (Mapping chain : listener.maps("filter_chains")) {
        for (Mapping filter : chain.maps("filters")) {
          Mapping config = filter.map("typed_config").or(() -> filter.map("config")).orElse(null);
          Mapping routeConfig = config == null ? null : config.map("route_config").orElse(null);
          if (routeConfig == null) {
            continue;
          }
          for (Mapping host : routeConfig.maps("virtual_hosts")) {
            virtualHost(host, endpoints, lines, facts);
          }
        }
      }
    }
  }

  private static void virtualHost(
      Mapping host,
      Map<String, List<HostReference>> endpoints,
      EnvoyConfigCollector.Lines lines,
      Facts facts) {
    String scope = lines.path() + " virtual host " + lines.at(host).line();
    List<Mapping> routes = host.maps("routes");
    for (int i = 0; i < routes.size(); i++) {
      Mapping route = routes.get(i);
      Mapping match = route.map("match").orElse(null);
      Mapping action = route.map("route").orElse(null);
      if (match == null || action == null || action.string("cluster") == null) {
        continue;
      }
      ProxyRoute.Match kind;
      String served;
      if (match.string("prefix") != null) {
        kind = ProxyRoute.Match.PREFIX;
        served = match.string("prefix");
      } else if (match.string("path") != null) {
        kind = ProxyRoute.Match.EXACT;
        served = match.string("path");
      } else if (match.has("safe_regex") || match.has("regex")) {
        kind = ProxyRoute.Match.REGEX;
        served = null;
      } else {
        continue; // path_separated_prefix, connect_matcher: not modelled
      }
      ProxyRoute.Timeout timeout = timeout(action, lines);
      SourceLocation at = lines.at(route);
      for (HostReference upstream : endpoints.getOrDefault(action.string("cluster"), List.of())) {
        facts
            .model()
            .proxyRoute(
                new ProxyRoute(
                    ProxyRoute.Proxy.ENVOY,
                    scope,
                    i,
                    kind,
                    served,
                    action.string("prefix_rewrite"),
                    upstream,
                    at,
                    timeout,
                    null));
      }
    }
  }

  private static ProxyRoute.Timeout timeout(Mapping action, EnvoyConfigCollector.Lines lines) {
    YamlNode value = action.get("timeout").orElse(null);
    if (value == null) {
      return new ProxyRoute.Timeout(DEFAULT_TIMEOUT, false, "timeout", null);
    }
    return new ProxyRoute.Timeout(seconds(value), true, "timeout", lines.at(value));
  }

  /** {@code 1s}, {@code 0.250s}, or {@code {seconds: 1, nanos: 500000000}}; null otherwise. */
  static Double seconds(YamlNode value) {
    if (value instanceof Scalar s && s.value() != null && s.value().endsWith("s")) {
      try {
        return Double.parseDouble(s.value().substring(0, s.value().length() - 1));
      } catch (NumberFormatException e) {
        return null;
      }
    }
    if (value instanceof Mapping m) {
      double seconds = m.integer("seconds").orElse(0);
      return seconds + m.integer("nanos").orElse(0) / 1e9;
    }
    return null;
  }
}
