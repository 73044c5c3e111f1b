package dev.rootcause.collect.render;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every chart and kustomization of a tree rendered, and the files they consumed (templates, bases,
 * patches), which are then read only through the render, never again as plain manifests.
 *
 * @param helmUnavailable why Helm could not run here (null when it could, or was not needed)
 * @param notRendered chart folders (relative, "" or ending in '/') Helm failed on, with why
 */
public record Rendering(
    List<RenderedSource> sources,
    Set<String> consumed,
    String helmUnavailable,
    Map<String, String> notRendered) {

  public static final Rendering NONE = new Rendering(List.of(), Set.of(), null, Map.of());

  public Rendering {
    sources = List.copyOf(sources);
    consumed = Set.copyOf(consumed);
    notRendered = Map.copyOf(notRendered);
  }

  /**
   * Why the Helm template at {@code path} was not rendered: its chart failed, or Helm is absent.
   */
  public String whyNotRendered(String path) {
    for (Map.Entry<String, String> chart : notRendered.entrySet()) {
      if (path.startsWith(chart.getKey() + "templates/")) {
        return chart.getValue();
      }
    }
    return helmUnavailable != null ? helmUnavailable : "no Chart.yaml above it";
  }
}
