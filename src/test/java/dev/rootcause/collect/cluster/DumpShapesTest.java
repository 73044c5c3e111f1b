package dev.rootcause.collect.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.model.Finding;
import dev.rootcause.model.ScanResult;
import dev.rootcause.pipeline.Diagnoser;
import dev.rootcause.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shapes a dump comes in beside the folders: {@code kubectl cluster-info dump} printed to one
 * file, and a file cut short, which is read up to the damage while the rest of the dump is read.
 */
public class DumpShapesTest {
  static final Path FIXED = Path.of("src/test/resources/diagnose/seed-002-fixed");
  static final Instant FIXED_AT = Instant.parse("2025-02-11T17:30:00Z");

  /**
   * What {@code kubectl cluster-info dump} prints without {@code --output-directory}: the nodes,
   * each namespace's lists in kubectl's order, then every container's log between its markers.
   */
  static String printedToOneFile(Path folder) throws Exception {
    StringBuilder out =
        new StringBuilder(Files.readString(folder.resolve("nodes.json")).strip()).append('\n');
    Path ns = folder.resolve("production");
    for (String kind :
        List.of(
            "events",
            "replicationcontrollers",
            "services",
            "daemonsets",
            "deployments",
            "replicasets",
            "pods")) {
      out.append(Files.readString(ns.resolve(kind + ".json")).strip()).append('\n');
    }
    try (Stream<Path> pods = Files.list(ns)) {
      for (Path pod : pods.filter(Files::isDirectory).sorted().toList()) {
        out.append(Files.readString(pod.resolve("logs.txt")));
      }
    }
    return out.toString();
  }

  @Test
  void clusterInfoDumpPrintedToOneFileGivesTheFindingsOfTheFolder(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("cluster-info.txt");
    Files.writeString(file, printedToOneFile(FIXED));

    ScanResult folder = diagnose(FIXED);
    ScanResult one = diagnose(file);

    assertThat(one.findings()).isNotEmpty();
    assertThat(one.findings().stream().map(DumpShapesTest::text).toList())
        .isEqualTo(folder.findings().stream().map(DumpShapesTest::text).toList());
    assertThat(one.problems()).isEmpty();
  }

  @Test
  void aPodsFileCutShortIsReadUpToTheCutAndTheRestOfTheDumpToo(@TempDir Path dir) throws Exception {
    Path copy = dir.resolve("state");
    copyTree(FIXED, copy);
    Path pods = copy.resolve("production/pods.json");
    String text = Files.readString(pods);
    Files.writeString(pods, text.substring(0, text.length() * 3 / 5));

    Cli.Run run =
        Cli.run(
            "diagnose",
            "--dump",
            copy.toString(),
            "--as-of",
            FIXED_AT.toString(),
            "--color",
            "never");

    // One line names the file and the line where it stops; the pods before it are diagnosed (the
    // Services of the pods cut off now select none: findings, not bad input).
    assertThat(run.exit()).as(run.err()).isEqualTo(1);
    List<String> warnings = run.out().lines().filter(l -> l.contains("pods.json")).toList();
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0).strip())
        .matches(
            ".*production/pods.json:\\d+ +read in part: Unexpected end-of-input.*; read the \\d+"
                + " objects before it");
    assertThat(run.out()).contains("Diagnosis: 0 of ");
  }

  @Test
  void aTruncatedYamlFileOfOtherObjectsIsNamedWithItsLine(@TempDir Path dir) throws Exception {
    Path copy = dir.resolve("state");
    copyTree(Path.of("src/test/resources/diagnose/seed-002-broken"), copy);
    Path events = copy.resolve("events.yaml");
    String text = Files.readString(events);
    Files.writeString(
        events, text.substring(0, text.indexOf("  reason: Killing")) + "  reason: [\n");

    Cli.Run run =
        Cli.run(
            "diagnose",
            "--dump",
            copy.toString(),
            "--as-of",
            "2025-02-11T16:52:00Z",
            "--color",
            "never");

    assertThat(run.exit()).as(run.err()).isEqualTo(1);
    assertThat(run.out().lines().filter(l -> l.contains("events.yaml")))
        .singleElement()
        .asString()
        .matches(" *.*events.yaml:\\d+ +not read: expected the node content.*");
    // Without the events, the status still tells the crash loop and the Service.
    assertThat(run.out())
        .contains("runtime/crash-loop-back-off", "runtime/service-without-endpoints");
  }

  private static ScanResult diagnose(Path dump) throws Exception {
    try (DumpClusterReader reader = DumpClusterReader.open(dump, FIXED_AT)) {
      return new Diagnoser()
          .diagnose(Diagnoser.read(reader, "production"), java.time.Duration.ZERO);
    }
  }

  private static String text(Finding f) {
    return f.ruleId() + " " + f.subject() + " " + f.message() + " " + f.related().size();
  }

  public static void copyTree(Path from, Path to) throws Exception {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
