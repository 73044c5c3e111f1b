package dev.rootcause.report.incident;

import dev.rootcause.model.incident.BurnAlert;
import java.util.Locale;

/** A replayed burn-rate alert in words: which, its windows, and whether and when it fired. */
public final class BurnAlerts {
  private BurnAlerts() {}

  /** {@code page (1h and 5m over 14.4x): fired at 2025-06-12 14:03 UTC (1h 300.0x, 5m 300.0x)}. */
  public static String describe(BurnAlert a) {
    String rule =
        String.format(
            Locale.ROOT,
            "%s (%s and %s over %sx)",
            a.name(),
            Spans.human(a.longWindowSeconds()).replace(" ", ""),
            Spans.human(a.shortWindowSeconds()).replace(" ", ""),
            factor(a.factor()));
    String burns =
        String.format(
            Locale.ROOT,
            "%s %.1fx, %s %.1fx",
            Spans.human(a.longWindowSeconds()).replace(" ", ""),
            a.longBurn(),
            Spans.human(a.shortWindowSeconds()).replace(" ", ""),
            a.shortBurn());
    return a.fired()
        ? rule + ": would have fired at " + Spans.moment(a.firedAt()) + " (" + burns + ")"
        : rule + ": would not have fired (peak " + burns + ")";
  }

  private static String factor(double f) {
    return f == Math.rint(f) ? String.valueOf((long) f) : String.format(Locale.ROOT, "%.1f", f);
  }
}
