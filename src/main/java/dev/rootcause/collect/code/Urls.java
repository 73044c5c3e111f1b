package dev.rootcause.collect.code;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads hosts and ports out of URLs found in code, and strips what may be secret from them. */
public final class Urls {
  private static final Pattern URL =
      Pattern.compile(
          "^([a-zA-Z][a-zA-Z0-9+.-]*)://(?:[^@/?#]*@)?(\\[[^]]*]|[^:/?#]*)(?::(\\d+))?([^?#]*)");

  private Urls() {}

  /**
   * {@code scheme://host[:port]/path}: credentials, query and fragment dropped. Null if not a URL.
   */
  public static String sanitize(String url) {
    if (url == null) {
      return null;
    }
    Matcher m = URL.matcher(url.trim());
    if (!m.find()) {
      return null;
    }
    return m.group(1)
        + "://"
        + m.group(2)
        + (m.group(3) == null ? "" : ":" + m.group(3))
        + m.group(4);
  }

  /** The host of an absolute URL, lower-cased; null when there is none or it is templated. */
  public static String host(String url) {
    if (url == null) {
      return null;
    }
    Matcher m = URL.matcher(url.trim());
    if (!m.find() || m.group(2).isEmpty() || m.group(2).contains("{") || m.group(2).contains("$")) {
      return null;
    }
    return m.group(2).toLowerCase(Locale.ROOT);
  }

  /** The explicit port of an absolute URL, or null. */
  public static Integer port(String url) {
    if (url == null) {
      return null;
    }
    Matcher m = URL.matcher(url.trim());
    if (!m.find() || m.group(3) == null) {
      return null;
    }
    return Numbers.port(m.group(3));
  }
}
