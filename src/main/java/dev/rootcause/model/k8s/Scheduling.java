package dev.rootcause.model.k8s;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Why the scheduler would refuse a node for a workload's pods, in kube-scheduler's own words
 * ("node(s) didn't match Pod's node affinity/selector", "Insufficient cpu"). Labels a local cluster
 * config does not show (hostname, arch, a cloud provider's) count as matching: unknown is not
 * wrong.
 */
public final class Scheduling {
  public static final String SELECTOR = "node(s) didn't match Pod's node affinity/selector";

  private static final List<String> AUTOMATIC_PREFIXES =
      List.of(
          "kubernetes.io/hostname",
          "kubernetes.io/arch",
          "beta.kubernetes.io/",
          "topology.kubernetes.io/",
          "failure-domain.beta.kubernetes.io/",
          "node.kubernetes.io/",
          "cloud.google.com/",
          "eks.amazonaws.com/",
          "alpha.eksctl.io/",
          "kubernetes.azure.com/",
          "karpenter.sh/",
          "karpenter.k8s.aws/",
          "topology.",
          "feature.node.kubernetes.io/",
          "nvidia.com/");

  private Scheduling() {}

  /**
   * The reasons a node refuses the pods, empty when they fit. As the scheduler's filters do, the
   * first failing one speaks: taints, then node affinity, then resources (cpu and memory both).
   */
  public static List<String> refusals(
      NodeShape node, PodDetails.Placement placement, BigDecimal cpu, Long memory) {
    for (NodeShape.Taint taint : node.taints()) {
      if (taint.repels() && placement.tolerations().stream().noneMatch(t -> t.tolerates(taint))) {
        return List.of("node(s) had untolerated taint " + taint);
      }
    }
    if (!selectorMatches(node, placement)) {
      return List.of(SELECTOR);
    }
    List<String> out = new ArrayList<>();
    if (node.cpu() != null && cpu != null && cpu.compareTo(node.cpu().value()) > 0) {
      out.add("Insufficient cpu");
    }
    if (node.memory() != null && memory != null && memory > node.memory().bytes()) {
      out.add("Insufficient memory");
    }
    return out;
  }

  /**
   * kube-scheduler's event: {@code 0/3 nodes are available: 1 node(s) had untolerated taint {..}, 2
   * node(s) didn't match Pod's node affinity/selector.}
   */
  public static String event(List<List<String>> refusalsPerNode) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    refusalsPerNode.forEach(r -> r.forEach(reason -> counts.merge(reason, 1, Integer::sum)));
    List<String> parts = new ArrayList<>();
    counts.forEach((reason, n) -> parts.add(n + " " + reason));
    parts.sort(null); // the scheduler sorts "count reason" strings
    return "0/"
        + refusalsPerNode.size()
        + " nodes are available: "
        + String.join(", ", parts)
        + ".";
  }

  private static boolean selectorMatches(NodeShape node, PodDetails.Placement placement) {
    if (!node.labelsKnown()) {
      return true;
    }
    for (Map.Entry<String, String> e : placement.nodeSelector().entrySet()) {
      if (!labelMayMatch(node, e.getKey(), e.getValue())) {
        return false;
      }
    }
    if (placement.requiredTerms().isEmpty()) {
      return true;
    }
    for (List<LabelSelector.Requirement> term : placement.requiredTerms()) {
      if (term.stream().allMatch(r -> requirementMayMatch(node, r))) {
        return true;
      }
    }
    return false;
  }

  private static boolean labelMayMatch(NodeShape node, String key, String value) {
    if (unknownOn(node, key)) {
      return true;
    }
    return value.equals(node.labels().get(key));
  }

  private static boolean requirementMayMatch(NodeShape node, LabelSelector.Requirement r) {
    if (r.key() == null || unknownOn(node, r.key())) {
      return true;
    }
    return switch (r.operator()) {
      case "In", "NotIn", "Exists", "DoesNotExist" -> r.matches(node.labels());
      default -> true; // Gt, Lt: numeric labels this model does not compare
    };
  }

  /** Whether a label is one the node carries without the source saying (a kind node's arch). */
  private static boolean unknownOn(NodeShape node, String key) {
    if (node.source().startsWith("Node ")) {
      return false; // kubectl output lists every label
    }
    if (key.equals("kubernetes.io/os")) {
      return false; // kind and k3d nodes are linux: checked against the label we add
    }
    return AUTOMATIC_PREFIXES.stream().anyMatch(key::startsWith);
  }

  /** The pod's CPU request in cores: the app containers' sum, or the largest init container's. */
  public static Optional<BigDecimal> cpu(Workload w) {
    return total(w, true);
  }

  public static Optional<Long> memory(Workload w) {
    return total(w, false).map(BigDecimal::longValue);
  }

  private static Optional<BigDecimal> total(Workload w, boolean cpu) {
    BigDecimal sum = BigDecimal.ZERO;
    boolean any = false;
    for (Container c : w.containers()) {
      ResourceSpec.Value v = request(c, cpu);
      if (v != null) {
        sum = sum.add(v.quantity().value());
        any = true;
      }
    }
    for (Container c : w.initContainers()) {
      ResourceSpec.Value v = request(c, cpu);
      if (v != null && v.quantity().value().compareTo(sum) > 0) {
        sum = v.quantity().value();
        any = true;
      }
    }
    return any ? Optional.of(sum) : Optional.empty();
  }

  /** A container's request; an unset request is its limit, as the API server defaults it. */
  public static ResourceSpec.Value request(Container c, boolean cpu) {
    ResourceSpec r = c.resources();
    ResourceSpec.Value req = cpu ? r.cpuRequest() : r.memoryRequest();
    return req != null ? req : cpu ? r.cpuLimit() : r.memoryLimit();
  }
}
