package dev.rootcause.model.cluster;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * One line of a container log; {@code timestamp} is the one kubectl's --timestamps or the app
 * itself wrote at the start of the line, or null when the line has none.
 */
public record LogLine(Instant timestamp, String text) implements java.io.Serializable {
  private static final Pattern ERROR = Pattern.compile(
      "(?i)(\\b(error|fatal|critical|panic|exception|traceback)\\b|\\blevel\\s*[=:]\\s*\"?(error|fatal)"
          + "|\"level\"\\s*:\\s*\"(error|fatal)|\\bE\\d{4} \\d{2}:\\d{2})");
  private static final Pattern NOT_ERROR = Pattern.compile(
      "(?i)\\b(0 errors?|no errors?|errors?=0|error_count=0|\"errors?\"\\s*:\\s*0)\\b");

  /**
   * Whether the line reports an error: ERROR/FATAL levels, exceptions, tracebacks, panics, klog's
   * {@code E0102 12:00}; "0 errors" and "no error" do not count.
   */
  public boolean isError() {
    return ERROR.matcher(text).find() && !NOT_ERROR.matcher(text).find();
  }
}
