package dev.rootcause.model.cluster;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What level a log line was written at: the level field of a JSON line, the level word a plain-text
 * logger puts first (logback's {@code INFO}, gunicorn's {@code [ERROR]}, nginx's {@code [error]},
 * logfmt's {@code level=warn}), else the words of the text. The fact a {@link LogLine} carries, so
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

  /** How far into a line a logger's level word may stand: after a timestamp and a thread. */
  private static final int LEVEL_WITHIN = 64;

  private LogLevels() {}

  /**
   * Whether a line reports an error: a level of error or worse when the line states one; else
   * ERROR/FATAL words, exceptions, tracebacks, panics, klog's {@code E0102 12:00}; "0 errors" and
   * "no error" do not count.
   */
  public static boolean isError(String line) {
    return isError(line, JsonLogRecord.parse(line));
  }

  /** As {@link #isError(String)}, with the line's JSON record already decoded (or null). */
  static boolean isError(String line, JsonLogRecord json) {
    String text = line;
    if (json != null) {
      Boolean byLevel = json.levelIsError();
      if (byLevel != null) {
        return byLevel;
      }
      text = json.text();
    } else {
      Boolean byLevel = statedLevel(line);
      if (byLevel != null) {
        return byLevel;
      }
    }
    return ERROR.matcher(text).find() && !NOT_ERROR.matcher(text).find();
  }

  /**
   * Whether a level word means error or worse ({@code ERROR}, {@code fatal}, zap's {@code dpanic});
   * null when the word is no level.
   */
  static Boolean errorWord(String word) {
    return switch (word.toLowerCase(Locale.ROOT)) {
      case "error",
          "err",
          "fatal",
          "critical",
          "crit",
          "panic",
          "dpanic",
          "severe",
          "alert",
          "emerg",
          "emergency" ->
          true;
      case "trace", "debug", "info", "information", "notice", "warn", "warning", "verbose" -> false;
      default -> null;
    };
  }

  /**
   * The level a plain-text line states near its start, or null: a level word in capitals ({@code
   * 2025-06-03 INFO 1 --- [main]}), in brackets ({@code [error]}), after {@code level=}, or as the
   * first word after the timestamp ({@code 2025-06-03T14:00:00Z info listening}); klog's {@code
   * I0603}. A level word later in the message is the message's, not the line's.
   */
  static Boolean statedLevel(String line) {
    int end = Math.min(line.length(), LEVEL_WITHIN);
    if (line.length() > 5
        && "IWEF".indexOf(line.charAt(0)) >= 0
        && Character.isDigit(line.charAt(1))
        && Character.isDigit(line.charAt(4))
        && line.charAt(5) == ' ') {
      return line.charAt(0) == 'E' || line.charAt(0) == 'F'; // klog: E0603 14:00:00.1 ...
    }
    boolean firstWord = true;
    int i = 0;
    while (i < end) {
      if (!Character.isLetter(line.charAt(i))) {
        i++;
        continue;
      }
      int from = i;
      while (i < line.length() && Character.isLetter(line.charAt(i))) {
        i++;
      }
      if (i - from == 1) {
        continue; // the T and Z of a timestamp
      }
      String word = line.substring(from, i);
      Boolean error = errorWord(word);
      if (error != null
          && (firstWord
              || word.equals(word.toUpperCase(Locale.ROOT))
              || (from > 0 && line.charAt(from - 1) == '[')
              || (from > 6 && line.startsWith("level=", from - 6)))) {
        return error;
      }
      firstWord = false;
    }
    return null;
  }
}
