package dev.rootcause.model;

/**
 * A host:port some artifact expects to reach: an nginx {@code proxy_pass}/{@code upstream}, a URL
 * in a config file. {@code via} names the mechanism ("nginx proxy_pass"). {@code port} may be null.
 */
public record HostReference(String host, Integer port, String via, SourceLocation location)
    implements java.io.Serializable {

  /** Whether the host is a name to resolve (not an IPv4 literal or {@code localhost}). */
  public boolean isName() {
    return !host.equals("localhost")
        && !host.isEmpty()
        && !host.chars().allMatch(c -> c == '.' || c >= '0' && c <= '9');
  }
}
