package dev.rootcause.pipeline;

import dev.rootcause.model.ClusterLocation;
import dev.rootcause.model.cluster.AutoscalerState;
import dev.rootcause.model.cluster.ClusterEvent;
import dev.rootcause.model.cluster.ClusterObjects;
import dev.rootcause.model.cluster.ClusterState;
import dev.rootcause.model.cluster.ContainerLog;
import dev.rootcause.model.cluster.LogLine;
import dev.rootcause.model.cluster.PodGroup;
import dev.rootcause.model.cluster.PodSnapshot;
import dev.rootcause.model.cluster.PodState;
import dev.rootcause.model.cluster.ServiceRef;
import dev.rootcause.model.cluster.ServiceState;
import dev.rootcause.model.cluster.WorkloadStatus;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Narrows what was read to what {@code -l} or one {@code KIND/NAME} names, and what it depends on
 * or what depends on it: a Deployment's pods, ReplicaSets and autoscaler, the Services that select
 * those pods, and the Services their logs call; a Service's pods and their workloads; a pod's
 * workload and Services. Nodes, quotas, claims and policies stay: they are the context a pod runs
 * in.
 */
final class ClusterSelection {
  private static final Map<String, String> KINDS =
      Map.ofEntries(
          Map.entry("deploy", "Deployment"),
          Map.entry("deployment", "Deployment"),
          Map.entry("deployments", "Deployment"),
          Map.entry("sts", "StatefulSet"),
          Map.entry("statefulset", "StatefulSet"),
          Map.entry("statefulsets", "StatefulSet"),
          Map.entry("ds", "DaemonSet"),
          Map.entry("daemonset", "DaemonSet"),
          Map.entry("daemonsets", "DaemonSet"),
          Map.entry("job", "Job"),
          Map.entry("jobs", "Job"),
          Map.entry("svc", "Service"),
          Map.entry("service", "Service"),
          Map.entry("services", "Service"),
          Map.entry("po", "Pod"),
          Map.entry("pod", "Pod"),
          Map.entry("pods", "Pod"),
          Map.entry("hpa", "HorizontalPodAutoscaler"),
          Map.entry("horizontalpodautoscaler", "HorizontalPodAutoscaler"));

  private ClusterSelection() {}

  /** The kinds {@code KIND/NAME} takes, for {@code --help} and errors. */
  static String kinds() {
    return "deploy, sts, ds, job, svc, pod, hpa";
  }

  /**
   * What the selector and the object leave of the state; the state itself when both are null.
   *
   * @throws InputException the selector is malformed, the kind unknown, or no such object was read
   */
  static ClusterState select(ClusterState state, String selector, String target)
      throws InputException {
    if (selector == null && target == null) {
      return state;
    }
    LabelSelector labels = selector == null ? null : LabelSelector.parse(selector);
    Set<String> pods = new HashSet<>();
    Set<String> owners = new HashSet<>();
    Set<String> services = new HashSet<>();
    for (PodGroup g : state.podGroups()) {
      for (PodState p : g.pods()) {
        if (labels == null || labels.matches(p.labels())) {
          pods.add(key(p.namespace(), p.name()));
          owners.add(key(g.owner()));
        }
      }
    }
    if (labels != null) {
      for (WorkloadStatus w : state.objects().workloads()) {
        if (w.ownerKind() == null && !w.selector().isEmpty() && labels.matches(w.selector())) {
          owners.add(w.kind() + "/" + key(w.namespace(), w.name()));
        }
      }
    }
    if (target != null) {
      narrow(state, target, pods, owners, services);
    }
    // What depends on the pods: the Services that select them; and what the pods call.
    List<PodState> kept =
        state.pods().stream().filter(p -> pods.contains(key(p.namespace(), p.name()))).toList();
    for (ServiceState s : state.objects().services()) {
      if (kept.stream().anyMatch(s::selects)) {
        services.add(key(s.namespace(), s.name()));
      }
    }
    for (ContainerLog log : state.logs()) {
      if (pods.contains(key(log.namespace(), log.pod()))) {
        for (LogLine line : log.lines()) {
          ServiceRef ref =
              line.cause() == null ? null : ServiceRef.of(line.cause().subject(), log.namespace());
          if (ref != null) {
            services.add(key(ref.namespace(), ref.name()));
          }
        }
      }
    }
    // A Service called is judged by the pods behind it: they come along, one hop only.
    for (ServiceState s : state.objects().services()) {
      if (services.contains(key(s.namespace(), s.name()))) {
        for (PodGroup g : state.podGroups()) {
          for (PodState p : g.pods()) {
            if (s.selects(p) && pods.add(key(p.namespace(), p.name()))) {
              owners.add(key(g.owner()));
            }
          }
        }
      }
    }
    return narrowed(state, pods, owners, services);
  }

  private static void narrow(
      ClusterState state, String target, Set<String> pods, Set<String> owners, Set<String> services)
      throws InputException {
    int slash = target.indexOf('/');
    String kind = slash < 0 ? null : KINDS.get(target.substring(0, slash).toLowerCase(Locale.ROOT));
    String name = slash < 0 ? "" : target.substring(slash + 1);
    if (kind == null || name.isEmpty()) {
      throw new InputException(
          target + ": give one object as KIND/NAME (" + kinds() + "), e.g. deploy/api-service");
    }
    Set<String> onlyPods = new HashSet<>();
    Set<String> onlyOwners = new HashSet<>();
    switch (kind) {
      case "Service" -> {
        ServiceState s =
            state.objects().services().stream()
                .filter(x -> x.name().equals(name))
                .findFirst()
                .orElse(null);
        if (s == null) {
          throw missing(
              target,
              "Service",
              state.objects().services().stream().map(ServiceState::name).toList());
        }
        services.add(key(s.namespace(), s.name()));
        for (PodGroup g : state.podGroups()) {
          g.pods().stream()
              .filter(s::selects)
              .forEach(
                  p -> {
                    onlyPods.add(key(p.namespace(), p.name()));
                    onlyOwners.add(key(g.owner()));
                  });
        }
      }
      case "Pod" -> {
        PodGroup group =
            state.podGroups().stream()
                .filter(g -> g.pods().stream().anyMatch(p -> p.name().equals(name)))
                .findFirst()
                .orElseThrow(
                    () ->
                        missing(target, "Pod", state.pods().stream().map(PodState::name).toList()));
        group.pods().stream()
            .filter(p -> p.name().equals(name))
            .forEach(p -> onlyPods.add(key(p.namespace(), p.name())));
        onlyOwners.add(key(group.owner()));
      }
      case "HorizontalPodAutoscaler" -> {
        AutoscalerState hpa =
            state.objects().autoscalers().stream()
                .filter(h -> h.name().equals(name))
                .findFirst()
                .orElseThrow(
                    () ->
                        missing(
                            target,
                            kind,
                            state.objects().autoscalers().stream()
                                .map(AutoscalerState::name)
                                .toList()));
        ownerPods(state, hpa.targetKind(), hpa.targetName(), onlyPods, onlyOwners);
      }
      default -> {
        ownerPods(state, kind, name, onlyPods, onlyOwners);
        boolean read =
            !onlyOwners.isEmpty()
                || state.objects().workloads().stream()
                    .anyMatch(w -> w.kind().equals(kind) && w.name().equals(name));
        if (!read) {
          TreeSet<String> names = new TreeSet<>();
          state.podGroups().stream()
              .filter(g -> g.owner().kind().equals(kind))
              .forEach(g -> names.add(g.owner().name()));
          state.objects().workloads().stream()
              .filter(w -> w.kind().equals(kind))
              .forEach(w -> names.add(w.name()));
          throw missing(target, kind, List.copyOf(names));
        }
        state.objects().workloads().stream()
            .filter(w -> w.kind().equals(kind) && w.name().equals(name))
            .forEach(w -> onlyOwners.add(kind + "/" + key(w.namespace(), w.name())));
      }
    }
    pods.retainAll(onlyPods);
    owners.retainAll(onlyOwners);
    if (owners.isEmpty()) {
      owners.addAll(onlyOwners);
    }
  }

  private static void ownerPods(
      ClusterState state, String kind, String name, Set<String> pods, Set<String> owners) {
    for (PodGroup g : state.podGroups()) {
      if (g.owner().kind().equals(kind) && g.owner().name().equals(name)) {
        owners.add(key(g.owner()));
        g.pods().forEach(p -> pods.add(key(p.namespace(), p.name())));
      }
    }
  }

  private static InputException missing(String target, String kind, List<String> there) {
    List<String> shown = there.stream().distinct().sorted().limit(8).toList();
    return new InputException(
        target
            + ": no "
            + kind
            + " of that name was read"
            + (shown.isEmpty()
                ? ""
                : " (read: " + String.join(", ", shown) + (there.size() > 8 ? ", ..." : "") + ")"));
  }

  private static ClusterState narrowed(
      ClusterState state, Set<String> pods, Set<String> owners, Set<String> services) {
    ClusterObjects o = state.objects();
    Set<String> workloads = new HashSet<>();
    for (WorkloadStatus w : o.workloads()) {
      String self = w.kind() + "/" + key(w.namespace(), w.name());
      String owner = w.ownerKind() + "/" + key(w.namespace(), w.ownerName());
      if (owners.contains(self) || owners.contains(owner)) {
        workloads.add(self);
      }
    }
    List<AutoscalerState> hpas =
        o.autoscalers().stream()
            .filter(h -> owners.contains(h.targetKind() + "/" + key(h.namespace(), h.targetName())))
            .toList();
    Set<String> objects = new HashSet<>(workloads);
    pods.forEach(p -> objects.add("Pod/" + p));
    services.forEach(s -> objects.add("Service/" + s));
    hpas.forEach(h -> objects.add("HorizontalPodAutoscaler/" + key(h.namespace(), h.name())));
    List<ClusterEvent> events =
        o.events().stream()
            .filter(e -> objects.contains(e.kind() + "/" + key(e.namespace(), e.name())))
            .toList();
    ClusterObjects kept =
        new ClusterObjects(
            o.pods().stream().filter(d -> pods.contains(key(d.namespace(), d.pod()))).toList(),
            events,
            o.services().stream()
                .filter(s -> services.contains(key(s.namespace(), s.name())))
                .toList(),
            o.notes(),
            o.workloads().stream()
                .filter(w -> workloads.contains(w.kind() + "/" + key(w.namespace(), w.name())))
                .toList(),
            o.nodes(),
            o.claims(),
            hpas,
            o.quotas(),
            o.policies(),
            o.damaged());
    List<PodSnapshot> looks =
        state.looks().stream()
            .map(
                l ->
                    new PodSnapshot(
                        l.at(),
                        l.pods().stream()
                            .filter(p -> pods.contains(key(p.namespace(), p.name())))
                            .toList()))
            .toList();
    return new ClusterState(
        state.context(),
        state.source(),
        state.namespace(),
        state.window(),
        state.watched(),
        looks,
        state.logsSince(),
        state.logs().stream().filter(l -> pods.contains(key(l.namespace(), l.pod()))).toList(),
        kept);
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  private static String key(ClusterLocation owner) {
    return owner.kind() + "/" + key(owner.namespace(), owner.name());
  }
}
