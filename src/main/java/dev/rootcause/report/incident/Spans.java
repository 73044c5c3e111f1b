package dev.rootcause.report.incident;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Durations and moments the way a postmortem states them: {@code 6m}, {@code 2025-03-04 10:15 UTC}.
 */
public final class Spans {
  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

  private Spans() {}

  /** {@code 6m}, {@code 1h 5m}, {@code 45s}: the way a postmortem states a duration. */
  public static String human(long seconds) {
    if (seconds < 60) {
      return seconds + "s";
    }
    long d = seconds / 86_400;
    long h = seconds % 86_400 / 3_600;
    long m = seconds % 3_600 / 60;
    long s = seconds % 60;
    StringBuilder out = new StringBuilder();
    if (d > 0) {
      out.append(d).append("d ");
    }
    if (h > 0) {
      out.append(h).append("h ");
    }
    if (m > 0) {
      out.append(m).append("m ");
    }
    if (s > 0 && d == 0) {
      out.append(s).append("s ");
    }
    return out.toString().trim();
  }

  /** {@code 2025-03-04 10:15 UTC}. */
  public static String moment(long epochSecond) {
    return MINUTE.format(Instant.ofEpochSecond(epochSecond)) + " UTC";
  }

  /** {@code 10:15:00}, for timeline rows under a dated header. */
  public static String clock(long epochSecond) {
    return CLOCK.format(Instant.ofEpochSecond(epochSecond));
  }

  /** {@code 30.0%}. */
  public static String percent(double fraction) {
    return String.format(java.util.Locale.ROOT, "%.1f%%", fraction * 100);
  }
}
