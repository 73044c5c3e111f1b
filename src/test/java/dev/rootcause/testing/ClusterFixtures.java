package dev.rootcause.testing;

import dev.rootcause.collect.cluster.ClusterReadException;
import dev.rootcause.collect.cluster.DumpClusterReader;
import dev.rootcause.collect.yaml.YamlDocument;
import dev.rootcause.collect.yaml.YamlNode;
import dev.rootcause.collect.yaml.YamlReader;
import dev.rootcause.model.ClusterLocation;
import dev.rootcause.model.SourceLocation;
import dev.rootcause.model.SystemModel;
import dev.rootcause.model.cluster.ClusterState;
import dev.rootcause.pipeline.BuiltInRules;
import dev.rootcause.pipeline.ClusterObserver;
import dev.rootcause.pipeline.Diagnoser;
import dev.rootcause.rules.Rule;
import dev.rootcause.rules.RuleEngine;
import dev.rootcause.rules.RuleSettings;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Rule fixtures that hold cluster state: {@code kubectl get pods -o yaml} saved as {@code *.yaml}
 * in the case folder, container logs as {@code <namespace>/<pod>/logs.txt} (the layout of {@code
 * kubectl cluster-info dump}), and {@code cluster.properties} saying what {@code verify} was asked:
 * {@code namespace}, {@code asOf} (when the dump was taken), {@code stableFor} (an ISO-8601
 * duration such as {@code PT2M}) and optionally {@code logsSince}. The state is read through the
 * dump reader and observed as {@code verify} observes it; without {@code stableFor} it is a case of
 * {@code diagnose}, read once as diagnose reads it (events, Services, Endpoints, ReplicaSets and
 * Deployments beside the pods, in the same folder). Findings at an object's field are placed on the
 * line of that field in the file holding the object, so {@code expect:} markers work as for any
 * file.
 */
public final class ClusterFixtures {
  static final String SETTINGS = "cluster.properties";

  private ClusterFixtures() {}

  public static boolean holdsClusterState(Path kase) {
    return Files.isRegularFile(kase.resolve(SETTINGS));
  }

  /** Runs one rule on the case's cluster state. */
  public static RuleEngine.Outcome run(Path kase, String ruleId) {
    Properties settings = new Properties();
    try (Reader in = Files.newBufferedReader(kase.resolve(SETTINGS))) {
      settings.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Rule> rules =
        BuiltInRules.all().stream().filter(r -> r.info().id().equals(ruleId)).toList();
    String logsSince = settings.getProperty("logsSince");
    try (DumpClusterReader reader =
        DumpClusterReader.open(kase, Instant.parse(settings.getProperty("asOf")))) {
      ClusterState state;
      if (settings.getProperty("stableFor") == null) {
        // A case of diagnose: read once, as diagnose reads it.
        state = Diagnoser.read(reader, settings.getProperty("namespace"));
      } else {
        var observer =
            new ClusterObserver(
                Duration.parse(settings.getProperty("stableFor")), Duration.ofSeconds(1));
        state =
            observer.observe(
                reader,
                settings.getProperty("namespace"),
                logsSince == null ? null : Instant.parse(logsSince));
      }
      return new RuleEngine(rules, RuleSettings.DEFAULTS)
          .run(SystemModel.builder().cluster(state).build());
    } catch (ClusterReadException | InterruptedException e) {
      throw new AssertionError(
          "cannot read the cluster state of " + kase + ": " + e.getMessage(), e);
    }
  }

  /**
   * The line of the pods file that a pod's field path names: {@code .status} is the status key,
   * {@code .status.containerStatuses{app}} the {@code name: app} line of that container's entry,
   * and the pod itself its {@code name:} under metadata.
   */
  public static SourceLocation locate(Path kase, ClusterLocation where) {
    for (Path file : podFiles(kase)) {
      String rel = kase.relativize(file).toString().replace('\\', '/');
      for (YamlDocument doc : YamlReader.read(rel, read(file)).documents()) {
        if (!(doc.root() instanceof YamlNode.Mapping root)) {
          continue;
        }
        List<YamlNode.Mapping> objects = root.has("items") ? root.maps("items") : List.of(root);
        for (YamlNode.Mapping object : objects) {
          String kind = object.string("kind");
          if (where.name().equals(object.path("metadata").map(m -> m.string("name")).orElse(null))
              && (kind == null || kind.equals(where.kind()))) {
            return field(object, where.fieldPath())
                .orElseThrow(
                    () ->
                        new AssertionError(
                            rel
                                + ": no "
                                + where.fieldPath()
                                + " in "
                                + where.kind()
                                + " "
                                + where.name()));
          }
        }
      }
    }
    throw new AssertionError(
        "no " + where.kind() + " " + where.name() + " in the files of " + kase);
  }

  private static Optional<SourceLocation> field(YamlNode.Mapping pod, String fieldPath) {
    if (fieldPath == null || fieldPath.isEmpty()) {
      return pod.map("metadata").map(m -> m.locationOf("name"));
    }
    YamlNode.Mapping node = pod;
    String[] steps = fieldPath.substring(1).split("\\.");
    for (int i = 0; i < steps.length; i++) {
      String step = steps[i];
      boolean last = i == steps.length - 1;
      int brace = step.indexOf('{');
      if (brace < 0) {
        if (last) {
          return node.has(step) ? Optional.of(node.locationOf(step)) : Optional.empty();
        }
        node = node.map(step).orElse(null);
      } else {
        String name = step.substring(brace + 1, step.length() - 1);
        node =
            node.maps(step.substring(0, brace)).stream()
                .filter(m -> name.equals(m.string("name")))
                .findFirst()
                .orElse(null);
        if (node != null && last) {
          return Optional.of(node.locationOf("name"));
        }
      }
      if (node == null) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static List<Path> podFiles(Path kase) {
    try (Stream<Path> files = Files.list(kase)) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
