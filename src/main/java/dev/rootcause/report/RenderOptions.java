package dev.rootcause.report;

/**
 * What the reader asked of a report beyond its format; a renderer honours the options that apply to
 * it and ignores the others.
 *
 * @param color ANSI colours in a text report (only ever for a terminal)
 * @param showSuppressed list suppressed findings in the scan's text report
 * @param timeline the per-second table in the probe and verify text reports
 * @param all hardening findings in full in the scan's text report, not only counted
 */
public record RenderOptions(boolean color, boolean showSuppressed, boolean timeline, boolean all) {
  /** No colour, nothing optional. */
  public static final RenderOptions PLAIN = new RenderOptions(false, false, false, false);

  public RenderOptions(boolean color, boolean showSuppressed, boolean timeline) {
    this(color, showSuppressed, timeline, false);
  }

  public RenderOptions withColor(boolean on) {
    return new RenderOptions(on, showSuppressed, timeline, all);
  }
}
