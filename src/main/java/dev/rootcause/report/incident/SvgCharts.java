package dev.rootcause.report.incident;

import static dev.rootcause.report.HtmlPage.esc;

import java.util.List;
import java.util.Locale;
import java.util.function.LongFunction;

/**
 * Small inline SVG charts for the HTML postmortem: a time axis shared by every chart, bars, a
 * polyline, a shaded span and numbered markers. Static markup only (no script); every label goes
 * through the page's escape.
 */
final class SvgCharts {
  static final int W = 880;
  static final int H = 200;
  static final int LEFT = 64;
  static final int RIGHT = 84;
  static final int TOP = 16;
  static final int BOTTOM = 34;

  private final StringBuilder b;
  private final long from;
  private final long to;
  private final int height;

  /**
   * A chart of {@code height} pixels whose x axis runs from {@code from} to {@code to} (epoch s).
   */
  SvgCharts(StringBuilder b, long from, long to, int height, String label) {
    this.b = b;
    this.from = from;
    this.to = Math.max(to, from + 1);
    this.height = height;
    b.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d"
                + " %d\" role=\"img\" aria-label=\"%s\">\n",
            W,
            height,
            W,
            height,
            esc(label)));
  }

  double x(long t) {
    return LEFT + (double) (t - from) / (to - from) * (W - LEFT - RIGHT);
  }

  /** The y of {@code v} on a scale from 0 to {@code max}. */
  double y(double v, double max) {
    double plot = height - TOP - BOTTOM;
    return height - BOTTOM - (max <= 0 ? 0 : Math.min(v, max) / max * plot);
  }

  int bottom() {
    return height - BOTTOM;
  }

  /** A shaded vertical span with a label at its top, e.g. the impact window. */
  void span(long start, long end, String fill, String label) {
    double x0 = x(Math.max(start, from));
    double x1 = x(Math.min(end, to));
    b.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s</title>"
                + "</rect>\n<text x=\"%.1f\" y=\"%d\" class=span>%s</text>\n",
            x0,
            TOP,
            Math.max(1, x1 - x0),
            bottom() - TOP,
            fill,
            esc(label),
            x0 + 3,
            TOP + 11,
            esc(label)));
  }

  /** A bar from the axis to {@code v} (scale 0..max), centred on {@code t}, with a tooltip. */
  void bar(long t, long length, double v, double max, String fill, String tip) {
    double x0 = x(t);
    double w = Math.max(3, x(t + length) - x0);
    double top = y(v, max);
    b.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s"
                + "</title></rect>\n",
            x0,
            top,
            w,
            Math.max(v > 0 ? 1 : 0, bottom() - top),
            fill,
            esc(tip)));
  }

  /** A line through (t, v) points on the scale 0..max, with a dot on each point. */
  void line(List<long[]> points, double max, String stroke, LongFunction<String> tip) {
    StringBuilder pts = new StringBuilder();
    for (long[] p : points) {
      pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(p[0]), y(p[1], max)));
    }
    b.append("<polyline fill=\"none\" stroke=\"")
        .append(stroke)
        .append("\" stroke-width=\"2\" points=\"")
        .append(pts.toString().trim())
        .append("\"/>\n");
    for (long[] p : points) {
      b.append(
          String.format(
              Locale.ROOT,
              "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"><title>%s</title></circle>\n",
              x(p[0]),
              y(p[1], max),
              stroke,
              esc(tip.apply(p[1]))));
    }
  }

  /** A horizontal reference line at {@code v}, labelled at its right end. */
  void level(double v, double max, String stroke, String label) {
    double y = y(v, max);
    b.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\""
                + " stroke-dasharray=\"5 3\"/>\n<text x=\"%d\" y=\"%.1f\" class=lvl>%s</text>\n",
            LEFT,
            y,
            W - RIGHT,
            y,
            stroke,
            W - RIGHT - 4,
            y - 4,
            esc(label)));
  }

  /** A numbered marker on the axis at {@code t}, staggered in {@code row} to keep numbers apart. */
  void marker(long t, int number, int row, String fill, String tip) {
    double x = x(t);
    double y = TOP + 14 + row * 22;
    b.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" stroke-width=\"1\"/>\n"
                + "<g><title>%s</title><circle cx=\"%.1f\" cy=\"%.1f\" r=\"9\" fill=\"%s\"/>"
                + "<text x=\"%.1f\" y=\"%.1f\" class=num>%d</text></g>\n",
            x,
            y,
            x,
            bottom(),
            fill,
            esc(tip),
            x,
            y,
            fill,
            x,
            y + 3.5,
            number));
  }

  /** Axis lines, the value labels at both sides and the times at both ends. */
  void axes(String leftMax, String rightMax, String leftName, String rightName) {
    b.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>\n",
            LEFT,
            bottom(),
            W - RIGHT,
            bottom()));
    if (leftMax != null) {
      text(4, TOP + 8, leftMax, "ax");
      text(4, TOP + 22, leftName, "axn");
      text(4, bottom(), "0", "ax");
    }
    if (rightMax != null) {
      text(W - RIGHT + 6, TOP + 8, rightMax, "ax");
      text(W - RIGHT + 6, TOP + 22, rightName, "axn");
    }
    text(LEFT, bottom() + 16, Spans.moment(from), "ax");
    b.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"%d\" class=ax text-anchor=\"end\">%s</text>\n",
            W - RIGHT,
            bottom() + 16,
            esc(Spans.moment(to))));
  }

  void text(double x, double y, String s, String cls) {
    b.append(
        String.format(
            Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" class=%s>%s</text>\n", x, y, cls, esc(s)));
  }

  void close() {
    b.append("</svg>\n");
  }

  /** The CSS of the charts' text. */
  static final String CSS =
      "svg{background:#fcfcfc;border:1px solid #e4e4e4;max-width:100%;height:auto}"
          + "svg text{font:11px system-ui,sans-serif;fill:#555}svg text.num{fill:#fff;"
          + "text-anchor:middle;font-weight:600;font-size:10px}svg text.span{fill:#a33}"
          + "svg text.lvl{text-anchor:end}svg text.axn{fill:#888}";
}
