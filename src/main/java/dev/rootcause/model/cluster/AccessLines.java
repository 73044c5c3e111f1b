package dev.rootcause.model.cluster;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the HTTP status a request log line reports, in the shapes servers print them: the combined
 * log format of nginx, gunicorn and werkzeug ({@code "GET / HTTP/1.1" 500 -}), morgan and gin
 * ({@code GET /orders 500 12 ms}), JSON ({@code "status":500}) and logfmt ({@code status=500}).
 */
public final class AccessLines {
  private static final Pattern STATUS =
      Pattern.compile(
          "\"[A-Z]{3,7} \\S+ HTTP/[\\d.]+\" (\\d{3})\\b"
              + "|\"(?:status|statusCode|status_code)\"\\s*:\\s*(\\d{3})\\b"
              + "|\\bstatus=(\\d{3})\\b"
              + "|\\b(?:GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS) /\\S* (\\d{3})\\b"
              + "|\\| (\\d{3}) \\|");
  private static final List<String> HINTS =
      List.of("http/", "status", "get /", "post /", "put /", "delete /", "patch /", " | ");

  private AccessLines() {}

  /** The status the line reports, or 0 when it is no request log line. */
  public static int status(String line) {
    if (line == null || line.length() > 4_096) {
      return 0;
    }
    String lower = line.toLowerCase(Locale.ROOT);
    if (HINTS.stream().noneMatch(lower::contains)) {
      return 0;
    }
    Matcher m = STATUS.matcher(line);
    if (!m.find()) {
      return 0;
    }
    for (int g = 1; g <= m.groupCount(); g++) {
      if (m.group(g) != null) {
        int status = Integer.parseInt(m.group(g));
        return status >= 100 && status <= 599 ? status : 0;
      }
    }
    return 0;
  }
}
