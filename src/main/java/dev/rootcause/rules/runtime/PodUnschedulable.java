package dev.rootcause.rules.runtime;

import dev.rootcause.model.ClusterLocation;
import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.cluster.ClaimState;
import dev.rootcause.model.cluster.ClusterEvent;
import dev.rootcause.model.cluster.ClusterState;
import dev.rootcause.model.cluster.ContainerSpec;
import dev.rootcause.model.cluster.NodeState;
import dev.rootcause.model.cluster.PodDetail;
import dev.rootcause.model.cluster.PodGroup;
import dev.rootcause.model.cluster.PodState;
import dev.rootcause.model.cluster.Quantities;
import dev.rootcause.model.cluster.SchedulingFailure;
import dev.rootcause.model.probe.Units;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import dev.rootcause.rules.SystemRule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A pod the scheduler places on no node, with the reason its {@code FailedScheduling} event gives,
 * weighed against what the cluster holds: the pod's requests against the largest node's
 * allocatable, its node selector against the nodes' labels, the taints it does not tolerate, the
 * claim that is not bound or does not exist. A pod Pending for a few seconds is still being placed.
 */
@RuleSpec(
    id = "runtime/pod-unschedulable",
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Pod stays Pending: the scheduler fits it on no node",
    symptom = "Pending pods: the workload runs short of replicas, or not at all",
    fix =
        "Make the pod fit a node: requests within a node's allocatable, a node selector and"
            + " tolerations the nodes match, and claims that exist and bind.",
    thresholds =
        @RuleSpec.Threshold(
            name = "minPendingSeconds",
            value = 60,
            description = "A pod Pending for less than this is still being placed"))
public final class PodUnschedulable implements SystemRule {

  @Override
  public void check(RuleContext ctx) {
    ClusterState cluster = Symptoms.cluster(ctx);
    if (cluster == null) {
      return;
    }
    Duration least = Duration.ofSeconds(ctx.threshold("minPendingSeconds"));
    for (PodGroup group : cluster.podGroups()) {
      PodState first = null;
      ClusterEvent proof = null;
      int pending = 0;
      for (PodState pod : group.pods()) {
        ClusterEvent e = unschedulable(cluster, pod, least);
        if (e != null) {
          pending++;
          if (first == null) {
            first = pod;
            proof = e;
          }
        }
      }
      if (first != null) {
        report(ctx, cluster, group, first, proof, pending);
      }
    }
  }

  private static ClusterEvent unschedulable(ClusterState cluster, PodState pod, Duration least) {
    if (!"Pending".equals(pod.phase())) {
      return null;
    }
    PodDetail d = cluster.detail(pod);
    if (d != null && d.nodeName() != null) {
      return null; // placed: what it waits for now is its containers
    }
    ClusterEvent event =
        cluster.events(pod).stream()
            .filter(e -> SchedulingFailure.of(e.reason(), e.message()) != null)
            .reduce((a, b) -> b)
            .orElse(null);
    if (event == null) {
      return null;
    }
    Instant since = d != null && d.created() != null ? d.created() : event.firstSeen();
    return since == null || Duration.between(since, cluster.now()).compareTo(least) >= 0
        ? event
        : null;
  }

  private static void report(
      RuleContext ctx,
      ClusterState cluster,
      PodGroup group,
      PodState pod,
      ClusterEvent event,
      int pending) {
    SchedulingFailure failure = SchedulingFailure.of(event.reason(), event.message());
    PodDetail d = cluster.detail(pod);
    List<String> why = new ArrayList<>();
    String field = null;
    String fix = null;
    for (SchedulingFailure.Reason r : failure.reasons()) {
      switch (r.kind()) {
        case INSUFFICIENT_CPU, INSUFFICIENT_MEMORY -> {
          boolean cpu = r.kind() == SchedulingFailure.Kind.INSUFFICIENT_CPU;
          ContainerSpec c = largest(d, cpu);
          if (c != null) {
            field = ".spec.containers{" + c.name() + "}";
          }
          why.add(requestAgainstNodes(cluster, d, cpu));
          fix =
              "Lower the "
                  + (cpu ? "cpu" : "memory")
                  + " request of "
                  + group.owner().name()
                  + " to what it uses (below a node's allocatable), or add nodes with more.";
        }
        case NODE_SELECTOR -> {
          if (d != null && !d.nodeSelector().isEmpty()) {
            field = ".spec.nodeSelector";
            why.add(
                "its nodeSelector "
                    + Symptoms.labels(d.nodeSelector())
                    + labelsCarried(cluster, d));
          }
          fix =
              "Make the nodeSelector or node affinity of "
                  + group.owner().name()
                  + " match labels the nodes carry, or label the nodes meant for it.";
        }
        case TAINT ->
            fix =
                "Add a toleration for "
                    + (r.subject() == null ? "the nodes' taint" : r.subject())
                    + " to "
                    + group.owner().name()
                    + " if it is meant to run there, or run it on nodes without the taint.";
        case UNBOUND_CLAIM, CLAIM_NOT_FOUND -> {
          why.add(claims(cluster, pod, d, r));
          fix =
              "Create the PersistentVolumeClaim the pod names, with a storageClassName the cluster"
                  + " provisions (kubectl get storageclass), or bind it to an existing volume.";
        }
        default -> {}
      }
    }
    ClusterLocation where = cluster.fixTarget(pod, field);
    Instant since = d != null && d.created() != null ? d.created() : event.firstSeen();
    String who =
        group.owner().name()
            + (group.pods().size() > 1
                ? " (" + pending + " of " + Units.count(group.pods().size(), "pod") + ")"
                : "");
    var f =
        ctx.report(
                where,
                who
                    + " Pending"
                    + (since == null
                        ? ""
                        : " for " + Symptoms.age(Duration.between(since, cluster.now())))
                    + ": the scheduler says \""
                    + failure.quote()
                    + "\""
                    + (why.stream().anyMatch(s -> !s.isEmpty())
                        ? "; " + String.join("; ", why.stream().filter(s -> !s.isEmpty()).toList())
                        : ""))
            .subject(Symptoms.subject(where))
            .related(pod.object(), "event " + event.summary());
    if (fix != null) {
      f.fix(fix);
    }
  }

  /** The container with the largest request of the resource, or null when none requests it. */
  private static ContainerSpec largest(PodDetail d, boolean cpu) {
    if (d == null) {
      return null;
    }
    ContainerSpec best = null;
    long most = -1;
    for (ContainerSpec c : d.containers()) {
      long v = request(c, cpu);
      if (v > most) {
        most = v;
        best = c;
      }
    }
    return most > 0 ? best : null;
  }

  private static long request(ContainerSpec c, boolean cpu) {
    return cpu ? Quantities.millicores(c.cpuRequest()) : Quantities.bytes(c.memoryRequest());
  }

  private static String requestAgainstNodes(ClusterState cluster, PodDetail d, boolean cpu) {
    if (d == null) {
      return "";
    }
    long total = 0;
    for (ContainerSpec c : d.containers()) {
      total += Math.max(0, request(c, cpu));
    }
    if (total <= 0) {
      return "";
    }
    long node = -1;
    for (NodeState n : cluster.objects().nodes()) {
      node = Math.max(node, cpu ? n.cpuMillis() : n.memoryBytes());
    }
    String asked = cpu ? Quantities.cpuText(total) : Quantities.bytesText(total);
    String unit = cpu ? "cpu" : "memory";
    if (node < 0) {
      return "it requests " + unit + " " + asked;
    }
    String has = cpu ? Quantities.cpuText(node) : Quantities.bytesText(node);
    return "it requests "
        + unit
        + " "
        + asked
        + (total > node
            ? ", more than the largest node allocates (" + has + ")"
            : "; the largest node allocates " + has + ", less what runs there");
  }

  private static String labelsCarried(ClusterState cluster, PodDetail d) {
    List<NodeState> nodes = cluster.objects().nodes();
    if (nodes.isEmpty()) {
      return "";
    }
    List<String> carried = new ArrayList<>();
    for (String key : d.nodeSelector().keySet()) {
      nodes.stream()
          .map(n -> n.labels().get(key))
          .filter(v -> v != null)
          .distinct()
          .sorted()
          .forEach(v -> carried.add(key + "=" + v));
    }
    return carried.isEmpty()
        ? " and no node carries " + String.join(" or ", d.nodeSelector().keySet())
        : "; the nodes carry " + String.join(", ", carried);
  }

  private static String claims(
      ClusterState cluster, PodState pod, PodDetail d, SchedulingFailure.Reason r) {
    List<String> names = new ArrayList<>();
    if (r.subject() != null) {
      names.add(r.subject());
    } else if (d != null) {
      names.addAll(d.claims());
    }
    List<String> out = new ArrayList<>();
    for (String name : names) {
      ClaimState claim =
          cluster.objects().claims().stream()
              .filter(c -> c.name().equals(name) && c.namespace().equals(pod.namespace()))
              .findFirst()
              .orElse(null);
      if (claim == null) {
        out.add("PersistentVolumeClaim " + name + " does not exist");
      } else if (!claim.bound()) {
        out.add(
            "PersistentVolumeClaim "
                + name
                + " is "
                + claim.phase()
                + (claim.storageClass() == null
                    ? " (no storageClassName: the default class)"
                    : " (storageClassName " + claim.storageClass() + ")"));
      }
    }
    return String.join(", ", out);
  }
}
