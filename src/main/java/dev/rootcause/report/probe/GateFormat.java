package dev.rootcause.report.probe;

/** The formats of the probe and verify reports, each with its renderer. */
public enum GateFormat {
  TEXT,
  JSON,
  HTML;

  /** @param timeline whether the text report includes the per-second table */
  public GateRenderer renderer(boolean timeline) {
    return switch (this) {
      case TEXT -> new GateText(timeline);
      case JSON -> new GateJson();
      case HTML -> new GateHtml();
    };
  }
}
