package dev.rootcause.model.cluster;

import java.util.regex.Pattern;

/**
 * What level a log line was written at, read from its text: the fact a {@link LogLine} carries, so
 * that rules ask {@code line.error()} instead of reading log text themselves.
 */
public final class LogLevels {
  private static final Pattern ERROR =
      Pattern.compile(
          "(?i)(\\b(error|fatal|critical|panic|exception|traceback)\\b|\\blevel\\s*[=:]\\s*\"?(error|fatal)"
              + "|\"level\"\\s*:\\s*\"(error|fatal)|\\bE\\d{4} \\d{2}:\\d{2})");
  private static final Pattern NOT_ERROR =
      Pattern.compile(
          "(?i)\\b(0 errors?|no errors?|errors?=0|error_count=0|\"errors?\"\\s*:\\s*0)\\b");

  private LogLevels() {}

  /**
   * Whether a line reports an error: ERROR/FATAL levels, exceptions, tracebacks, panics, klog's
   * {@code E0102 12:00}; "0 errors" and "no error" do not count.
   */
  public static boolean isError(String line) {
    return ERROR.matcher(line).find() && !NOT_ERROR.matcher(line).find();
  }
}
