package dev.rootcause.collect.pipeline;

import java.util.Locale;
import java.util.Optional;

/**
 * An {@code http://} or {@code https://} URL split into host, port (the scheme's default when not
 * written) and path ({@code null} when the URL has none); shared by the readers of pipeline checks
 * and proxy passes. User info is dropped; IPv6 literals and non-numeric ports give nothing.
 */
public record HttpUrl(String host, int port, String path) {

  public static Optional<HttpUrl> parse(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    boolean https = lower.startsWith("https://");
    if (!https && !lower.startsWith("http://")) {
      return Optional.empty();
    }
    String rest = url.substring(https ? 8 : 7);
    int slash = rest.indexOf('/');
    String authority = slash < 0 ? rest : rest.substring(0, slash);
    String path = slash < 0 ? null : rest.substring(slash);
    authority = authority.substring(authority.lastIndexOf('@') + 1);
    int port = https ? 443 : 80;
    String host = authority;
    int colon = authority.lastIndexOf(':');
    if (colon >= 0) {
      host = authority.substring(0, colon);
      try {
        port = Integer.parseInt(authority.substring(colon + 1));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    if (host.isEmpty() || host.startsWith("[")) {
      return Optional.empty();
    }
    return Optional.of(new HttpUrl(host.toLowerCase(Locale.ROOT), port, path));
  }
}
