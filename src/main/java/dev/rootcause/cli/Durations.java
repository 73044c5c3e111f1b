package dev.rootcause.cli;

import dev.rootcause.pipeline.InputException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses durations written as on the command line of kubectl and wrk: 500ms, 30s, 2m, 1h, 1m30s.
 */
final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|us|s|m|h)");
  private static final Pattern WHOLE = Pattern.compile("((\\d+(?:\\.\\d+)?)(ms|us|s|m|h))+");

  private Durations() {}

  static Duration parse(String text, String option) throws InputException {
    String t = text.trim();
    if (!WHOLE.matcher(t).matches()) {
      throw new InputException(
          option + ": '" + text + "' is not a duration (try 500ms, 30s, 2m, 1h)");
    }
    Matcher m = PART.matcher(t);
    double nanos = 0;
    while (m.find()) {
      double v = Double.parseDouble(m.group(1));
      nanos +=
          v
              * switch (m.group(2)) {
                case "us" -> 1e3;
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                default -> 3600e9;
              };
    }
    return Duration.ofNanos((long) nanos);
  }
}
