package dev.rootcause.collect.nginx;

import dev.rootcause.collect.Facts;
import dev.rootcause.collect.SourceFile;
import dev.rootcause.collect.YamlCollector;
import dev.rootcause.collect.yaml.YamlDocument;
import dev.rootcause.collect.yaml.YamlNode;
import dev.rootcause.collect.yaml.YamlNode.Mapping;
import dev.rootcause.collect.yaml.YamlNode.Scalar;
import dev.rootcause.model.CollectionProblem;
import dev.rootcause.model.HostReference;
import dev.rootcause.model.SourceLocation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads nginx configurations embedded in ConfigMap {@code data} values (the usual way to configure
 * an nginx gateway on Kubernetes) into {@link HostReference}s. Lines are those of the YAML file: a
 * {@code |} block keeps the config's own lines after its indicator; other styles fold lines, so
 * their references point at the value's first line.
 */
public final class NginxConfigMapCollector implements YamlCollector {

  @Override
  public void collect(SourceFile file, List<YamlDocument> documents, Facts facts) {
    Set<String> upstreamNames = new HashSet<>();
    List<HostReference> candidates = new ArrayList<>();
    for (YamlDocument doc : documents) {
      if (!(doc.root() instanceof Mapping root)) {
        continue;
      }
      List<Mapping> objects =
          root.string("kind") != null && root.string("kind").endsWith("List")
              ? root.maps("items")
              : List.of(root);
      for (Mapping object : objects) {
        if (!"ConfigMap".equals(object.string("kind"))) {
          continue;
        }
        object
            .map("data")
            .ifPresent(
                data ->
                    data.entries()
                        .values()
                        .forEach(
                            entry -> {
                              if (entry.value() instanceof Scalar value
                                  && value.value() != null
                                  && NginxSyntax.looksLikeNginx(value.value())) {
                                read(
                                    file.path(),
                                    entry.key(),
                                    entry.keyLocation(),
                                    value,
                                    facts,
                                    upstreamNames,
                                    candidates);
                              }
                            }));
      }
    }
    // Upstreams and the passes that use them often sit in different keys of one ConfigMap.
    candidates.stream()
        .filter(r -> !upstreamNames.contains(r.host()))
        .forEach(facts.model()::hostReference);
  }

  private static void read(
      String path,
      String key,
      SourceLocation keyAt,
      Scalar value,
      Facts facts,
      Set<String> upstreamNames,
      List<HostReference> candidates) {
    List<NginxConfig.Directive> directives;
    try {
      directives = NginxConfig.parse(value.value());
    } catch (NginxConfig.SyntaxError e) {
      facts.problem(
          CollectionProblem.note(
              lineOf(path, value, e.line),
              "nginx config in ConfigMap key '" + key + "' could not be read: " + e.getMessage()));
      return;
    }
    for (NginxRoutes.Route r : NginxRoutes.extract(directives)) {
      facts
          .model()
          .proxyRoute(NginxRoutes.model(r, path + " " + key, line -> lineOf(path, value, line)));
    }
    NginxHosts.Result result = NginxHosts.extract(directives);
    upstreamNames.addAll(result.upstreamNames());
    for (NginxHosts.Found f : result.unresolved()) {
      HostReference ref =
          new HostReference(f.host(), f.port(), f.via(), lineOf(path, value, f.where().line()));
      if (f.upstreamCandidate()) {
        candidates.add(ref);
      } else {
        facts.model().hostReference(ref);
      }
    }
  }

  /** The YAML line of line {@code configLine} (1-based) of the embedded config. */
  private static SourceLocation lineOf(String path, YamlNode.Scalar value, int configLine) {
    int base = value.location().line();
    return SourceLocation.of(path, value.literalBlock() ? base + configLine : base);
  }
}
