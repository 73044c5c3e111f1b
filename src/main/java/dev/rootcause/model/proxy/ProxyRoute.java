package dev.rootcause.model.proxy;

import dev.rootcause.model.HostReference;
import dev.rootcause.model.SourceLocation;
import java.io.Serializable;

/**
 * A path a reverse proxy serves and where it sends it: nginx's {@code location /api/ { proxy_pass
 * http://orders:8080/; }}, or an Envoy route to a cluster's endpoint. {@code upstream} is null for
 * a location nginx answers itself: {@code answers} is then the status of its {@code return}, or
 * null when it serves files or does what the model does not read. {@code upstreamPath} is the URI
 * part of the pass ({@code /}), which replaces {@code servedPrefix} in the request path, or null
 * when the pass has none and the path reaches the upstream as the client wrote it. {@code scope}
 * names the server block or virtual host the route belongs to, and {@code order} its place there:
 * routes compete for a path only within one scope. {@code timeout} is how long the proxy waits for
 * the upstream's answer.
 */
public record ProxyRoute(
    Proxy proxy,
    String scope,
    int order,
    Match match,
    String servedPrefix,
    String upstreamPath,
    HostReference upstream,
    SourceLocation location,
    Timeout timeout,
    Integer answers)
    implements Serializable {

  /** The proxies whose routes the model holds. */
  public enum Proxy {
    /** nginx: exact locations first, then the longest prefix; regex locations may win over both. */
    NGINX,
    /** Envoy: the first route of a virtual host that matches. */
    ENVOY,
    /** ingress-nginx, from an Ingress's paths and annotations. */
    INGRESS_NGINX
  }

  /** How the route matches a path. */
  public enum Match {
    PREFIX,
    EXACT,
    /** A regular expression, which the model does not evaluate. */
    REGEX
  }

  /**
   * How long the proxy waits for the upstream's answer: {@code seconds} (0 when it waits forever,
   * null when the value cannot be read), {@code setting} the directive or field that sets it,
   * {@code stated} when the configuration writes it at {@code location}, false for the proxy's
   * default (location then null).
   */
  public record Timeout(Double seconds, boolean stated, String setting, SourceLocation location)
      implements Serializable {}

  /** An nginx location as the older readers knew it: a prefix, nginx's 60 s read timeout. */
  public ProxyRoute(String servedPrefix, String upstreamPath, HostReference upstream) {
    this(
        Proxy.NGINX,
        upstream.location().path(),
        0,
        Match.PREFIX,
        servedPrefix,
        upstreamPath,
        upstream,
        upstream.location(),
        new Timeout(60.0, false, "proxy_read_timeout", null),
        null);
  }

  /** The path the upstream receives for a request to {@code path} under this route. */
  public String forwardedPath(String path) {
    if (upstreamPath == null || !path.startsWith(servedPrefix)) {
      return path;
    }
    return upstreamPath + path.substring(servedPrefix.length());
  }

  /**
   * The path a client asks for so that the upstream receives {@code appPath}, or null when no
   * request through this route reaches it.
   */
  public String clientPath(String appPath) {
    String client = appPath;
    if (upstreamPath != null) {
      if (!appPath.startsWith(upstreamPath)) {
        return null;
      }
      client = servedPrefix + appPath.substring(upstreamPath.length());
    }
    return serves(client) ? client : null;
  }

  /** Whether a request for {@code path} matches this route (never decided for a regex). */
  public boolean serves(String path) {
    return switch (match) {
      case EXACT -> path.equals(servedPrefix);
      case PREFIX -> path.startsWith(servedPrefix);
      case REGEX -> false;
    };
  }
}
