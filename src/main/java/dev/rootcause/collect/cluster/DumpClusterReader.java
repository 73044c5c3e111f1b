package dev.rootcause.collect.cluster;

import dev.rootcause.model.cluster.ClusterEvent;
import dev.rootcause.model.cluster.ClusterObjects;
import dev.rootcause.model.cluster.ContainerLog;
import dev.rootcause.model.cluster.ContainerState;
import dev.rootcause.model.cluster.DumpDamage;
import dev.rootcause.model.cluster.PodState;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads cluster state saved by kubectl: the output of {@code kubectl get pods -o yaml} or {@code -o
 * json} (a file, or such files in a folder), or a {@code kubectl cluster-info dump
 * --output-directory} folder ({@code <ns>/pods.json}, logs in {@code <ns>/<pod>/logs.txt}).
 */
public final class DumpClusterReader implements ClusterReader, DumpWriter.Recorded {
  private final Path root;

  /**
   * Events expire an hour after they were last seen (the API server's default {@code --event-ttl}),
   * so a dump holding events was taken within about that of its newest one. A file time much later
   * than that is a copy's or a checkout's, not the dump's.
   */
  private static final Duration EVENT_TTL_SLACK = Duration.ofHours(2);

  private Instant asOf;
  private String asOfSource;
  private final boolean asOfFromFile;
  private final KubernetesSerialization serialization = new KubernetesSerialization();
  private final Map<String, DumpDamage> damaged = new LinkedHashMap<>();
  private List<Pod> podsRead;
  private final Map<Path, List<HasMetadata>> filesRead = new java.util.HashMap<>();
  private List<HasMetadata> objectsRead = List.of();
  private String podsReadFor;

  private DumpClusterReader(Path root, Instant asOf, String asOfSource) {
    this.root = root;
    this.asOf = asOf;
    this.asOfSource = asOfSource;
    this.asOfFromFile = asOfSource.startsWith("file time");
  }

  /**
   * Opens a dump.
   *
   * @param asOf when the dump was taken; null to use the modification time of its pods file
   */
  public static DumpClusterReader open(Path path, Instant asOf) throws ClusterReadException {
    if (!Files.exists(path)) {
      throw new ClusterReadException(path + ": no such file or folder", true);
    }
    if (asOf != null) {
      return new DumpClusterReader(path, asOf, "given");
    }
    try {
      Path stamp = Files.isDirectory(path) ? newestPodsFile(path) : path;
      Instant t = stamp == null ? Instant.now() : Files.getLastModifiedTime(stamp).toInstant();
      return new DumpClusterReader(path, t, stamp == null ? "now" : "file time of " + stamp);
    } catch (IOException e) {
      throw new ClusterReadException(path + ": cannot read: " + e.getMessage(), true);
    }
  }

  private static Path newestPodsFile(Path dir) throws IOException {
    // cluster-info dump: <ns>/pods.json; otherwise a folder of kubectl output files.
    List<Path> candidates;
    try (Stream<Path> s = Files.walk(dir, 2)) {
      candidates =
          s.filter(Files::isRegularFile)
              .filter(p -> p.getFileName().toString().equals("pods.json"))
              .toList();
    }
    if (candidates.isEmpty()) {
      try (Stream<Path> s = Files.list(dir)) {
        candidates =
            s.filter(Files::isRegularFile).filter(DumpClusterReader::podsFileName).toList();
      }
    }
    Path newest = null;
    for (Path p : candidates) {
      if (newest == null
          || Files.getLastModifiedTime(p).compareTo(Files.getLastModifiedTime(newest)) > 0) {
        newest = p;
      }
    }
    return newest;
  }

  private static boolean podsFileName(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".json") || n.endsWith(".yaml") || n.endsWith(".yml");
  }

  @Override
  public String describe() {
    return "dump " + root + " (as of " + asOf + ", " + asOfSource + ")";
  }

  @Override
  public String context() {
    return "dump " + root.getFileName();
  }

  @Override
  public boolean live() {
    return false;
  }

  @Override
  public Instant now() {
    return asOf;
  }

  @Override
  public List<PodState> pods(String namespace) throws ClusterReadException {
    List<PodState> out = new ArrayList<>();
    for (Pod pod : podObjects(namespace)) {
      out.add(PodStates.of(pod, context()));
    }
    return out;
  }

  private List<Pod> podObjects(String namespace) throws ClusterReadException {
    // pods() and objects() both need them: parsed once, not twice (tens of MB in a large dump).
    if (podsRead != null && java.util.Objects.equals(podsReadFor, namespace)) {
      return podsRead;
    }
    List<Pod> out = new ArrayList<>();
    ClusterReadException unreadable = null;
    for (Path file : podFiles(namespace)) {
      List<HasMetadata> objects;
      try {
        objects = read(file);
      } catch (ClusterReadException e) {
        unreadable = unreadable == null ? e : unreadable;
        continue; // reported as damage; the other files are read
      }
      for (Pod pod : only(Pod.class, objects)) {
        String ns = pod.getMetadata().getNamespace();
        if (namespace == null || ns == null || ns.equals(namespace)) {
          if (ns == null) {
            pod.getMetadata().setNamespace(namespace);
          }
          out.add(pod);
        }
      }
    }
    if (out.isEmpty() && unreadable != null) {
      throw unreadable; // nothing to diagnose: the dump is not kubectl output
    }
    podsRead = out;
    podsReadFor = namespace;
    return out;
  }

  private List<Path> podFiles(String namespace) throws ClusterReadException {
    if (!Files.isDirectory(root)) {
      return List.of(root);
    }
    List<Path> clusterInfo = clusterInfoFiles(namespace, "pods.json");
    if (!clusterInfo.isEmpty()) {
      return clusterInfo;
    }
    try (Stream<Path> s = Files.list(root)) {
      List<Path> files =
          s.filter(Files::isRegularFile).filter(DumpClusterReader::podsFileName).sorted().toList();
      if (files.isEmpty()) {
        throw new ClusterReadException(
            root
                + ": no "
                + (namespace == null ? "*" : namespace)
                + "/pods.json (kubectl"
                + " cluster-info dump) and no .yaml or .json files of pods",
            true);
      }
      return files;
    } catch (IOException e) {
      throw new ClusterReadException(root + ": cannot list: " + e.getMessage(), true);
    }
  }

  /**
   * The files of a {@code cluster-info dump --output-directory} named {@code name} in the
   * namespace's folder, or in every namespace's folder when {@code namespace} is null.
   */
  private List<Path> clusterInfoFiles(String namespace, String name) throws ClusterReadException {
    if (namespace != null) {
      Path file = root.resolve(namespace).resolve(name);
      return Files.isRegularFile(file) ? List.of(file) : List.of();
    }
    try (Stream<Path> s = Files.list(root)) {
      return s.filter(Files::isDirectory)
          .map(d -> d.resolve(name))
          .filter(Files::isRegularFile)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new ClusterReadException(root + ": cannot list: " + e.getMessage(), true);
    }
  }

  /**
   * Every object of a kubectl output file: a List, a typed list, multi-document YAML, one object,
   * or a {@code cluster-info dump} printed to one file. A file damaged part-way gives the objects
   * before the damage, and the damage is reported; one that gives nothing is not kubectl output.
   */
  private List<HasMetadata> read(Path file) throws ClusterReadException {
    // Each kind is asked of every file of a folder of kubectl output: parse a file once, not
    // once per kind (a 10,000-pod List eight times).
    List<HasMetadata> known = filesRead.get(file);
    if (known != null) {
      return known;
    }
    List<HasMetadata> objects = parse(file);
    filesRead.put(file, objects);
    return objects;
  }

  private List<HasMetadata> parse(Path file) throws ClusterReadException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      throw new ClusterReadException(
          file + ": cannot read: " + KubectlOutput.firstLine(e.getMessage()), true);
    }
    KubectlOutput.Parsed parsed = new KubectlOutput(serialization).parse(text);
    if (parsed.damage() != null) {
      String at = file + (parsed.line() > 0 ? ":" + parsed.line() : "");
      damaged.putIfAbsent(
          file.toString(),
          new DumpDamage(
              file.toString(),
              parsed.line(),
              (parsed.objects().isEmpty() ? "not read: " : "read in part: ") + parsed.damage()));
      if (parsed.objects().isEmpty()) {
        throw new ClusterReadException(
            at + ": not kubectl JSON or YAML output: " + parsed.damage(), true);
      }
    }
    return parsed.objects();
  }

  private static <T> List<T> only(Class<T> kind, List<HasMetadata> objects) {
    return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  @Override
  public ClusterObjects objects(String namespace) throws ClusterReadException {
    ClusterObjectsBuilder b = new ClusterObjectsBuilder();
    b.pods(podObjects(namespace));
    b.events(objectsOf(Event.class, namespace, "events.json"));
    b.events(
        EventsV1.asCore(
            objectsOf(
                io.fabric8.kubernetes.api.model.events.v1.Event.class, namespace, "events.json")));
    b.services(objectsOf(Service.class, namespace, "services.json"));
    List<Endpoints> endpoints = objectsOf(Endpoints.class, namespace, "endpoints.json");
    if (!endpoints.isEmpty()) {
      b.endpoints(endpoints);
    }
    b.replicaSets(objectsOf(ReplicaSet.class, namespace, "replicasets.json"));
    boolean clusterInfo =
        Files.isDirectory(root) && !clusterInfoFiles(namespace, "pods.json").isEmpty();
    // In a folder of kubectl output every file is read once for them all.
    for (String name : clusterInfo ? OBJECT_FILES : OBJECT_FILES.subList(0, 1)) {
      List<HasMetadata> read = objectsOf(HasMetadata.class, namespace, name);
      b.statusObjects(read.stream().filter(ObjectStates::statusKind).toList());
      b.specObjects(read.stream().filter(ClusterObjectsBuilder::specKind).toList());
    }
    b.statusObjects(nodes());
    b.endpointSlices(objectsOf(EndpointSlice.class, namespace, "endpointslices.json"));
    damaged.values().forEach(b::damaged);
    objectsRead = b.raw();
    ClusterObjects objects = b.build();
    anchorToEvents(objects);
    return objects;
  }

  /**
   * A dump's file time moves when it is copied or checked out; its events do not. When the file
   * time is later than the newest event could have lived, the newest time the dump holds (its
   * events', its containers' starts and exits) is the better guess of when it was taken, a lower
   * bound, and the description says so.
   */
  private void anchorToEvents(ClusterObjects objects) {
    if (!asOfFromFile) {
      return;
    }
    Instant newest = null;
    for (ClusterEvent e : objects.events()) {
      Instant seen = e.lastSeen() != null ? e.lastSeen() : e.firstSeen();
      if (seen != null && (newest == null || seen.isAfter(newest))) {
        newest = seen;
      }
    }
    if (newest != null && asOf.isAfter(newest.plus(EVENT_TTL_SLACK))) {
      // A container that started or stopped after the last event was seen narrows it further.
      for (Pod pod : podsRead == null ? List.<Pod>of() : podsRead) {
        for (ContainerState c : PodStates.of(pod, context()).containers()) {
          for (Instant t : new Instant[] {c.startedAt(), c.lastFinishedAt()}) {
            if (t != null && t.isAfter(newest) && t.isBefore(asOf)) {
              newest = t;
            }
          }
        }
      }
      asOfSource =
          "the newest time it holds; the file time "
              + asOf.truncatedTo(ChronoUnit.SECONDS)
              + " is later than any event it holds could have lived";
      asOf = newest;
    }
  }

  @Override
  public List<HasMetadata> objectsRead() {
    return objectsRead;
  }

  /**
   * The files of a cluster-info dump's namespace folder that hold controllers and the objects
   * beside them; kubectl writes the first two, {@code --save-dump} the others too, and teams add
   * the last three ({@code kubectl get cm -o json > ns/configmaps.json}).
   */
  private static final List<String> OBJECT_FILES =
      List.of(
          "deployments.json",
          "daemonsets.json",
          "statefulsets.json",
          "persistentvolumeclaims.json",
          "horizontalpodautoscalers.json",
          "resourcequotas.json",
          "networkpolicies.json",
          "configmaps.json",
          "ingresses.json",
          "poddisruptionbudgets.json");

  /** Nodes: {@code nodes.json} at the top of a cluster-info dump, else in any kubectl output. */
  private List<Node> nodes() {
    Path file = Files.isDirectory(root) ? root.resolve("nodes.json") : null;
    if (file == null || !Files.isRegularFile(file)) {
      return List.of(); // a folder of kubectl output holds them among its objects, read above
    }
    try {
      return only(Node.class, read(file));
    } catch (ClusterReadException e) {
      return List.of(); // reported as the file's damage
    }
  }

  /**
   * The objects of one kind in the namespace: from its file of a cluster-info dump, else from every
   * kubectl output file of the dump. A file that cannot be parsed is a note; the rest is read.
   */
  private <T extends HasMetadata> List<T> objectsOf(
      Class<T> kind, String namespace, String clusterInfoName) throws ClusterReadException {
    List<Path> files;
    if (!Files.isDirectory(root)) {
      files = List.of(root);
    } else if (!clusterInfoFiles(namespace, "pods.json").isEmpty()) {
      files = clusterInfoFiles(namespace, clusterInfoName);
    } else {
      files = podFiles(namespace);
    }
    List<T> out = new ArrayList<>();
    for (Path file : files) {
      try {
        for (T o : only(kind, read(file))) {
          if (o instanceof Node
              || ClusterObjectsBuilder.sameNamespace(namespace, o.getMetadata().getNamespace())) {
            out.add(o);
          }
        }
      } catch (ClusterReadException e) {
        // Reported as the file's damage, with the line; the other files are read.
      }
    }
    return out;
  }

  @Override
  public List<ContainerLog> lastLogs(String namespace, PodFilter wanted)
      throws ClusterReadException {
    List<ContainerLog> out = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      // kubectl cluster-info dump printed to one file: its logs follow the objects.
      try {
        for (ContainerLog log : LogTail.read(root, null, null, root.getFileName().toString())) {
          if ((namespace == null || namespace.equals(log.namespace()))
              && wanted.wants(log.namespace(), log.pod())) {
            out.add(log);
          }
        }
      } catch (IOException e) {
        throw new ClusterReadException(root + ": cannot read logs: " + e.getMessage(), true);
      }
      return out;
    }
    List<Path> dirs;
    if (namespace != null) {
      dirs = List.of(root.resolve(namespace));
    } else {
      try (Stream<Path> s = Files.list(root)) {
        dirs = s.filter(Files::isDirectory).sorted().toList();
      } catch (IOException e) {
        throw new ClusterReadException(root + ": cannot list: " + e.getMessage(), true);
      }
    }
    for (Path nsDir : dirs) {
      if (!Files.isDirectory(nsDir)) {
        continue;
      }
      String ns = nsDir.getFileName().toString();
      try (Stream<Path> s = Files.list(nsDir)) {
        for (Path podDir : s.filter(Files::isDirectory).sorted().toList()) {
          Path logs = podDir.resolve("logs.txt");
          if (Files.isRegularFile(logs) && wanted.wants(ns, podDir.getFileName().toString())) {
            out.addAll(
                LogTail.read(
                    logs, ns, podDir.getFileName().toString(), root.relativize(logs).toString()));
          }
        }
      } catch (IOException e) {
        throw new ClusterReadException(nsDir + ": cannot read logs: " + e.getMessage(), true);
      }
    }
    return out;
  }

  @Override
  public List<ContainerLog> logs(String namespace, Instant since) throws ClusterReadException {
    List<ContainerLog> out = new ArrayList<>();
    Path nsDir = root.resolve(namespace);
    if (!Files.isDirectory(root) || !Files.isDirectory(nsDir)) {
      return out;
    }
    try (Stream<Path> s = Files.list(nsDir)) {
      for (Path podDir : s.filter(Files::isDirectory).sorted().toList()) {
        Path logs = podDir.resolve("logs.txt");
        if (Files.isRegularFile(logs)) {
          out.addAll(
              parseLogs(
                  Files.readString(logs, StandardCharsets.UTF_8),
                  namespace,
                  podDir.getFileName().toString(),
                  root.relativize(logs).toString()));
        }
      }
    } catch (IOException e) {
      throw new ClusterReadException(nsDir + ": cannot read logs: " + e.getMessage(), true);
    }
    return out;
  }

  /** Splits a cluster-info dump logs.txt at its START/END markers, one log per container. */
  static List<ContainerLog> parseLogs(String text, String namespace, String pod, String source) {
    return LogTail.parse(text, namespace, pod, source);
  }

  @Override
  public void close() {}
}
