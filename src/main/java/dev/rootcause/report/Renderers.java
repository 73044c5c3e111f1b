package dev.rootcause.report;

import dev.rootcause.model.ScanResult;
import dev.rootcause.model.cluster.Diagnosis;
import dev.rootcause.model.probe.ProbeReport;
import dev.rootcause.model.probe.VerifyReport;
import dev.rootcause.report.probe.GateHtml;
import dev.rootcause.report.probe.GateJson;
import dev.rootcause.report.probe.GateMarkdown;
import dev.rootcause.report.probe.GateText;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one registry of renderers: for each kind of result, the formats it has and the renderer of
 * each. A format is added to a command here and nowhere else.
 */
public final class Renderers<T> {
  /** {@code scan}: findings. */
  public static final Renderers<ScanResult> SCAN =
      new Renderers<ScanResult>()
          .with(Format.TEXT, o -> new TextRenderer(o.color(), o.showSuppressed(), o.all()))
          .with(Format.JSON, o -> new JsonRenderer())
          .with(Format.SARIF, o -> new SarifRenderer())
          .with(Format.MARKDOWN, o -> new MarkdownRenderer())
          .with(Format.HTML, o -> new HtmlRenderer());

  /**
   * {@code diagnose}: the findings in every format of a scan's; the text report opens with the
   * first screen's summary.
   */
  public static final Renderers<Diagnosis> DIAGNOSE =
      new Renderers<Diagnosis>()
          .with(
              Format.TEXT,
              o -> new DiagnosisText(new TextRenderer(o.color(), o.showSuppressed(), o.all())))
          .with(Format.JSON, o -> (d, out) -> new JsonRenderer().render(d.result(), out))
          .with(Format.SARIF, o -> (d, out) -> new SarifRenderer().render(d.result(), out))
          .with(Format.MARKDOWN, o -> (d, out) -> new MarkdownRenderer().render(d.result(), out))
          .with(Format.HTML, o -> (d, out) -> new HtmlRenderer().render(d.result(), out));

  /** {@code probe}: measurements, verdicts and the SLO check. */
  public static final Renderers<ProbeReport> PROBE =
      new Renderers<ProbeReport>()
          .with(Format.TEXT, o -> new GateText(o.timeline())::render)
          .with(Format.JSON, o -> new GateJson()::render)
          .with(Format.MARKDOWN, o -> new GateMarkdown()::render)
          .with(Format.HTML, o -> new GateHtml()::render);

  /** {@code verify}: every criterion, the canary decision, the verdict. */
  public static final Renderers<VerifyReport> VERIFY =
      new Renderers<VerifyReport>()
          .with(Format.TEXT, o -> new GateText(o.timeline())::render)
          .with(Format.JSON, o -> new GateJson()::render)
          .with(Format.MARKDOWN, o -> new GateMarkdown()::render)
          .with(Format.HTML, o -> new GateHtml()::render);

  private final Map<Format, Function<RenderOptions, Renderer<T>>> byFormat =
      new EnumMap<>(Format.class);

  private Renderers() {}

  private Renderers<T> with(Format format, Function<RenderOptions, Renderer<T>> renderer) {
    byFormat.put(format, renderer);
    return this;
  }

  /** The formats this kind of result has, in the order {@link Format} declares them. */
  public Set<Format> formats() {
    return Collections.unmodifiableSet(byFormat.keySet());
  }

  /** The formats as users type them: {@code text, json, html}. */
  public String labels() {
    return byFormat.keySet().stream().map(Format::label).collect(Collectors.joining(", "));
  }

  /**
   * The renderer of {@code format}.
   *
   * @throws IllegalArgumentException when this kind of result has no such format
   */
  public Renderer<T> renderer(Format format, RenderOptions options) {
    Function<RenderOptions, Renderer<T>> make = byFormat.get(format);
    if (make == null) {
      throw new IllegalArgumentException(
          "no " + format.label() + " report here; the formats are " + labels());
    }
    return make.apply(options);
  }
}
