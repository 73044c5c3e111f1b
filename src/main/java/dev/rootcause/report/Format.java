package dev.rootcause.report;

import java.util.Locale;
import java.util.function.Supplier;

/** The output formats, each with its renderer: the one place a format is added. */
public enum Format {
  TEXT(TextRenderer::new),
  JSON(JsonRenderer::new),
  SARIF(SarifRenderer::new),
  MARKDOWN(MarkdownRenderer::new);

  private final Supplier<ReportRenderer> renderer;

  Format(Supplier<ReportRenderer> renderer) {
    this.renderer = renderer;
  }

  public ReportRenderer renderer() {
    return renderer.get();
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
