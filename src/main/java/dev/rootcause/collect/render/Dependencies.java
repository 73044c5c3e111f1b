package dev.rootcause.collect.render;

import dev.rootcause.collect.yaml.YamlNode.Mapping;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * A chart's dependencies as Helm needs them: Helm refuses to render a chart whose Chart.yaml lists
 * a dependency missing from charts/. Nothing is fetched: a {@code file://} dependency is copied
 * from where it lies, a remote one is dropped (and noted by the caller), both in a temporary copy
 * of the chart, so the scanned tree is never written to.
 */
final class Dependencies {
  private Dependencies() {}

  /**
   * A temporary copy of the chart ready to render, or null when the chart renders as it is; {@code
   * remote} receives "name (repository)" for each dependency left out.
   */
  static Path prepare(
      Path chartDir, Mapping chartYaml, List<String> remote, Map<String, Path> local)
      throws IOException {
    if (chartYaml == null) {
      return null;
    }
    List<String> dropped = new ArrayList<>();
    for (Mapping dep : chartYaml.maps("dependencies")) {
      String name = dep.string("name");
      String repository = dep.string("repository");
      if (name == null || vendored(chartDir.resolve("charts"), name)) {
        continue;
      }
      Path source =
          repository != null && repository.startsWith("file://")
              ? chartDir.resolve(repository.substring("file://".length())).normalize()
              : null;
      if (source != null && Files.isRegularFile(source.resolve("Chart.yaml"))) {
        local.put(name, source);
      } else {
        dropped.add(name);
        remote.add(name + " (" + (repository == null ? "no repository" : repository) + ")");
      }
    }
    if (dropped.isEmpty() && local.isEmpty()) {
      return null;
    }
    Path copy = Files.createTempDirectory("rootcause-chart-");
    copyTree(chartDir, copy);
    for (Map.Entry<String, Path> dep : local.entrySet()) {
      copyTree(dep.getValue(), copy.resolve("charts").resolve(dep.getKey()));
    }
    Files.deleteIfExists(copy.resolve("Chart.lock"));
    if (!dropped.isEmpty()) {
      rewriteWithout(copy.resolve("Chart.yaml"), dropped);
    }
    return copy;
  }

  private static boolean vendored(Path charts, String name) throws IOException {
    if (Files.isDirectory(charts.resolve(name))) {
      return true;
    }
    if (!Files.isDirectory(charts)) {
      return false;
    }
    try (DirectoryStream<Path> tgz = Files.newDirectoryStream(charts, name + "-*.tgz")) {
      return tgz.iterator().hasNext();
    }
  }

  @SuppressWarnings("unchecked")
  private static void rewriteWithout(Path chartYaml, List<String> dropped) throws IOException {
    Object loaded =
        new Load(LoadSettings.builder().build())
            .loadFromString(Files.readString(chartYaml, StandardCharsets.UTF_8));
    if (!(loaded instanceof Map<?, ?> chart)) {
      return;
    }
    Map<String, Object> map = (Map<String, Object>) chart;
    if (map.get("dependencies") instanceof List<?> deps) {
      map.put(
          "dependencies",
          deps.stream()
              .filter(
                  d ->
                      !(d instanceof Map<?, ?> m
                          && dropped.contains(String.valueOf(m.get("name")))))
              .toList());
    }
    Files.writeString(
        chartYaml,
        new Dump(DumpSettings.builder().build()).dumpToString(map),
        StandardCharsets.UTF_8);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else if (Files.isRegularFile(p)) {
          Files.createDirectories(target.getParent());
          Files.copy(p, target);
        }
      }
    }
  }

  /** Removes a copy made by {@link #prepare}; null is nothing to do. */
  static void delete(Path copy) {
    if (copy == null) {
      return;
    }
    try (Stream<Path> walk = Files.walk(copy)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary folder left behind costs disk space, not a wrong answer
    }
  }
}
