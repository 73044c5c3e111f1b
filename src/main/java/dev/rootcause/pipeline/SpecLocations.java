package dev.rootcause.pipeline;

import dev.rootcause.collect.cluster.ClusterSpecs;
import dev.rootcause.model.ClusterLocation;
import dev.rootcause.model.CollectionProblem;
import dev.rootcause.model.Evidence;
import dev.rootcause.model.Finding;
import dev.rootcause.model.Location;
import dev.rootcause.model.SourceLocation;
import java.util.List;

/**
 * Turns a location in the text a cluster object was read from into the object itself and the field
 * it points at ({@code Deployment production/api .spec.template.spec.containers[0].livenessProbe}):
 * the YAML the specs were read through is never shown.
 */
final class SpecLocations {
  private final ClusterSpecs specs;

  SpecLocations(ClusterSpecs specs) {
    this.specs = specs;
  }

  List<Finding> findings(List<Finding> findings) {
    return findings.stream().map(this::finding).toList();
  }

  private Finding finding(Finding f) {
    return new Finding(
        f.ruleId(),
        f.severity(),
        f.subject(),
        f.symptom(),
        f.message(),
        location(f.primary()),
        f.related().stream().map(e -> new Evidence(location(e.location()), e.note())).toList(),
        f.fix(),
        f.confidence(),
        f.kind(),
        f.frame());
  }

  private Location location(Location at) {
    if (at instanceof SourceLocation s && ClusterSpecs.isSpecPath(s.path())) {
      ClusterLocation object = specs.locate(s);
      return object != null ? object : at;
    }
    return at;
  }

  /** A problem met reading a spec names the object; notes on how specs were read are dropped. */
  List<CollectionProblem> problems(List<CollectionProblem> problems) {
    return problems.stream()
        .filter(
            p ->
                !ClusterSpecs.isSpecPath(p.location().path())
                    || p.kind() == CollectionProblem.Kind.SKIPPED)
        .map(
            p -> {
              if (!ClusterSpecs.isSpecPath(p.location().path())) {
                return p;
              }
              ClusterLocation object = specs.locate(SourceLocation.file(p.location().path()));
              String at =
                  object != null
                      ? object.display()
                      : "cluster objects of "
                          + p.location().path().substring(ClusterSpecs.PREFIX.length());
              return new CollectionProblem(p.kind(), SourceLocation.file(at), p.message());
            })
        .toList();
  }
}
