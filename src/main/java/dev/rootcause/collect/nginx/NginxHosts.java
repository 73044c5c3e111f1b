package dev.rootcause.collect.nginx;

import dev.rootcause.collect.nginx.NginxConfig.Arg;
import dev.rootcause.collect.nginx.NginxConfig.Directive;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The hosts an nginx configuration sends traffic to: the servers of its {@code upstream} blocks and
 * the addresses of its {@code *_pass} directives. A pass to an upstream's name is not a host; one
 * built from variables is resolved at run time and left out (unknown is not wrong).
 */
final class NginxHosts {
  private NginxHosts() {}

  /** Directives that proxy a request to an address, with the port each scheme implies. */
  private static final Set<String> PASSES =
      Set.of(
          "proxy_pass", "grpc_pass", "fastcgi_pass", "uwsgi_pass", "scgi_pass", "memcached_pass");

  private static final Map<String, Integer> SCHEME_PORTS =
      Map.of("http", 80, "https", 443, "grpc", 80, "grpcs", 443, "uwsgi", 80, "suwsgi", 443);

  private static final Pattern HOST =
      Pattern.compile("[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*\\.?");

  /**
   * One address found. {@code upstreamCandidate} when it is written without a port and could be the
   * name of an {@code upstream} block declared in another file.
   */
  record Found(String host, Integer port, String via, Arg where, boolean upstreamCandidate) {}

  /** What a configuration proxies to, and the upstream names it declares. */
  record Result(List<Found> found, Set<String> upstreamNames) {

    /** Addresses that are surely hosts, plus candidates that name no upstream declared here. */
    List<Found> unresolved() {
      return found.stream()
          .filter(f -> !f.upstreamCandidate() || !upstreamNames.contains(f.host()))
          .toList();
    }
  }

  static Result extract(List<Directive> top) {
    List<Found> found = new ArrayList<>();
    Set<String> upstreams = new HashSet<>();
    walk(top, null, found, upstreams);
    return new Result(found, upstreams);
  }

  private static void walk(
      List<Directive> directives, String upstream, List<Found> found, Set<String> upstreams) {
    for (Directive d : directives) {
      if (d.name().equals("upstream") && d.block() != null && !d.args().isEmpty()) {
        String name = d.args().get(0).text().toLowerCase(Locale.ROOT);
        upstreams.add(name);
        walk(d.block(), name, found, upstreams);
      } else if (upstream != null
          && d.name().equals("server")
          && d.block() == null
          && !d.args().isEmpty()) {
        address(d.args().get(0), 80, "nginx upstream " + upstream + " server", false, found);
      } else if (PASSES.contains(d.name()) && d.block() == null && !d.args().isEmpty()) {
        pass(d.name(), d.args().get(0), found);
      } else if (d.block() != null) {
        walk(d.block(), null, found, upstreams);
      }
    }
  }

  private static void pass(String directive, Arg arg, List<Found> found) {
    String text = arg.text();
    int scheme = text.indexOf("://");
    Integer defaultPort = null;
    String rest = text;
    if (scheme >= 0) {
      defaultPort = SCHEME_PORTS.get(text.substring(0, scheme).toLowerCase(Locale.ROOT));
      if (defaultPort == null) {
        return; // a scheme nginx does not speak here: nothing we can read
      }
      rest = text.substring(scheme + 3);
    }
    address(
        new Arg(rest, arg.quoted(), arg.line(), arg.column()),
        defaultPort,
        "nginx " + directive,
        true,
        found);
  }

  /** Reads {@code host[:port][/uri]}; unix sockets, IPv6 literals and variables are skipped. */
  private static void address(
      Arg arg, Integer defaultPort, String via, boolean mayNameUpstream, List<Found> found) {
    String text = arg.text();
    if (arg.variable() || text.startsWith("unix:") || text.startsWith("[")) {
      return;
    }
    int slash = text.indexOf('/');
    String authority = slash < 0 ? text : text.substring(0, slash);
    String host = authority;
    Integer port = defaultPort;
    boolean explicitPort = false;
    int colon = authority.lastIndexOf(':');
    if (colon >= 0) {
      host = authority.substring(0, colon);
      try {
        port = Integer.parseInt(authority.substring(colon + 1));
        explicitPort = true;
      } catch (NumberFormatException e) {
        return;
      }
      if (port < 1 || port > 65535) {
        return;
      }
    }
    host = host.toLowerCase(Locale.ROOT);
    if (!HOST.matcher(host).matches()) {
      return;
    }
    found.add(new Found(host, port, via, arg, mayNameUpstream && !explicitPort));
  }
}
