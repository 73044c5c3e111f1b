package dev.rootcause.pipeline;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times and windows as responders type them: ISO-8601 ({@code 2025-03-04T10:15:00Z}, no offset
 * meaning UTC) or relative to now ({@code -15m}); windows as {@code 30d}, {@code 1y}, {@code
 * 1h30m}.
 */
public final class IncidentTimes {
  private static final Pattern PART = Pattern.compile("(\\d+)([smhdwy])");
  private static final Pattern SPAN = Pattern.compile("(\\d+[smhdwy])+");

  private IncidentTimes() {}

  /** The moment {@code text} names; now when it is null. */
  public static Instant at(String text, Instant now, String option) throws InputException {
    if (text == null) {
      return now;
    }
    String t = text.trim();
    if (t.startsWith("-") && SPAN.matcher(t.substring(1)).matches()) {
      return now.minusSeconds(seconds(t.substring(1), option));
    }
    try {
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException notOffset) {
      try {
        return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e) {
        throw new InputException(
            option
                + ": '"
                + text
                + "' is not a time (try 2025-03-04T10:15:00Z, or -15m for 15 minutes ago)");
      }
    }
  }

  /** A span in whole seconds: s, m, h, d, w and y (365 days), combined as in 1h30m. */
  public static long seconds(String text, String option) throws InputException {
    String t = text.trim();
    if (!SPAN.matcher(t).matches()) {
      throw new InputException(
          option + ": '" + text + "' is not a duration (try 20m, 6h, 30d or 1y)");
    }
    Matcher m = PART.matcher(t);
    long total = 0;
    while (m.find()) {
      long unit =
          switch (m.group(2)) {
            case "s" -> 1;
            case "m" -> 60;
            case "h" -> 3_600;
            case "d" -> 86_400;
            case "w" -> 7 * 86_400;
            default -> 365 * 86_400;
          };
      total += Long.parseLong(m.group(1)) * unit;
    }
    if (total == 0) {
      throw new InputException(option + ": '" + text + "' is zero; give a positive duration");
    }
    return total;
  }
}
