package dev.rootcause.model.cluster;

import dev.rootcause.model.ClusterLocation;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The live state of one namespace as the {@code runtime/*} rules see it: the pods at each look (one
 * look for a dump, several over the stability window for a watched cluster) and the containers'
 * logs since an instant.
 *
 * @param context the kubeconfig context, or {@code dump <file>}: the context of its locations
 * @param source where it was read, safe to print ({@code context kind-prod (https://...)})
 * @param window how long the pods had to run without a restart
 * @param watched whether the pods were looked at over the window (a live cluster) or once (a dump,
 *     judged by the times in its statuses)
 * @param looks the pods at each look, in time order; at least one
 * @param logsSince logs count from this instant
 * @param logs every container's log, in the order read
 * @param objects the specs, owners, events and Services read beside the pods ({@code diagnose});
 *     {@link ClusterObjects#NONE} when only pods and logs were read ({@code verify})
 */
// A class rather than a record only to hold the lookup index, built once on first use: each rule
// asks for the owner, events and log of every pod, and scanning the lists each time is quadratic
// in a cluster of thousands of pods.
public final class ClusterState implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String context;
  private final String source;
  private final String namespace;
  private final Duration window;
  private final boolean watched;
  private final List<PodSnapshot> looks;
  private final Instant logsSince;
  private final List<ContainerLog> logs;
  private final ClusterObjects objects;
  private transient volatile Index index;

  public ClusterState(
      String context,
      String source,
      String namespace,
      Duration window,
      boolean watched,
      List<PodSnapshot> looks,
      Instant logsSince,
      List<ContainerLog> logs,
      ClusterObjects objects) {
    this.context = context;
    this.source = source;
    this.namespace = namespace;
    this.window = window;
    this.watched = watched;
    this.looks = List.copyOf(looks);
    this.logsSince = logsSince;
    this.logs = List.copyOf(logs);
    this.objects = objects == null ? ClusterObjects.NONE : objects;
    if (looks.isEmpty()) {
      throw new IllegalArgumentException("a cluster state needs at least one look");
    }
  }

  public String context() {
    return context;
  }

  public String source() {
    return source;
  }

  public String namespace() {
    return namespace;
  }

  public Duration window() {
    return window;
  }

  public boolean watched() {
    return watched;
  }

  public List<PodSnapshot> looks() {
    return looks;
  }

  public Instant logsSince() {
    return logsSince;
  }

  public List<ContainerLog> logs() {
    return logs;
  }

  public ClusterObjects objects() {
    return objects;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClusterState c
        && watched == c.watched
        && looks.equals(c.looks)
        && logs.equals(c.logs)
        && objects.equals(c.objects)
        && Objects.equals(context, c.context)
        && Objects.equals(source, c.source)
        && Objects.equals(namespace, c.namespace)
        && Objects.equals(window, c.window)
        && Objects.equals(logsSince, c.logsSince);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        context, source, namespace, window, watched, looks, logsSince, logs, objects);
  }

  @Override
  public String toString() {
    return "ClusterState[" + source + ", " + pods().size() + " pods, " + logs.size() + " logs]";
  }

  /** The pods' details, events and logs by pod, and the serving pods and their groups. */
  private record Index(
      Map<String, PodDetail> details,
      Map<String, List<ClusterEvent>> events,
      Map<String, List<ContainerLog>> logs,
      List<PodState> serving,
      List<PodGroup> groups,
      Map<String, List<PodState>> servingByNamespace) {}

  private static String key(String namespace, String pod) {
    return namespace + "/" + pod;
  }

  private Index index() {
    Index i = index;
    if (i == null) {
      synchronized (this) {
        i = index;
        if (i == null) {
          i = buildIndex();
          index = i;
        }
      }
    }
    return i;
  }

  private Index buildIndex() {
    Map<String, PodDetail> details = new HashMap<>();
    for (PodDetail d : objects.pods()) {
      details.putIfAbsent(key(d.namespace(), d.pod()), d);
    }
    Map<String, List<ClusterEvent>> events = new HashMap<>();
    for (ClusterEvent e : objects.events()) {
      if ("Pod".equals(e.kind())) {
        events.computeIfAbsent(key(e.namespace(), e.name()), k -> new ArrayList<>()).add(e);
      }
    }
    Map<String, List<ContainerLog>> byPod = new HashMap<>();
    for (ContainerLog l : logs) {
      byPod.computeIfAbsent(l.pod() + "/" + l.container(), k -> new ArrayList<>()).add(l);
    }
    List<PodState> serving = pods().stream().filter(p -> !p.succeeded()).toList();
    Map<String, List<PodState>> groups = new LinkedHashMap<>();
    Map<String, ClusterLocation> owners = new HashMap<>();
    for (PodState p : serving) {
      PodDetail d = details.get(key(p.namespace(), p.name()));
      ClusterLocation owner = fixTarget(p, d, null);
      String k = owner.kind() + "/" + owner.namespace() + "/" + owner.name();
      groups.computeIfAbsent(k, x -> new ArrayList<>()).add(p);
      owners.putIfAbsent(k, owner);
    }
    List<PodGroup> grouped = new ArrayList<>();
    groups.forEach((k, pods) -> grouped.add(new PodGroup(owners.get(k), pods)));
    Map<String, List<PodState>> byNamespace = new HashMap<>();
    serving.forEach(p -> byNamespace.computeIfAbsent(p.namespace(), n -> new ArrayList<>()).add(p));
    return new Index(details, events, byPod, serving, List.copyOf(grouped), byNamespace);
  }

  /** A state of pods and logs alone, as {@code verify} reads it. */
  public ClusterState(
      String context,
      String source,
      String namespace,
      Duration window,
      boolean watched,
      List<PodSnapshot> looks,
      Instant logsSince,
      List<ContainerLog> logs) {
    this(context, source, namespace, window, watched, looks, logsSince, logs, ClusterObjects.NONE);
  }

  /** When the state was last read: the last look, or the dump's time. */
  public Instant now() {
    return looks.get(looks.size() - 1).at();
  }

  /** Where the stability window starts: the first look when watched, else the window before now. */
  public Instant windowStart() {
    return watched ? looks.get(0).at() : now().minus(window);
  }

  /** The pods at the last look. */
  public List<PodState> pods() {
    return looks.get(looks.size() - 1).pods();
  }

  /** The pods at the last look that serve, i.e. not pods of finished Jobs. */
  public List<PodState> servingPods() {
    return index().serving();
  }

  /** Every pod seen at any look, in the order first seen, each in the state last seen. */
  public List<PodState> podsSeen() {
    Map<String, PodState> latest = new LinkedHashMap<>();
    for (PodSnapshot look : looks) {
      look.pods().forEach(p -> latest.put(p.name(), p));
    }
    return List.copyOf(latest.values());
  }

  /** The states of one pod at each look where it was present, in time order. */
  public List<PodState> history(String pod) {
    List<PodState> out = new ArrayList<>();
    for (PodSnapshot look : looks) {
      look.pods().stream().filter(p -> p.name().equals(pod)).findFirst().ifPresent(out::add);
    }
    return out;
  }

  /** Whether the pod is there at the last look. */
  public boolean present(String pod) {
    return pods().stream().anyMatch(p -> p.name().equals(pod));
  }

  /** Whether the pod appeared after the first look: a replacement or a scale-up. */
  public boolean appearedWhileWatched(String pod) {
    return looks.get(0).pods().stream().noneMatch(p -> p.name().equals(pod));
  }

  /**
   * Restart counts of the pod's containers seen growing between looks. A container's first look is
   * its baseline: restarts from before the watch began are not counted.
   */
  public List<RestartSeen> restartsSeen(String pod) {
    List<RestartSeen> out = new ArrayList<>();
    Map<String, Integer> highest = new HashMap<>();
    for (PodState look : history(pod)) {
      for (ContainerState c : look.containers()) {
        Integer before = highest.get(c.name());
        if (before != null && c.restartCount() > before) {
          out.add(new RestartSeen(pod, c.name(), before, c.restartCount(), c.lastReason()));
        }
        highest.merge(c.name(), c.restartCount(), Math::max);
      }
    }
    return out;
  }

  /** How many restarts were seen while watched, over every pod. */
  public int restartsSeen() {
    return podsSeen().stream()
        .flatMap(p -> restartsSeen(p.name()).stream())
        .mapToInt(r -> r.after() - r.before())
        .sum();
  }

  /** The restart count of every container at the last look, summed. */
  public int restartCount() {
    return pods().stream().mapToInt(PodState::restarts).sum();
  }

  /** The latest restart any container's status tells of at the last look, or null. */
  public Instant lastRestartAt() {
    Instant last = null;
    for (PodState p : pods()) {
      for (ContainerState c : p.containers()) {
        Instant when = c.restartCount() == 0 ? null : c.lastRestartAt();
        if (when != null && (last == null || when.isAfter(last))) {
          last = when;
        }
      }
    }
    return last;
  }

  /** Log lines read that carry no timestamp, so cannot be placed in time. */
  public long undatedLogLines() {
    return logs.stream()
        .flatMap(l -> l.lines().stream())
        .filter(l -> l.timestamp() == null)
        .count();
  }

  /** Where a container's log belongs, for findings about what it says. */
  public ClusterLocation logLocation(ContainerLog log) {
    return new ClusterLocation(
        context, log.namespace(), "Pod", log.pod(), ".spec.containers{" + log.container() + "}");
  }

  /** The spec and owner of a pod, or null when they were not read. */
  public PodDetail detail(PodState pod) {
    return index().details().get(key(pod.namespace(), pod.name()));
  }

  /**
   * The object a person fixes for a symptom of this pod: its Deployment (through the ReplicaSet),
   * StatefulSet, DaemonSet or Job when known, else the pod itself; at {@code fieldPath}, written
   * from the pod template ({@code .spec.template.spec.containers{api}}) for an owner.
   *
   * @param podFieldPath the field under the pod spec ({@code .spec.containers{api}}), or null
   */
  public ClusterLocation fixTarget(PodState pod, String podFieldPath) {
    return fixTarget(pod, detail(pod), podFieldPath);
  }

  private ClusterLocation fixTarget(PodState pod, PodDetail d, String podFieldPath) {
    if (d == null || d.ownerKind() == null) {
      return pod.at(podFieldPath);
    }
    String field = podFieldPath == null ? null : ".spec.template" + podFieldPath;
    return new ClusterLocation(context, pod.namespace(), d.ownerKind(), d.ownerName(), field);
  }

  /**
   * The serving pods at the last look grouped by the object a person fixes, in the order first
   * seen: two replicas of one Deployment with the same symptom make one finding, not two.
   */
  public List<PodGroup> podGroups() {
    return index().groups();
  }

  /** The aggregated events about this pod, in the order read. */
  public List<ClusterEvent> events(PodState pod) {
    return index().events().getOrDefault(key(pod.namespace(), pod.name()), List.of());
  }

  /** The log read for one container of one pod, or null when none was read. */
  public ContainerLog log(PodState pod, String container) {
    return index().logs().getOrDefault(pod.name() + "/" + container, List.of()).stream()
        .filter(l -> l.namespace() == null || l.namespace().equals(pod.namespace()))
        .findFirst()
        .orElse(null);
  }

  /** Whether the events say the kubelet killed this container because its liveness probe failed. */
  public boolean killedByLiveness(PodState pod, String container) {
    return events(pod).stream().anyMatch(e -> e.livenessKill() && e.aboutContainer(container));
  }

  /** The serving pods at the last look that a Service selects. */
  public List<PodState> selectedBy(ServiceState service) {
    return index().servingByNamespace().getOrDefault(service.namespace(), List.of()).stream()
        .filter(service::selects)
        .toList();
  }
}
