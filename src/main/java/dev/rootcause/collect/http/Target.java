package dev.rootcause.collect.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A probe URL taken apart for HTTP/1.1: where to connect and what to put on the request line.
 *
 * @param requestTarget path and query as sent on the request line ({@code /api/orders?x=1})
 * @param hostHeader the {@code Host} header: the host, and the port when it is not the default
 */
record Target(
    String url, boolean tls, String host, int port, String requestTarget, String hostHeader) {

  /**
   * Parses an http or https URL.
   *
   * @throws IllegalArgumentException saying what is wrong with it
   */
  static Target parse(String url) {
    if (!url.contains("://")) {
      String suggestion = Redact.userInfo("http://" + url.replaceFirst("^/+", ""));
      throw new IllegalArgumentException(
          "'"
              + suggestion.substring("http://".length())
              + "' has no scheme: did you mean "
              + suggestion
              + " ?");
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("'" + url + "' is not a URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException(
          "'" + url + "': only http:// and https:// URLs can be probed");
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException("'" + url + "' has no host");
    }
    if (uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          "'"
              + Redact.userInfo(url)
              + "': credentials in the URL are not sent; use --header 'Authorization: ...'");
    }
    boolean tls = scheme.equals("https");
    int defaultPort = tls ? 443 : 80;
    int port = uri.getPort() == -1 ? defaultPort : uri.getPort();
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    String bareHost =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    String hostHeader = port == defaultPort ? host : host + ":" + port;
    return new Target(url, tls, bareHost, port, target, hostHeader);
  }

  /** Helpers that keep credentials out of messages. */
  static final class Redact {
    private Redact() {}

    static String userInfo(String url) {
      return url.replaceAll("(?i)^([a-z][a-z0-9+.-]*://)[^@/]*@", "$1<redacted>@");
    }
  }
}
