package dev.rootcause.pipeline;

import dev.rootcause.model.ClusterLocation;
import dev.rootcause.model.Evidence;
import dev.rootcause.model.Finding;
import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.cluster.ClusterState;
import dev.rootcause.model.cluster.PodGroup;
import dev.rootcause.model.cluster.ServiceState;
import dev.rootcause.model.cluster.WorkloadStatus;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Marks the findings of a diagnosis that another finding of the same result explains as
 * consequences: a Service whose selected pods are not Ready is down because of what is wrong with
 * their workload, and that finding is the one to fix. Decided once the whole result is known, as no
 * rule sees the others' findings.
 */
final class Consequences {
  static final String NO_ENDPOINTS = "runtime/service-without-endpoints";
  static final String ROLLOUT_STUCK = "runtime/rollout-stuck";

  /** Says a pod is not Ready, not why: it explains no other symptom of that. */
  static final String NOT_READY = "runtime/pod-not-ready";

  static final String NOT_CREATED = "runtime/pods-not-created";
  static final String FOLLOWS = "follows from ";

  private Consequences() {}

  /**
   * {@code ordered} with each consequence re-kinded and carrying, first among its evidence, the
   * finding it follows from; the order is kept. A symptom nothing explains stays a root cause.
   */
  static List<Finding> mark(ClusterState state, List<Finding> ordered) {
    Map<String, List<Finding>> causeOf = new LinkedHashMap<>();
    for (Finding f : ordered) {
      ClusterLocation at = FirstScreen.clusterObject(f);
      if (at != null && cause(f)) {
        causeOf.computeIfAbsent(key(at), k -> new ArrayList<>()).add(f);
      }
    }
    List<Finding> out = new ArrayList<>(ordered.size());
    for (Finding f : ordered) {
      List<Finding> causes = causes(f, state, causeOf);
      out.add(causes.isEmpty() ? f : consequence(f, causes));
    }
    return out;
  }

  /**
   * A root cause at medium or above on a workload, that is not itself one of the symptoms this step
   * relates: a low note does not explain an outage.
   */
  private static boolean cause(Finding f) {
    return f.rootCause()
        && f.severity().atLeast(Severity.MEDIUM)
        && !NO_ENDPOINTS.equals(f.ruleId())
        && !ROLLOUT_STUCK.equals(f.ruleId())
        && !NOT_READY.equals(f.ruleId());
  }

  /** The findings {@code f} follows from, one per workload involved; empty when it is a cause. */
  private static List<Finding> causes(
      Finding f, ClusterState state, Map<String, List<Finding>> causeOf) {
    if (!f.rootCause() || !(f.primary() instanceof ClusterLocation at)) {
      return List.of();
    }
    if (NO_ENDPOINTS.equals(f.ruleId()) && "Service".equals(at.kind())) {
      return serviceCauses(at, state, causeOf);
    }
    if (ROLLOUT_STUCK.equals(f.ruleId())) {
      // The rollout waits on pods that do not start: what keeps them from it is the cause.
      Finding cause = explaining(causeOf.get(key(at)), notReady(at, state));
      return cause == null ? List.of() : List.of(cause);
    }
    return List.of();
  }

  /**
   * The causes on every workload whose pods the Service selects, when each has one; a Service
   * selecting no pod is its own cause (a selector typo), and one whose pods are not Ready for a
   * reason nothing found is all that is known.
   */
  private static List<Finding> serviceCauses(
      ClusterLocation at, ClusterState state, Map<String, List<Finding>> causeOf) {
    ServiceState service =
        state.objects().services().stream()
            .filter(s -> s.name().equals(at.name()) && s.namespace().equals(at.namespace()))
            .findFirst()
            .orElse(null);
    if (service == null) {
      return List.of();
    }
    List<Finding> causes = new ArrayList<>();
    if (state.selectedBy(service).isEmpty()) {
      return notCreated(service, state, causeOf);
    }
    for (PodGroup g : state.podGroups()) {
      if (!Objects.equals(g.owner().namespace(), service.namespace())
          || g.pods().stream().noneMatch(service::selects)) {
        continue;
      }
      Set<String> down = new HashSet<>();
      g.pods().stream()
          .filter(p -> service.selects(p) && !p.runningAndReady())
          .forEach(p -> down.add(p.name()));
      Finding cause = explaining(causeOf.get(key(g.owner())), down);
      if (cause == null) {
        return List.of();
      }
      if (!causes.contains(cause)) {
        causes.add(cause);
      }
    }
    return causes;
  }

  /**
   * For a Service that selects no pod, the finding that the workload whose selector covers the
   * Service's creates none (a quota, an admission policy): its pods would carry the labels, so the
   * selector is right. Without such a finding the selector is the suspect, and the Service a cause.
   */
  private static List<Finding> notCreated(
      ServiceState service, ClusterState state, Map<String, List<Finding>> causeOf) {
    List<Finding> causes = new ArrayList<>();
    for (WorkloadStatus w : state.objects().workloads()) {
      if (!service.namespace().equals(w.namespace())
          || w.selector().isEmpty()
          || !w.selector().entrySet().containsAll(service.selector().entrySet())) {
        continue;
      }
      List<Finding> found = new ArrayList<>();
      found.addAll(causeOf.getOrDefault(key(w.kind(), w.namespace(), w.name()), List.of()));
      if (w.ownerKind() != null) {
        found.addAll(
            causeOf.getOrDefault(key(w.ownerKind(), w.namespace(), w.ownerName()), List.of()));
      }
      found.stream()
          .filter(f -> NOT_CREATED.equals(f.ruleId()) && !causes.contains(f))
          .findFirst()
          .ifPresent(causes::add);
    }
    return causes;
  }

  /**
   * The first of a workload's findings whose evidence names one of the pods {@code down}: their
   * crash loop, or the probe port that the kubelet's failures on them were joined to. A finding
   * about the workload that names no such pod (a chaos flag on a sidecar, a retry storm of Ready
   * pods) does not say why they are not Ready.
   */
  private static Finding explaining(List<Finding> findings, Set<String> down) {
    if (findings == null || down.isEmpty()) {
      return null;
    }
    for (Finding f : findings) {
      for (Evidence e : f.related()) {
        if (e.location() instanceof ClusterLocation p
            && "Pod".equals(p.kind())
            && down.contains(p.name())) {
          return f;
        }
      }
    }
    return null;
  }

  /** The names of the pods of the workload at {@code at} that are not Ready. */
  private static Set<String> notReady(ClusterLocation at, ClusterState state) {
    String key = key(at);
    Set<String> out = new HashSet<>();
    state.podGroups().stream()
        .filter(g -> key(g.owner()).equals(key))
        .flatMap(g -> g.pods().stream())
        .filter(p -> !p.runningAndReady())
        .forEach(p -> out.add(p.name()));
    return out;
  }

  private static Finding consequence(Finding f, List<Finding> causes) {
    List<Evidence> related = new ArrayList<>();
    for (Finding c : causes) {
      ClusterLocation on = FirstScreen.clusterObject(c);
      related.add(
          new Evidence(
              c.primary(), FOLLOWS + c.ruleId() + " on " + on.kind() + " " + namespaced(on)));
    }
    related.addAll(f.related());
    return new Finding(
        f.ruleId(),
        f.severity(),
        f.subject(),
        f.symptom(),
        f.message(),
        f.primary(),
        related,
        f.fix(),
        f.confidence(),
        FindingKind.CONSEQUENCE,
        f.frame());
  }

  private static String namespaced(ClusterLocation at) {
    return at.namespace() == null ? at.name() : at.namespace() + "/" + at.name();
  }

  private static String key(ClusterLocation at) {
    return key(at.kind(), at.namespace(), at.name());
  }

  private static String key(String kind, String namespace, String name) {
    return kind + "/" + namespace + "/" + name;
  }
}
