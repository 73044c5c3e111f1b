package dev.rootcause.collect.cluster;

import dev.rootcause.model.cluster.ContainerLog;
import dev.rootcause.model.cluster.LogLine;
import dev.rootcause.model.cluster.PodState;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads cluster state saved by kubectl: the output of {@code kubectl get pods -o yaml} or {@code
 * -o json} (a file, or such files in a folder), or a {@code kubectl cluster-info dump
 * --output-directory} folder ({@code <ns>/pods.json}, logs in {@code <ns>/<pod>/logs.txt}).
 */
public final class DumpClusterReader implements ClusterReader {
  private static final Pattern START = Pattern.compile(
      "^==== START logs for container (\\S+) of pod ([^/\\s]+)/(\\S+) ====$");
  private static final Pattern END = Pattern.compile("^==== END logs for container .* ====$");

  private final Path root;
  private final Instant asOf;
  private final String asOfSource;
  private final KubernetesSerialization serialization = new KubernetesSerialization();

  private DumpClusterReader(Path root, Instant asOf, String asOfSource) {
    this.root = root;
    this.asOf = asOf;
    this.asOfSource = asOfSource;
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
      candidates = s.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().equals("pods.json")).toList();
    }
    if (candidates.isEmpty()) {
      try (Stream<Path> s = Files.list(dir)) {
        candidates = s.filter(Files::isRegularFile).filter(DumpClusterReader::podsFileName).toList();
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
    for (Path file : podFiles(namespace)) {
      for (Pod pod : read(file)) {
        String ns = pod.getMetadata().getNamespace();
        if (namespace == null || ns == null || ns.equals(namespace)) {
          if (ns == null) {
            pod.getMetadata().setNamespace(namespace);
          }
          out.add(PodStates.of(pod, context()));
        }
      }
    }
    return out;
  }

  private List<Path> podFiles(String namespace) throws ClusterReadException {
    if (!Files.isDirectory(root)) {
      return List.of(root);
    }
    Path clusterInfo = root.resolve(namespace).resolve("pods.json");
    if (Files.isRegularFile(clusterInfo)) {
      return List.of(clusterInfo);
    }
    try (Stream<Path> s = Files.list(root)) {
      List<Path> files = s.filter(Files::isRegularFile).filter(DumpClusterReader::podsFileName)
          .sorted().toList();
      if (files.isEmpty()) {
        throw new ClusterReadException(root + ": no " + namespace + "/pods.json (kubectl"
            + " cluster-info dump) and no .yaml or .json files of pods", true);
      }
      return files;
    } catch (IOException e) {
      throw new ClusterReadException(root + ": cannot list: " + e.getMessage(), true);
    }
  }

  private List<Pod> read(Path file) throws ClusterReadException {
    Object parsed;
    try (InputStream in = Files.newInputStream(file)) {
      parsed = serialization.unmarshal(in);
    } catch (IOException | RuntimeException e) {
      throw new ClusterReadException(file + ": not kubectl JSON or YAML output: "
          + firstLine(e.getMessage()), true);
    }
    List<Pod> pods = new ArrayList<>();
    if (parsed instanceof Pod p) {
      pods.add(p);
    } else if (parsed instanceof PodList l) {
      pods.addAll(l.getItems());
    } else if (parsed instanceof KubernetesList l) {
      for (HasMetadata item : l.getItems()) {
        if (item instanceof Pod p) {
          pods.add(p);
        }
      }
    } else if (parsed instanceof List<?> l) {
      for (Object o : l) {
        if (o instanceof Pod p) {
          pods.add(p);
        }
      }
    }
    return pods;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
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
          out.addAll(parseLogs(Files.readString(logs, StandardCharsets.UTF_8), namespace,
              podDir.getFileName().toString(), root.relativize(logs).toString()));
        }
      }
    } catch (IOException e) {
      throw new ClusterReadException(nsDir + ": cannot read logs: " + e.getMessage(), true);
    }
    return out;
  }

  /** Splits a cluster-info dump logs.txt at its START/END markers, one log per container. */
  static List<ContainerLog> parseLogs(String text, String namespace, String pod, String source) {
    List<ContainerLog> out = new ArrayList<>();
    String container = null;
    List<LogLine> lines = new ArrayList<>();
    for (String line : text.split("\r?\n")) {
      Matcher start = START.matcher(line);
      if (start.matches()) {
        container = start.group(1);
        lines = new ArrayList<>();
        continue;
      }
      if (END.matcher(line).matches()) {
        if (container != null) {
          out.add(new ContainerLog(namespace, pod, container, lines, source));
        }
        container = null;
        continue;
      }
      if (container != null && !line.isEmpty()) {
        lines.add(PodStates.line(line));
      }
    }
    if (container != null) {
      out.add(new ContainerLog(namespace, pod, container, lines, source));
    }
    return out;
  }

  @Override
  public void close() {}
}
