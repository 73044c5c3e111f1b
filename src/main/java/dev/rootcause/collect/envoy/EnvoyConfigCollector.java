package dev.rootcause.collect.envoy;

import dev.rootcause.collect.Facts;
import dev.rootcause.collect.SourceFile;
import dev.rootcause.collect.YamlCollector;
import dev.rootcause.collect.yaml.YamlDocument;
import dev.rootcause.collect.yaml.YamlNode;
import dev.rootcause.collect.yaml.YamlNode.Mapping;
import dev.rootcause.collect.yaml.YamlNode.Scalar;
import dev.rootcause.collect.yaml.YamlReader;
import dev.rootcause.model.CollectionProblem;
import dev.rootcause.model.HostReference;
import dev.rootcause.model.SourceLocation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Envoy bootstrap configurations ({@code static_resources}) for the upstream endpoints of
 * their clusters, as {@link HostReference}s: from an {@code envoy.yaml} file, or from a ConfigMap
 * key holding one (the usual way a sidecar is configured on Kubernetes). Both the v3 {@code
 * load_assignment} and the older {@code hosts} list are read. The host and port are then checked
 * like any other reference: against the Services that exist, and against what the pod listens on.
 */
public final class EnvoyConfigCollector implements YamlCollector {
  /** The mechanism named in findings; rules tell Envoy's references apart by it. */
  public static final String VIA = "envoy cluster";

  @Override
  public void collect(SourceFile file, List<YamlDocument> documents, Facts facts) {
    for (YamlDocument doc : documents) {
      if (!(doc.root() instanceof Mapping root)) {
        continue;
      }
      if (root.has("static_resources")) {
        clusters(root, 0, 0, file.path(), facts);
      } else if ("ConfigMap".equals(root.string("kind"))) {
        root.map("data")
            .ifPresent(
                data ->
                    data.entries()
                        .values()
                        .forEach(
                            entry -> {
                              if (entry.value() instanceof Scalar value
                                  && value.value() != null
                                  && value.value().contains("static_resources")) {
                                embedded(file.path(), entry.key(), value, facts);
                              }
                            }));
      }
    }
  }

  private static void embedded(String path, String key, Scalar value, Facts facts) {
    YamlReader.Result parsed = YamlReader.read(path, value.value());
    if (!parsed.problems().isEmpty()) {
      facts.problem(
          CollectionProblem.note(
              value.location(),
              "Envoy config in ConfigMap key '" + key + "' could not be read as YAML"));
      return;
    }
    // A | block keeps the config's own lines; other styles point at the value's first line.
    int base = value.location().line();
    for (YamlDocument doc : parsed.documents()) {
      if (doc.root() instanceof Mapping root && root.has("static_resources")) {
        clusters(root, base, value.literalBlock() ? 0 : base, path, facts);
      }
    }
  }

  /**
   * Each cluster endpoint's socket address, then each route of the listeners' virtual hosts to
   * those endpoints. {@code offset} shifts embedded lines to the file's (0 for a file of its own);
   * a {@code fixedLine} above 0 pins every location to that line.
   */
  private static void clusters(Mapping root, int offset, int fixedLine, String path, Facts facts) {
    Lines lines = new Lines(path, offset, fixedLine);
    Map<String, List<HostReference>> endpoints = new HashMap<>();
    List<Mapping> clusters =
        root.path("static_resources").map(r -> r.maps("clusters")).orElse(List.of());
    for (Mapping cluster : clusters) {
      String name = cluster.string("name");
      List<HostReference> refs = endpoints.computeIfAbsent(name, k -> new ArrayList<>());
      for (Mapping assignment :
          cluster.map("load_assignment").map(m -> m.maps("endpoints")).orElse(List.of())) {
        for (Mapping lb : assignment.maps("lb_endpoints")) {
          lb.path("endpoint", "address", "socket_address")
              .map(sa -> reference(sa, name, lines))
              .ifPresent(refs::add);
        }
      }
      for (Mapping host : cluster.maps("hosts")) {
        host.map("socket_address").map(sa -> reference(sa, name, lines)).ifPresent(refs::add);
      }
      refs.removeIf(java.util.Objects::isNull);
      refs.forEach(facts.model()::hostReference);
    }
    EnvoyRoutes.read(root, endpoints, lines, facts);
  }

  /** Where a node of the config is, in the scanned file. */
  record Lines(String path, int offset, int fixedLine) {
    SourceLocation at(YamlNode node) {
      return SourceLocation.of(path, fixedLine > 0 ? fixedLine : offset + node.location().line());
    }
  }

  private static HostReference reference(Mapping socket, String cluster, Lines lines) {
    String host = socket.string("address");
    if (host == null || host.isEmpty()) {
      return null;
    }
    Integer port = socket.integer("port_value").orElse(null);
    YamlNode at = socket.scalar("address").map(YamlNode.class::cast).orElse(socket);
    return new HostReference(
        host, port, VIA + (cluster == null ? "" : " " + cluster), lines.at(at));
  }
}
