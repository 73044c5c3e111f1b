package dev.rootcause.rules.network;

import dev.rootcause.model.SystemModel;
import dev.rootcause.model.k8s.Container;
import dev.rootcause.model.k8s.ContainerPort;
import dev.rootcause.model.k8s.LabelSelector;
import dev.rootcause.model.k8s.NetworkPolicy;
import dev.rootcause.model.k8s.ObjectMeta;
import dev.rootcause.model.k8s.PortRef;
import dev.rootcause.model.k8s.ServicePort;
import dev.rootcause.model.k8s.Workload;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How NetworkPolicies judge one connection, read the way Kubernetes enforces them: a pod selected
 * by any policy of a direction is isolated in it, and then only traffic some rule admits passes
 * (rules add up). Whatever the manifests cannot tell (pod IPs against an ipBlock, labels of a
 * namespace not declared here) counts as admitted, so a "blocked" verdict is certain.
 */
final class Policies {
  private Policies() {}

  /** The other end of a connection. */
  enum Kind {
    /** A workload of the manifests: namespace and pod labels known. */
    WORKLOAD,
    /** A pod we cannot see, in a namespace we do not know: an ingress controller. */
    UNSEEN_POD,
    /** A client outside the cluster, through a LoadBalancer. */
    OUTSIDE
  }

  /** One end: a workload, or a kind of client the manifests imply. */
  record End(Kind kind, Workload workload) {
    static End of(Workload w) {
      return new End(Kind.WORKLOAD, w);
    }
  }

  /** The destination port on a pod: its number and, when the container names it, its name. */
  record PodPort(int number, String name) {
    @Override
    public String toString() {
      return name == null ? String.valueOf(number) : number + " ('" + name + "')";
    }
  }

  static List<NetworkPolicy> isolatingIngress(SystemModel model, Workload w) {
    return model.policiesSelecting(w).stream().filter(NetworkPolicy::restrictsIngress).toList();
  }

  static List<NetworkPolicy> isolatingEgress(SystemModel model, Workload w) {
    return model.policiesSelecting(w).stream().filter(NetworkPolicy::restrictsEgress).toList();
  }

  /** The pod port a Service port reaches on {@code w}, or empty when it cannot be resolved. */
  static Optional<PodPort> podPort(ServicePort port, Workload w) {
    PortRef target = port.targetPort();
    for (Container c : w.containers()) {
      for (ContainerPort p : c.ports()) {
        if (target.isNamed() ? target.name().equals(p.name()) : target.number() == p.number()) {
          return Optional.of(new PodPort(p.number(), p.name()));
        }
      }
    }
    return target.isNamed() ? Optional.empty() : Optional.of(new PodPort(target.number(), null));
  }

  /**
   * Whether the rule may admit traffic with {@code other} (its peer) to {@code port} of {@code
   * dest}.
   */
  static boolean mayAdmit(
      SystemModel model,
      NetworkPolicy policy,
      NetworkPolicy.Rule rule,
      End other,
      PodPort port,
      Workload dest) {
    return portMayMatch(rule, port, dest) && peersMayMatch(model, policy, rule, other);
  }

  static boolean peersMayMatch(
      SystemModel model, NetworkPolicy policy, NetworkPolicy.Rule rule, End other) {
    return rule.peers().isEmpty()
        || rule.peers().stream().anyMatch(p -> peerMayMatch(model, policy, p, other));
  }

  static boolean peerMayMatch(
      SystemModel model, NetworkPolicy policy, NetworkPolicy.Peer peer, End other) {
    if (peer.ipBlock() != null || peer.podSelector() == null && peer.namespaceSelector() == null) {
      return true; // pod and node IPs are unknown here
    }
    switch (other.kind()) {
      case OUTSIDE:
        return false; // only an ipBlock admits clients from outside the cluster
      case UNSEEN_POD:
        // Its namespace is unknown, so any namespaceSelector may admit it; a same-namespace
        // podSelector admits it only if it selects pods the manifests do not declare.
        return peer.namespaceSelector() != null
            || selectsNoDeclaredPod(model, policy.meta(), peer.podSelector());
      default:
        Workload w = other.workload();
        boolean namespaceOk =
            peer.namespaceSelector() == null
                ? policy.meta().sameNamespace(w.meta())
                : namespaceMayMatch(model, peer.namespaceSelector(), w.meta().namespace());
        return namespaceOk
            && (peer.podSelector() == null || peer.podSelector().matches(w.podLabels()));
    }
  }

  /** Whether a namespace selector may select {@code namespace}, as far as its labels are known. */
  static boolean namespaceMayMatch(SystemModel model, LabelSelector selector, String namespace) {
    if (selector.isEmpty() || namespace == null) {
      return true;
    }
    Map<String, String> labels = new HashMap<>();
    labels.put("kubernetes.io/metadata.name", namespace);
    Optional<ObjectMeta> declared =
        model.objectsOfKind("Namespace").stream()
            .filter(o -> o.name().equals(namespace))
            .findFirst();
    if (declared.isPresent()) {
      labels.putAll(declared.get().labels());
      return selector.matches(labels);
    }
    boolean onlyName =
        selector.matchLabels().keySet().stream().allMatch("kubernetes.io/metadata.name"::equals)
            && selector.expressions().stream()
                .allMatch(r -> r.key().equals("kubernetes.io/metadata.name"));
    return !onlyName
        || selector.matches(labels); // other labels of an undeclared namespace: unknown
  }

  static boolean portMayMatch(NetworkPolicy.Rule rule, PodPort port, Workload dest) {
    if (rule.ports().isEmpty()) {
      return true;
    }
    for (PortRef ref : rule.ports()) {
      if (!ref.isNamed() && ref.number() == port.number()
          || ref.isNamed() && ref.name().equals(port.name())) {
        return true;
      }
      if (ref.isNamed()
          && dest != null
          && namedPort(dest, ref.name()) == null
          && dest.containers().stream().allMatch(c -> c.ports().isEmpty())) {
        return true; // the pods declare no ports: a named port cannot be resolved here
      }
    }
    return false;
  }

  private static ContainerPort namedPort(Workload w, String name) {
    return w.containers().stream()
        .flatMap(c -> c.ports().stream())
        .filter(p -> name.equals(p.name()))
        .findFirst()
        .orElse(null);
  }

  /** Whether a same-namespace pod selector matches no workload the manifests declare there. */
  static boolean selectsNoDeclaredPod(
      SystemModel model, ObjectMeta policy, LabelSelector selector) {
    return model.workloadsMatching(selector, policy.namespace()).isEmpty();
  }

  /** {@code app=gateway,tier=web}, or {@code (no labels)}. */
  static String labels(Map<String, String> labels) {
    return labels.isEmpty()
        ? "(no labels)"
        : new java.util.TreeMap<>(labels)
            .entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(java.util.stream.Collectors.joining(","));
  }

  /** A pod selector as kubectl prints it, or {@code {} (all pods)} when empty. */
  static String selector(LabelSelector s) {
    return s.isEmpty() ? "{} (all pods)" : s.toString();
  }

  /** The policy's name as kubectl shows it, with its namespace when the manifest sets one. */
  static String name(NetworkPolicy p) {
    return "NetworkPolicy "
        + (p.meta().namespace() == null ? "" : p.meta().namespace() + "/")
        + p.meta().name();
  }
}
