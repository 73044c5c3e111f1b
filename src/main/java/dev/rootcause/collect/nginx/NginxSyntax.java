package dev.rootcause.collect.nginx;

import java.util.regex.Pattern;

/** Whether a text is worth reading as nginx: {@code .conf} names many other formats. */
final class NginxSyntax {
  private NginxSyntax() {}

  private static final Pattern MARKERS =
      Pattern.compile(
          "(?m)^\\s*(?:(?:http|server|upstream|location|stream|events)\\b[^;{}\\n]*\\{"
              + "|(?:proxy|grpc|fastcgi|uwsgi|scgi)_pass\\s)");

  static boolean looksLikeNginx(String text) {
    return MARKERS.matcher(text).find();
  }
}
