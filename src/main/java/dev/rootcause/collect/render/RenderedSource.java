package dev.rootcause.collect.render;

import dev.rootcause.collect.yaml.YamlDocument;
import dev.rootcause.model.CollectionProblem;
import dev.rootcause.model.render.RenderFailure;
import java.util.List;

/**
 * What one Helm chart or kustomization rendered to: documents whose nodes carry the lines of the
 * templates, bases, patches and values files that wrote them; what was noted; what failed.
 *
 * @param path the chart's Chart.yaml or the kustomization file, relative to the scan root
 */
public record RenderedSource(
    String path,
    List<YamlDocument> documents,
    List<CollectionProblem> problems,
    List<RenderFailure> failures) {

  public RenderedSource {
    documents = List.copyOf(documents);
    problems = List.copyOf(problems);
    failures = List.copyOf(failures);
  }
}
