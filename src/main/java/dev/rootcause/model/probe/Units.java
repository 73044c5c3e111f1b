package dev.rootcause.model.probe;

import java.time.Duration;
import java.util.Locale;

/** Formats latencies, durations, rates and percentages the same way in every report. */
public final class Units {
  private Units() {}

  /** {@code 640us}, {@code 12.3ms}, {@code 3.41s}: three significant digits, like wrk. */
  public static String micros(long micros) {
    if (micros < 1_000) {
      return micros + "us";
    }
    if (micros < 1_000_000) {
      return trim(micros / 1_000.0) + "ms";
    }
    return trim(micros / 1_000_000.0) + "s";
  }

  public static String micros(double micros) {
    return micros(Math.round(micros));
  }

  /** {@code 30s}, {@code 2m}, {@code 1m30s}, {@code 250ms}. */
  public static String duration(Duration d) {
    long ms = d.toMillis();
    if (ms < 1_000 || ms % 1_000 != 0) {
      return ms < 1_000 ? ms + "ms" : trim(ms / 1_000.0) + "s";
    }
    long s = ms / 1_000;
    if (s < 60 || s % 60 != 0 && s < 600) {
      return s >= 60 ? s / 60 + "m" + s % 60 + "s" : s + "s";
    }
    if (s % 3_600 == 0) {
      return s / 3_600 + "h";
    }
    return s % 60 == 0 ? s / 60 + "m" : s + "s";
  }

  /** {@code 99.95%}; a rate in [0, 1] shown with up to two decimals. */
  public static String percent(double fraction) {
    double p = fraction * 100;
    if (p == Math.rint(p)) {
      return String.format(Locale.ROOT, "%.0f%%", p);
    }
    return String.format(Locale.ROOT, p >= 10 ? "%.1f%%" : "%.2f%%", p);
  }

  /** {@code 50}, {@code 12.5}, {@code 84,321}. */
  public static String number(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return String.format(Locale.ROOT, "%,d", (long) value);
    }
    return value >= 100
        ? String.format(Locale.ROOT, "%,.0f", value)
        : String.format(Locale.ROOT, "%.2f", value).replaceAll("0$", "");
  }

  /** {@code 1 error line}, {@code 3 error lines}. */
  public static String count(long n, String noun) {
    return n + " " + (n == 1 ? noun : noun + "s");
  }

  private static String trim(double v) {
    String s =
        v >= 100
            ? String.format(Locale.ROOT, "%.0f", v)
            : v >= 10
                ? String.format(Locale.ROOT, "%.1f", v)
                : String.format(Locale.ROOT, "%.2f", v);
    return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
  }
}
