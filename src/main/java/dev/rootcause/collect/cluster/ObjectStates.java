package dev.rootcause.collect.cluster;

import dev.rootcause.model.cluster.AutoscalerState;
import dev.rootcause.model.cluster.ClaimState;
import dev.rootcause.model.cluster.Condition;
import dev.rootcause.model.cluster.NodeState;
import dev.rootcause.model.cluster.PolicyState;
import dev.rootcause.model.cluster.QuotaState;
import dev.rootcause.model.cluster.WorkloadStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the controllers, nodes, claims, autoscalers, quotas and network policies read from a
 * cluster or a dump into model records: the status a diagnosis weighs beside the pods.
 */
final class ObjectStates {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private ObjectStates() {}

  /**
   * Whether the object is one of the kinds read here: a controller (ReplicaSets are read apart), a
   * node, a claim, an autoscaler, a quota or a network policy.
   */
  static boolean statusKind(HasMetadata o) {
    return o instanceof Deployment
        || o instanceof StatefulSet
        || o instanceof DaemonSet
        || o instanceof Node
        || o instanceof PersistentVolumeClaim
        || o instanceof ResourceQuota
        || o instanceof NetworkPolicy
        || o instanceof io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler
        || o instanceof io.fabric8.kubernetes.api.model.autoscaling.v1.HorizontalPodAutoscaler;
  }

  /** A Deployment, ReplicaSet, StatefulSet or DaemonSet with its conditions; null for others. */
  static WorkloadStatus workload(HasMetadata o) {
    int desired = -1;
    int ready = 0;
    LabelSelector selector = null;
    List<Condition> conditions = new ArrayList<>();
    if (o instanceof Deployment d) {
      desired =
          d.getSpec() == null || d.getSpec().getReplicas() == null ? -1 : d.getSpec().getReplicas();
      selector = d.getSpec() == null ? null : d.getSpec().getSelector();
      if (d.getStatus() != null) {
        ready = nz(d.getStatus().getReadyReplicas());
        if (d.getStatus().getConditions() != null) {
          conditions.addAll(conditions(d.getStatus().getConditions()));
        }
      }
    } else if (o instanceof ReplicaSet r) {
      desired =
          r.getSpec() == null || r.getSpec().getReplicas() == null ? -1 : r.getSpec().getReplicas();
      selector = r.getSpec() == null ? null : r.getSpec().getSelector();
      if (r.getStatus() != null) {
        ready = nz(r.getStatus().getReadyReplicas());
        if (r.getStatus().getConditions() != null) {
          conditions.addAll(conditions(r.getStatus().getConditions()));
        }
      }
    } else if (o instanceof StatefulSet s) {
      desired =
          s.getSpec() == null || s.getSpec().getReplicas() == null ? -1 : s.getSpec().getReplicas();
      selector = s.getSpec() == null ? null : s.getSpec().getSelector();
      ready = s.getStatus() == null ? 0 : nz(s.getStatus().getReadyReplicas());
    } else if (o instanceof DaemonSet d) {
      desired = d.getStatus() == null ? -1 : nz(d.getStatus().getDesiredNumberScheduled());
      selector = d.getSpec() == null ? null : d.getSpec().getSelector();
      ready = d.getStatus() == null ? 0 : nz(d.getStatus().getNumberReady());
    } else {
      return null;
    }
    OwnerReference owner = controller(o.getMetadata().getOwnerReferences());
    return new WorkloadStatus(
        o.getKind(),
        o.getMetadata().getNamespace(),
        o.getMetadata().getName(),
        owner == null ? null : owner.getKind(),
        owner == null ? null : owner.getName(),
        desired,
        ready,
        selector == null || selector.getMatchLabels() == null
            ? Map.of()
            : selector.getMatchLabels(),
        conditions);
  }

  static OwnerReference controller(List<OwnerReference> refs) {
    if (refs == null) {
      return null;
    }
    return refs.stream()
        .filter(r -> Boolean.TRUE.equals(r.getController()))
        .findFirst()
        .orElse(refs.isEmpty() ? null : refs.get(0));
  }

  static NodeState node(Node n) {
    List<String> taints = new ArrayList<>();
    boolean unschedulable = false;
    if (n.getSpec() != null) {
      unschedulable = Boolean.TRUE.equals(n.getSpec().getUnschedulable());
      if (n.getSpec().getTaints() != null) {
        n.getSpec()
            .getTaints()
            .forEach(
                t ->
                    taints.add(
                        t.getKey()
                            + (t.getValue() == null || t.getValue().isEmpty()
                                ? ""
                                : "=" + t.getValue())
                            + ":"
                            + t.getEffect()));
      }
    }
    List<Condition> conditions = new ArrayList<>();
    Map<String, Quantity> allocatable = Map.of();
    if (n.getStatus() != null) {
      if (n.getStatus().getAllocatable() != null) {
        allocatable = n.getStatus().getAllocatable();
      }
      if (n.getStatus().getConditions() != null) {
        conditions.addAll(conditions(n.getStatus().getConditions()));
      }
    }
    Quantity cpu = allocatable.get("cpu");
    Quantity memory = allocatable.get("memory");
    return new NodeState(
        n.getMetadata().getName(),
        n.getMetadata().getLabels() == null ? Map.of() : n.getMetadata().getLabels(),
        taints,
        cpu == null ? -1 : Quantity.getAmountInBytes(cpu).movePointRight(3).longValue(),
        memory == null ? -1 : Quantity.getAmountInBytes(memory).longValue(),
        unschedulable,
        conditions);
  }

  static ClaimState claim(PersistentVolumeClaim c) {
    return new ClaimState(
        c.getMetadata().getNamespace(),
        c.getMetadata().getName(),
        c.getStatus() == null ? "Pending" : c.getStatus().getPhase(),
        c.getSpec() == null ? null : c.getSpec().getStorageClassName());
  }

  /** An HPA of {@code autoscaling/v2} (or v1, which has no conditions but its annotations). */
  static AutoscalerState autoscaler(HasMetadata o) {
    List<String> metrics = new ArrayList<>();
    List<Condition> conditions = new ArrayList<>();
    String targetKind = null;
    String targetName = null;
    if (o instanceof io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler h) {
      if (h.getSpec() != null) {
        if (h.getSpec().getScaleTargetRef() != null) {
          targetKind = h.getSpec().getScaleTargetRef().getKind();
          targetName = h.getSpec().getScaleTargetRef().getName();
        }
        if (h.getSpec().getMetrics() != null) {
          for (var m : h.getSpec().getMetrics()) {
            if (m.getResource() != null && m.getResource().getTarget() != null) {
              var t = m.getResource().getTarget();
              metrics.add(
                  m.getResource().getName()
                      + " "
                      + t.getType()
                      + " "
                      + (t.getAverageUtilization() != null
                          ? t.getAverageUtilization() + "%"
                          : t.getAverageValue() != null
                              ? t.getAverageValue().toString()
                              : String.valueOf(t.getValue())));
            } else {
              metrics.add(m.getType());
            }
          }
        }
      }
      if (h.getStatus() != null && h.getStatus().getConditions() != null) {
        conditions.addAll(conditions(h.getStatus().getConditions()));
      }
    } else if (o
        instanceof io.fabric8.kubernetes.api.model.autoscaling.v1.HorizontalPodAutoscaler h) {
      if (h.getSpec() != null && h.getSpec().getScaleTargetRef() != null) {
        targetKind = h.getSpec().getScaleTargetRef().getKind();
        targetName = h.getSpec().getScaleTargetRef().getName();
      }
      if (h.getSpec() != null && h.getSpec().getTargetCPUUtilizationPercentage() != null) {
        metrics.add("cpu Utilization " + h.getSpec().getTargetCPUUtilizationPercentage() + "%");
      }
    } else {
      return null;
    }
    return new AutoscalerState(
        o.getMetadata().getNamespace(),
        o.getMetadata().getName(),
        targetKind,
        targetName,
        metrics,
        conditions);
  }

  static QuotaState quota(ResourceQuota q) {
    return new QuotaState(
        q.getMetadata().getNamespace(),
        q.getMetadata().getName(),
        text(
            q.getStatus() != null && q.getStatus().getHard() != null
                ? q.getStatus().getHard()
                : q.getSpec() == null ? null : q.getSpec().getHard()),
        text(q.getStatus() == null ? null : q.getStatus().getUsed()));
  }

  private static Map<String, String> text(Map<String, Quantity> quantities) {
    Map<String, String> out = new TreeMap<>();
    if (quantities != null) {
      quantities.forEach((k, v) -> out.put(k, v.toString()));
    }
    return out;
  }

  static PolicyState policy(NetworkPolicy p) {
    var spec = p.getSpec();
    Map<String, String> selector =
        spec == null
                || spec.getPodSelector() == null
                || spec.getPodSelector().getMatchLabels() == null
            ? Map.of()
            : spec.getPodSelector().getMatchLabels();
    boolean expressions =
        spec != null
            && spec.getPodSelector() != null
            && spec.getPodSelector().getMatchExpressions() != null
            && !spec.getPodSelector().getMatchExpressions().isEmpty();
    List<String> types =
        spec == null || spec.getPolicyTypes() == null ? List.of() : spec.getPolicyTypes();
    List<NetworkPolicyIngressRule> rules =
        spec == null || spec.getIngress() == null ? List.of() : spec.getIngress();
    boolean isolates = types.contains("Ingress") || (types.isEmpty() && spec != null);
    boolean any = expressions;
    List<Map<String, String>> from = new ArrayList<>();
    for (NetworkPolicyIngressRule rule : rules) {
      if (rule.getFrom() == null || rule.getFrom().isEmpty()) {
        any = true;
        continue;
      }
      for (NetworkPolicyPeer peer : rule.getFrom()) {
        if (peer.getNamespaceSelector() != null
            || peer.getIpBlock() != null
            || peer.getPodSelector() == null
            || (peer.getPodSelector().getMatchExpressions() != null
                && !peer.getPodSelector().getMatchExpressions().isEmpty())) {
          any = true;
        } else {
          from.add(
              peer.getPodSelector().getMatchLabels() == null
                  ? Map.of()
                  : new LinkedHashMap<>(peer.getPodSelector().getMatchLabels()));
        }
      }
    }
    return new PolicyState(
        p.getMetadata().getNamespace(), p.getMetadata().getName(), selector, isolates, any, from);
  }

  /**
   * The conditions of any kind's status (DeploymentCondition, NodeCondition, ...): they differ in
   * type, not in the fields read here.
   */
  static List<Condition> conditions(List<?> raw) {
    List<Condition> out = new ArrayList<>();
    for (Object c : raw) {
      Map<?, ?> m = SERIALIZATION.convertValue(c, Map.class);
      out.add(
          new Condition(
              str(m.get("type")),
              str(m.get("status")),
              str(m.get("reason")),
              str(m.get("message")),
              PodStates.time(str(m.get("lastTransitionTime")))));
    }
    return out;
  }

  private static String str(Object o) {
    return o == null ? null : o.toString();
  }

  private static int nz(Integer i) {
    return i == null ? 0 : i;
  }
}
