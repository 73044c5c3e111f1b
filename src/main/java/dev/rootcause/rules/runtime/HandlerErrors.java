package dev.rootcause.rules.runtime;

import java.util.HashMap;
import java.util.Map;

/**
 * The exceptions a service's handlers raised, read from the Python tracebacks its log prints beside
 * its 5xx request lines (Flask, Django and gunicorn log one per failed request): the exception line
 * and the deepest frame in the application's own code, not in a library.
 */
final class HandlerErrors {
  /** One raised error: the exception line and where the application's code raised it, or null. */
  record Raised(String error, String frame) {}

  private static final String TRACEBACK = "Traceback (most recent call last):";
  private static final String FILE = "File \"";

  private final Map<Raised, Integer> counts = new HashMap<>();
  private boolean inTraceback;
  private String frame;
  private Raised pending;
  private Raised top;

  /** Reads the next line of one container's log. */
  void line(String text) {
    String stripped = text.strip();
    if (stripped.endsWith(TRACEBACK)) {
      inTraceback = true;
      frame = null;
      return;
    }
    if (!inTraceback) {
      return;
    }
    if (stripped.startsWith(FILE)) {
      String appFrame = appFrame(stripped);
      frame = appFrame != null ? appFrame : frame;
    } else if (!text.isEmpty() && !Character.isWhitespace(text.charAt(0))) {
      // The first unindented line after the frames names the exception.
      inTraceback = false;
      pending = new Raised(stripped, frame);
    }
  }

  /** A 5xx request line: the error raised since the previous request line is its cause. */
  void failed() {
    if (pending != null) {
      int n = counts.merge(pending, 1, Integer::sum);
      if (top == null || n > counts.get(top)) {
        top = pending;
      }
    }
    pending = null;
  }

  /** A request line that did not fail: an error raised before it is not its cause. */
  void answered() {
    pending = null;
  }

  /** The error raised beside most 5xx lines, or null when no traceback was read. */
  Raised top() {
    return top;
  }

  /** How many 5xx lines the top error was raised beside. */
  int topCount() {
    return top == null ? 0 : counts.get(top);
  }

  /**
   * {@code path line N (in fn)} for a frame of the application's code; null for a library frame
   * (site-packages, dist-packages, the standard library).
   */
  private static String appFrame(String frameLine) {
    int start = FILE.length();
    int end = frameLine.indexOf('"', start);
    if (end < 0) {
      return null;
    }
    String path = frameLine.substring(start, end);
    if (path.contains("/site-packages/")
        || path.contains("/dist-packages/")
        || path.contains("/lib/python")
        || path.startsWith("<")) {
      return null;
    }
    // `, line 18, in load_urls` becomes `line 18 (in load_urls)`.
    String rest = frameLine.substring(end + 1).strip();
    rest = rest.startsWith(",") ? rest.substring(1).strip() : rest;
    int in = rest.indexOf(", in ");
    return path
        + " "
        + (in < 0 ? rest : rest.substring(0, in) + " (in " + rest.substring(in + 5) + ")");
  }
}
