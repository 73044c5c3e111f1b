package dev.rootcause.rules.k8s;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Location;
import dev.rootcause.model.Severity;
import dev.rootcause.model.k8s.Container;
import dev.rootcause.model.k8s.NodeShape;
import dev.rootcause.model.k8s.PodDetails;
import dev.rootcause.model.k8s.ResourceSpec;
import dev.rootcause.model.k8s.Scheduling;
import dev.rootcause.model.k8s.Workload;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import dev.rootcause.rules.WorkloadRule;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Judged only when the repository shows the cluster (Node objects from kubectl, a kind or k3d
 * config): pods whose nodeSelector or required node affinity no node carries, whose tolerations
 * miss a taint every node has, or whose requests exceed every node's allocatable capacity.
 */
@RuleSpec(
    id = "k8s/pod-fits-no-node",
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "No node of the cluster the repository shows can run the workload's pods",
    symptom =
        "pods stay Pending with FailedScheduling: \"0/3 nodes are available: 3 node(s) didn't"
            + " match Pod's node affinity/selector\" (or untolerated taint, Insufficient cpu)",
    fix =
        "Make the nodeSelector/affinity name labels a node carries, tolerate the nodes' taints,"
            + " or lower the requests below a node's allocatable capacity.")
public final class PodFitsNoNode implements WorkloadRule {

  @Override
  public void check(Workload workload, RuleContext ctx) {
    List<NodeShape> nodes = ctx.model().kube().nodes();
    Optional<PodDetails> details = ctx.model().kube().details(workload);
    if (nodes.isEmpty() || details.isEmpty() || details.get().placement().nodeName() != null) {
      return;
    }
    PodDetails.Placement placement = details.get().placement();
    BigDecimal cpu = Scheduling.cpu(workload).orElse(null);
    Long memory = Scheduling.memory(workload).orElse(null);
    List<List<String>> refusals = new ArrayList<>();
    for (NodeShape node : nodes) {
      List<String> r = Scheduling.refusals(node, placement, cpu, memory);
      if (r.isEmpty()) {
        return;
      }
      refusals.add(r);
    }
    // The selector is the likeliest slip and the line to fix; then taints, then capacity.
    String first =
        refusals.stream().flatMap(List::stream).anyMatch(Scheduling.SELECTOR::equals)
            ? Scheduling.SELECTOR
            : refusals.get(0).get(0);
    Location at = where(first, workload, placement);
    var finding =
        ctx.report(
            at,
            workload.meta().displayName()
                + " fits no node of "
                + (nodes.size() == 1
                    ? "the one node shown"
                    : "the " + nodes.size() + " nodes shown")
                + ": "
                + Scheduling.event(refusals));
    nodes.forEach(n -> finding.related(n.location(), describe(n)));
    finding.fix(fix(first, placement, nodes, workload));
  }

  private static Location where(String reason, Workload w, PodDetails.Placement placement) {
    if (reason.equals(Scheduling.SELECTOR)) {
      return placement.nodeSelectorAt() != null
          ? placement.nodeSelectorAt()
          : placement.affinityAt() != null ? placement.affinityAt() : w.podSpecLocation();
    }
    if (reason.startsWith("Insufficient")) {
      boolean cpu = reason.endsWith("cpu");
      for (Container c : w.containers()) {
        ResourceSpec.Value v = Scheduling.request(c, cpu);
        if (v != null) {
          return v.location();
        }
      }
    }
    return w.podSpecLocation();
  }

  private static String describe(NodeShape n) {
    StringBuilder sb = new StringBuilder(n.source());
    sb.append(" labels ").append(new TreeMap<>(n.labels()));
    if (!n.taints().isEmpty()) {
      sb.append(", taints ").append(n.taints());
    }
    if (n.cpu() != null || n.memory() != null) {
      sb.append(", allocatable cpu ").append(n.cpu()).append(" memory ").append(n.memory());
    }
    return sb.toString();
  }

  private static String fix(
      String reason, PodDetails.Placement placement, List<NodeShape> nodes, Workload w) {
    if (reason.equals(Scheduling.SELECTOR)) {
      String wanted =
          placement.nodeSelector().isEmpty()
              ? "the required node affinity"
              : "nodeSelector " + new TreeMap<>(placement.nodeSelector());
      return "Change "
          + wanted
          + " of "
          + w.meta().displayName()
          + " to labels a node carries (e.g. "
          + nodes.get(0).labels().keySet().stream()
              .sorted()
              .findFirst()
              .map(k -> k + "=" + nodes.get(0).labels().get(k))
              .orElse("none set")
          + " on "
          + nodes.get(0).name()
          + "), or add those labels to a node.";
    }
    if (reason.startsWith("node(s) had untolerated taint")) {
      NodeShape.Taint t =
          nodes.stream()
              .flatMap(n -> n.taints().stream())
              .filter(NodeShape.Taint::repels)
              .findFirst()
              .orElseThrow();
      return "Add a toleration {key: "
          + t.key()
          + ", operator: "
          + (t.value() == null ? "Exists" : "Equal, value: " + t.value())
          + ", effect: "
          + t.effect()
          + "} to "
          + w.meta().displayName()
          + ", or schedule it where the taint is not set.";
    }
    NodeShape biggest = nodes.get(0);
    return "Lower the "
        + (reason.endsWith("cpu") ? "cpu" : "memory")
        + " requests of "
        + w.meta().displayName()
        + " below a node's allocatable "
        + (reason.endsWith("cpu") ? biggest.cpu() : biggest.memory())
        + " (or add a larger node).";
  }
}
