package dev.rootcause.collect.k8s;

import dev.rootcause.collect.yaml.YamlNode.Mapping;
import dev.rootcause.collect.yaml.YamlNode.Scalar;
import dev.rootcause.model.SourceLocation;
import dev.rootcause.model.SystemModel;
import dev.rootcause.model.k8s.DisruptionBudget;
import dev.rootcause.model.k8s.IntOrPercent;
import dev.rootcause.model.k8s.LabelSelector;
import dev.rootcause.model.k8s.LimitRange;
import dev.rootcause.model.k8s.NodeShape;
import dev.rootcause.model.k8s.ObjectMeta;
import dev.rootcause.model.k8s.PodDetails;
import dev.rootcause.model.k8s.Quantity;
import dev.rootcause.model.k8s.ReplicaBounds;
import dev.rootcause.model.k8s.ResourceQuota;
import dev.rootcause.model.k8s.ResourceSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what the core object reader leaves out: a workload's rollout strategy, node placement and
 * privileges; PodDisruptionBudgets, ResourceQuotas, LimitRanges, Nodes, HPA bounds; and the nodes
 * of a kind or k3d cluster config. Values it cannot read are left out, never guessed.
 */
final class KubeFactReader {
  private KubeFactReader() {}

  static void read(Mapping object, ObjectMeta meta, SystemModel.Builder model) {
    Mapping spec = object.map("spec").orElse(null);
    switch (meta.kind()) {
      case "PodDisruptionBudget" -> {
        if (spec != null) {
          model.detail(budget(meta, spec));
        }
      }
      case "HorizontalPodAutoscaler" -> {
        if (spec != null) {
          model.detail(bounds(meta, spec));
        }
      }
      case "ResourceQuota" -> {
        if (spec != null) {
          model.detail(
              new ResourceQuota(
                  meta,
                  quantities(spec.map("hard")),
                  spec.has("scopes") || spec.has("scopeSelector")));
        }
      }
      case "LimitRange" -> {
        for (Mapping item : spec == null ? List.<Mapping>of() : spec.maps("limits")) {
          if ("Container".equals(item.string("type"))) {
            model.detail(
                new LimitRange(
                    meta,
                    quantities(item.map("max")),
                    quantities(item.map("min")),
                    quantities(item.map("default")),
                    quantities(item.map("defaultRequest"))));
          }
        }
      }
      case "Node" -> model.detail(node(object, meta));
      default -> {
        if (ClusterConfigReader.isClusterConfig(object)) {
          ClusterConfigReader.nodes(object).forEach(model::detail);
          return;
        }
        ObjectReader.podTemplate(meta.kind(), spec)
            .ifPresent(t -> model.detail(details(meta, spec, t.map("spec").orElseThrow())));
      }
    }
  }

  // ---- workloads -----------------------------------------------------------------------------

  private static PodDetails details(ObjectMeta meta, Mapping spec, Mapping podSpec) {
    List<PodDetails.ExecCommand> execs = new ArrayList<>();
    for (String field : List.of("initContainers", "containers")) {
      for (Mapping c : podSpec.maps(field)) {
        if (!c.strings("command").isEmpty()) {
          execs.add(
              new PodDetails.ExecCommand(
                  Optional.ofNullable(c.string("name")).orElse("(unnamed)"),
                  "command",
                  concat(c.strings("command"), c.strings("args")),
                  c.locationOf("command")));
        }
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
          c.path(probe, "exec")
              .filter(e -> !e.strings("command").isEmpty())
              .ifPresent(
                  e ->
                      execs.add(
                          new PodDetails.ExecCommand(
                              Optional.ofNullable(c.string("name")).orElse("(unnamed)"),
                              probe,
                              e.strings("command"),
                              e.locationOf("command"))));
        }
      }
    }
    List<String> volumes = new ArrayList<>();
    podSpec.maps("volumes").forEach(v -> volumes.add(String.valueOf(v.string("name"))));
    return new PodDetails(
        meta.location(),
        rollout(meta.kind(), spec),
        placement(podSpec),
        privileges(podSpec),
        execs,
        volumes);
  }

  private static PodDetails.Rollout rollout(String kind, Mapping spec) {
    Optional<Mapping> strategy =
        spec.map(kind.equals("Deployment") ? "strategy" : "updateStrategy");
    if (kind.equals("Pod") || strategy.isEmpty()) {
      return null;
    }
    Optional<Mapping> rolling = strategy.get().map("rollingUpdate");
    return new PodDetails.Rollout(
        strategy.get().string("type"),
        rolling.map(r -> IntOrPercent.parse(r.string("maxUnavailable"))).orElse(null),
        rolling
            .filter(r -> r.has("maxUnavailable"))
            .map(r -> r.locationOf("maxUnavailable"))
            .orElse(null),
        rolling.map(r -> IntOrPercent.parse(r.string("maxSurge"))).orElse(null),
        rolling.filter(r -> r.has("maxSurge")).map(r -> r.locationOf("maxSurge")).orElse(null));
  }

  private static PodDetails.Placement placement(Mapping podSpec) {
    List<List<LabelSelector.Requirement>> terms = new ArrayList<>();
    Optional<Mapping> required =
        podSpec.path("affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution");
    for (Mapping term : required.map(r -> r.maps("nodeSelectorTerms")).orElse(List.of())) {
      terms.add(requirements(term));
    }
    List<PodDetails.Toleration> tolerations = new ArrayList<>();
    for (Mapping t : podSpec.maps("tolerations")) {
      tolerations.add(
          new PodDetails.Toleration(
              t.string("key"),
              Optional.ofNullable(t.string("operator")).orElse("Equal"),
              t.string("value"),
              t.string("effect")));
    }
    return new PodDetails.Placement(
        podSpec.stringMap("nodeSelector"),
        podSpec.has("nodeSelector") ? podSpec.locationOf("nodeSelector") : null,
        terms,
        podSpec.has("affinity") ? podSpec.locationOf("affinity") : null,
        tolerations,
        podSpec.string("nodeName"));
  }

  private static PodDetails.Privileges privileges(Mapping podSpec) {
    List<String> hostPaths = new ArrayList<>();
    for (Mapping v : podSpec.maps("volumes")) {
      if (v.has("hostPath")) {
        hostPaths.add(Optional.ofNullable(v.string("name")).orElse("(unnamed)"));
      }
    }
    List<PodDetails.ContainerPrivileges> containers = new ArrayList<>();
    for (String field : List.of("initContainers", "containers")) {
      for (Mapping c : podSpec.maps(field)) {
        containers.add(containerPrivileges(c));
      }
    }
    return new PodDetails.Privileges(
        isTrue(podSpec, "hostNetwork"),
        isTrue(podSpec, "hostPID"),
        isTrue(podSpec, "hostIPC"),
        hostPaths,
        podSpec.path("securityContext", "seccompProfile").map(s -> s.string("type")).orElse(null),
        podSpec.location(),
        containers);
  }

  private static PodDetails.ContainerPrivileges containerPrivileges(Mapping c) {
    Optional<Mapping> ctx = c.map("securityContext");
    List<Integer> hostPorts = new ArrayList<>();
    for (Mapping p : c.maps("ports")) {
      p.integer("hostPort").filter(n -> n > 0).ifPresent(hostPorts::add);
    }
    return new PodDetails.ContainerPrivileges(
        Optional.ofNullable(c.string("name")).orElse("(unnamed)"),
        ctx.flatMap(m -> bool(m, "privileged")).orElse(null),
        ctx.flatMap(m -> bool(m, "allowPrivilegeEscalation")).orElse(null),
        ctx.flatMap(m -> m.map("capabilities")).map(m -> m.strings("add")).orElse(List.of()),
        ctx.flatMap(m -> m.map("capabilities")).map(m -> m.strings("drop")).orElse(List.of()),
        ctx.flatMap(m -> m.path("seccompProfile")).map(s -> s.string("type")).orElse(null),
        hostPorts,
        c.has("securityContext") ? c.locationOf("securityContext") : c.location());
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  // ---- policy objects ------------------------------------------------------------------------

  private static DisruptionBudget budget(ObjectMeta meta, Mapping spec) {
    LabelSelector selector =
        spec.map("selector")
            .map(
                s ->
                    new LabelSelector(
                        s.stringMap("matchLabels"), requirements(s), spec.locationOf("selector")))
            .orElse(null);
    String field = spec.has("minAvailable") ? "minAvailable" : "maxUnavailable";
    return new DisruptionBudget(
        meta,
        selector,
        IntOrPercent.parse(spec.string("minAvailable")),
        IntOrPercent.parse(spec.string("maxUnavailable")),
        spec.has(field) ? spec.locationOf(field) : meta.location());
  }

  /** The {@code matchExpressions} of a label selector or a node selector term. */
  private static List<LabelSelector.Requirement> requirements(Mapping selector) {
    List<LabelSelector.Requirement> out = new ArrayList<>();
    for (Mapping e : selector.maps("matchExpressions")) {
      out.add(
          new LabelSelector.Requirement(
              e.string("key"),
              Optional.ofNullable(e.string("operator")).orElse("In"),
              e.strings("values")));
    }
    return out;
  }

  private static ReplicaBounds bounds(ObjectMeta meta, Mapping spec) {
    List<SourceLocation> noTarget = new ArrayList<>();
    boolean v2 = meta.apiVersion() != null && !meta.apiVersion().endsWith("v2beta1");
    for (Mapping m : v2 ? spec.maps("metrics") : List.<Mapping>of()) {
      String type = m.string("type");
      if (type == null || type.isEmpty()) {
        continue;
      }
      String section = Character.toLowerCase(type.charAt(0)) + type.substring(1);
      m.map(section)
          .filter(s -> !s.has("target"))
          .ifPresent(s -> noTarget.add(m.locationOf("type")));
    }
    return new ReplicaBounds(
        meta,
        spec.integer("minReplicas").orElse(null),
        spec.has("minReplicas") ? spec.locationOf("minReplicas") : null,
        spec.integer("maxReplicas").orElse(null),
        spec.has("maxReplicas") ? spec.locationOf("maxReplicas") : null,
        noTarget);
  }

  private static NodeShape node(Mapping object, ObjectMeta meta) {
    List<NodeShape.Taint> taints = new ArrayList<>();
    for (Mapping t : object.path("spec").map(s -> s.maps("taints")).orElse(List.of())) {
      taints.add(new NodeShape.Taint(t.string("key"), t.string("value"), t.string("effect")));
    }
    Optional<Mapping> status = object.map("status");
    Optional<Mapping> capacity =
        status.flatMap(s -> s.map("allocatable")).or(() -> status.flatMap(s -> s.map("capacity")));
    return new NodeShape(
        meta.name(),
        meta.labels(),
        taints,
        capacity.map(c -> quietQuantity(c.string("cpu"))).orElse(null),
        capacity.map(c -> quietQuantity(c.string("memory"))).orElse(null),
        "Node " + meta.name(),
        true,
        meta.location());
  }

  // ---- shared --------------------------------------------------------------------------------

  private static Map<String, ResourceSpec.Value> quantities(Optional<Mapping> section) {
    Map<String, ResourceSpec.Value> out = new LinkedHashMap<>();
    section.ifPresent(
        m ->
            m.entries()
                .forEach(
                    (k, e) -> {
                      if (e.value() instanceof Scalar s) {
                        Quantity q = quietQuantity(s.value());
                        if (q != null) {
                          out.put(k, new ResourceSpec.Value(q, e.keyLocation()));
                        }
                      }
                    }));
    return out;
  }

  static Quantity quietQuantity(String raw) {
    try {
      return raw == null ? null : Quantity.parse(raw);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static boolean isTrue(Mapping m, String key) {
    return bool(m, key).orElse(false);
  }

  private static Optional<Boolean> bool(Mapping m, String key) {
    return m.scalar(key).map(Scalar::value).filter(v -> v != null).map("true"::equalsIgnoreCase);
  }
}
