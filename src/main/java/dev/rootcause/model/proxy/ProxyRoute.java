package dev.rootcause.model.proxy;

import dev.rootcause.model.HostReference;

/**
 * A path a reverse proxy serves and where it sends it: nginx's {@code location /api/ { proxy_pass
 * http://orders:8080/; }}. {@code upstreamPath} is the URI part of the pass ({@code /}), which
 * replaces {@code servedPrefix} in the request path, or null when the pass has none and the path
 * reaches the upstream as the client wrote it.
 */
public record ProxyRoute(String servedPrefix, String upstreamPath, HostReference upstream)
    implements java.io.Serializable {

  /** The path the upstream receives for a request to {@code path} under this route. */
  public String forwardedPath(String path) {
    if (upstreamPath == null || !path.startsWith(servedPrefix)) {
      return path;
    }
    return upstreamPath + path.substring(servedPrefix.length());
  }
}
