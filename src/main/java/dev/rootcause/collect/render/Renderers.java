package dev.rootcause.collect.render;

import dev.rootcause.collect.SourceFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders what a tree deploys through a tool, before its files are read one by one: every Helm
 * chart (by Helm itself) and every top kustomization (by the built-in kustomize subset). The files
 * a render consumed are then read only through it.
 */
public final class Renderers {
  private Renderers() {}

  /**
   * Renders the charts and kustomizations among {@code files}; {@code helmValues} are the values
   * files given to the scan ({@code --values}), layered over each chart's defaults in order.
   */
  public static Rendering render(List<SourceFile> files, List<Path> helmValues) {
    List<RenderedSource> sources = new ArrayList<>();
    Set<String> consumed = new HashSet<>();
    List<HelmCharts.Chart> charts = HelmCharts.find(files);
    String unavailable = charts.isEmpty() ? null : HelmEngine.unavailable();
    Map<String, String> notRendered = new HashMap<>();
    if (unavailable == null) {
      for (HelmCharts.Chart chart : charts) {
        RenderedSource rendered =
            HelmCharts.render(chart, files, valuesFor(chart, files, helmValues));
        sources.add(rendered);
        if (rendered.failures().stream().anyMatch(f -> f.valuesFile() == null)) {
          notRendered.put(chart.dir(), "the chart does not render: see k8s/render-failed");
          continue;
        }
        files.stream()
            .map(SourceFile::path)
            .filter(p -> HelmCharts.consumedBy(chart, p))
            .forEach(consumed::add);
      }
    }
    Kustomizations kustomize = new Kustomizations(files);
    for (String root : kustomize.roots()) {
      sources.add(kustomize.build(root));
    }
    consumed.addAll(kustomize.consumed());
    return new Rendering(sources, consumed, unavailable, notRendered);
  }

  /** A values file inside a chart's folder is that chart's; one outside applies to every chart. */
  private static List<Path> valuesFor(
      HelmCharts.Chart chart, List<SourceFile> files, List<Path> given) {
    Path dir = chart.chartYaml().absolute().getParent().toAbsolutePath().normalize();
    List<Path> out = new ArrayList<>();
    for (Path g : given) {
      Path abs = g.toAbsolutePath().normalize();
      boolean inSomeChart =
          HelmCharts.find(files).stream()
              .anyMatch(
                  c ->
                      abs.startsWith(
                          c.chartYaml().absolute().getParent().toAbsolutePath().normalize()));
      if (abs.startsWith(dir) || !inSomeChart) {
        out.add(abs);
      }
    }
    return out;
  }
}
