package dev.rootcause.collect;

import static java.util.Collections.nCopies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rootcause.testing.Cli;
import dev.rootcause.testing.KubectlPods;
import dev.rootcause.testing.Manifests;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files a repository should not contain but sometimes does. Each is skipped (or noted) with one
 * line naming the file, and the line when there is one; the rest of the repository is still scanned
 * (the finding in {@code k8s/api.yaml} is still reported); nothing hangs, runs out of memory
 * (surefire runs with -Xmx1g) or prints a stack trace.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS) // a guard against hangs, not a speed requirement
class HostileInputTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @BeforeEach
  void aRealFindingBesideTheHostileFile() {
    Manifests.write(dir, "k8s/api.yaml", Manifests.HIGH);
  }

  @Test
  void malformedYamlNamesLineAndColumn() {
    Manifests.write(
        dir,
        "k8s/bad.yaml",
        """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
         data:
          LOG_LEVEL: info
        """);

    Scan scan = scan();

    scan.assertSkipped("k8s/bad.yaml:5:2: skipped: malformed YAML: ");
  }

  @Test
  void billionLaughsIsCutShort() {
    Manifests.write(dir, "k8s/lol.yaml", billionLaughs());

    Scan scan = scan();

    scan.assertSkipped("k8s/lol.yaml:", "expands to more than 250000 nodes through aliases");
  }

  @Test
  void anAliasBombUsedAsAKeyIsCutShortToo() {
    Manifests.write(dir, "k8s/lolkey.yaml", billionLaughs() + "j:\n  ? *i\n  : boom\n");

    Scan scan = scan();

    scan.assertSkipped("k8s/lolkey.yaml:");
  }

  @Test
  void manyMergeKeysInACiFileAreNotAnAliasBomb() {
    StringBuilder yaml = new StringBuilder(".defaults: &defaults\n  image: node:22\n  retry: 2\n");
    for (int i = 0; i < 150; i++) {
      yaml.append("job-").append(i).append(":\n  <<: *defaults\n  script: [npm test]\n");
    }
    Manifests.write(dir, ".gitlab-ci.yml", yaml.toString());

    Scan scan = scan();

    assertThat(scan.problems()).isEmpty();
    scan.assertStillScanned();
  }

  @Test
  void recursiveAliasesAreRefused() {
    Manifests.write(dir, "k8s/loop.yaml", "a: &a\n  b: *a\n");

    Scan scan = scan();

    scan.assertSkipped("k8s/loop.yaml:1:4: skipped: YAML anchor &a contains an alias to itself");
  }

  @Test
  void deeplyNestedFlowSequencesAreRefusedWithAPosition() {
    int depth = 100_000;
    Manifests.write(dir, "k8s/deep.yaml", "[".repeat(depth) + "]".repeat(depth) + "\n");

    Scan scan = scan();

    scan.assertSkipped("k8s/deep.yaml:1:1001: skipped: YAML nested more than 1000 levels deep");
  }

  @Test
  void a200MegabyteFileIsNotRead() throws IOException {
    try (RandomAccessFile huge =
        new RandomAccessFile(dir.resolve("k8s/huge.yaml").toFile(), "rw")) {
      huge.setLength(200L * 1024 * 1024); // sparse: costs no disk and no time
    }

    Scan scan = scan();

    scan.assertSkipped(
        "k8s/huge.yaml: skipped: file is 200 MiB, above the 8 MiB limit"
            + " (raise it with --max-file-size)");
  }

  @Test
  void a300MegabyteFileUnderARaisedLimitIsSkippedAndTheRestReported() throws IOException {
    Path huge = dir.resolve("k8s/cluster-dump.yaml");
    Files.writeString(huge, "apiVersion: v1\nkind: List\nitems:\n");
    try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
      file.setLength(300L * 1024 * 1024); // sparse: costs no disk and no time
    }

    Scan scan = scan("--max-file-size", "1GiB");

    scan.assertSkipped(
        "k8s/cluster-dump.yaml: skipped: too large to hold in memory: the file is" + " 300 MiB",
        "ROOTCAUSE_JAVA_OPTS=-Xmx");
  }

  @Test
  void aKubectlListOf3800PodsIsReadNotTakenForAnAliasBomb() {
    String pods = KubectlPods.yaml(3800);
    assertThat(pods.length()).as("as big as the real one").isGreaterThan(6_500_000);
    Manifests.write(dir, "cluster/pods.yaml", pods);

    Scan scan = scan();

    assertThat(scan.err()).doesNotContain("alias");
    assertThat(scan.report().at("/summary/filesSkipped").asInt()).isZero();
    assertThat(scan.report().at("/coverage/read/manifests").asInt()).isEqualTo(2);
    scan.assertStillScanned();
  }

  @Test
  void theSamePodsAsKubectlJsonAreReadToo() {
    Manifests.write(dir, "cluster/pods.json", KubectlPods.json(3800));

    Scan scan = scan("--max-file-size", "16MiB");

    assertThat(scan.err()).doesNotContain("alias");
    assertThat(scan.report().at("/coverage/read/manifests").asInt()).isEqualTo(2);
    scan.assertStillScanned();
  }

  @Test
  void aFolderWhoseListingFailsPartWayIsSkippedNotAnInternalError() {
    assumeTrue(Files.isDirectory(Path.of("/proc/self")), "no /proc here");

    Cli.Run run = Cli.run("scan", "/proc", "--no-cache", "--format", "json");

    assertThat(run.err()).doesNotContain("internal error").doesNotContain("\tat ");
    assertThat(run.exit()).as("nothing in /proc is a manifest").isEqualTo(2);
    assertThat(run.err()).contains("rootcause: nothing checked: read no Kubernetes manifest");
  }

  @Test
  void binaryFilesWithTextNamesAreSkipped() throws IOException {
    byte[] binary = {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0};
    Files.write(dir.resolve("k8s/logo.yaml"), binary);

    Scan scan = scan();

    scan.assertSkipped("k8s/logo.yaml: skipped: binary file (contains NUL bytes), not text");
  }

  @Test
  void binarySourceFilesAreSkippedLikeAnyOther() throws IOException {
    byte[] binary = {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0};
    Files.write(dir.resolve("app.py"), binary);

    Scan scan = scan();

    scan.assertSkipped("app.py: skipped: binary file (contains NUL bytes), not text");
  }

  @Test
  void aSymlinkLoopIsNotFollowedAndSaidOnce() throws IOException {
    Files.createSymbolicLink(dir.resolve("k8s/again"), Path.of(".."));

    Scan scan = scan("--verbose");

    assertThat(scan.problems()).hasSize(1);
    assertThat(scan.err()).contains("rootcause: note: k8s/again: symlink loop");
    assertThat(scan.report().at("/summary/filesScanned").asInt()).isEqualTo(1);
    scan.assertStillScanned();
  }

  @Test
  void aSymlinkToTheFilesystemRootIsNotFollowed() throws IOException {
    Files.createSymbolicLink(dir.resolve("rootfs"), Path.of("/"));

    Scan scan = scan("--verbose");

    assertThat(scan.err())
        .contains(
            "rootcause: note: rootfs: symlink to a folder outside the scanned tree; not followed");
    assertThat(scan.report().at("/summary/filesScanned").asInt()).isEqualTo(1);
    scan.assertStillScanned();
  }

  @Test
  void pipesAndDevicesWithManifestNamesAreNotOpened() throws Exception {
    Path fifo = dir.resolve("k8s/pipe.yaml");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assumeTrue(mkfifo.waitFor() == 0, "mkfifo is available");
    Files.createSymbolicLink(dir.resolve("k8s/zero.yaml"), Path.of("/dev/zero"));

    Scan scan = scan("--verbose");

    assertThat(scan.err())
        .contains(
            "rootcause: note: k8s/pipe.yaml: not a regular file (a pipe, socket or device); not"
                + " read",
            "rootcause: note: k8s/zero.yaml: not a regular file (a pipe, socket or device); not"
                + " read");
    assertThat(scan.report().at("/summary/filesSkipped").asInt()).isZero();
    scan.assertStillScanned();
  }

  @Test
  void anUnreadableFileIsSkipped() throws IOException {
    assumeFalse("root".equals(System.getProperty("user.name")), "root reads every file");
    Path secret = Manifests.write(dir, "k8s/locked.yaml", Manifests.HEALTHY);
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));

    Scan scan = scan();

    scan.assertSkipped("k8s/locked.yaml: skipped: cannot read: permission denied");
  }

  @Test
  void latin1TextIsSkippedAtItsFirstBadByte() throws IOException {
    Files.write(
        dir.resolve("k8s/config.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: caf\u00e9}\n"
            .getBytes(StandardCharsets.ISO_8859_1));

    Scan scan = scan();

    scan.assertSkipped(
        "k8s/config.yaml:3: skipped: not UTF-8 text (invalid byte 0xE9 at offset 51);"
            + " convert it to UTF-8");
  }

  @Test
  void foldersNamedLikeFilesAreWalkedIntoNotRead() {
    Manifests.write(dir, "Dockerfile/k8s.yaml", Manifests.LOW_ONLY);
    Manifests.write(dir, "deploy.yaml/web.yaml", Manifests.HEALTHY);

    Scan scan = scan();

    assertThat(scan.problems()).isEmpty();
    assertThat(scan.report().path("findings").findValuesAsText("ruleId"))
        .contains("k8s/missing-resources", "k8s/probe-port-not-exposed");
  }

  @Test
  void emptyFilesAndDocumentMarkersAloneAreNotProblems() {
    Manifests.write(dir, "k8s/empty.yaml", "");
    Manifests.write(dir, "k8s/dashes.yaml", "---\n");
    Manifests.write(dir, "k8s/many-dashes.yaml", "---\n---\n---\n");
    Manifests.write(dir, "Dockerfile", "");

    Scan scan = scan();

    assertThat(scan.problems()).isEmpty();
    scan.assertStillScanned();
  }

  @Test
  void aListWithBadItemsReadsTheGoodOnesAndNotesTheRest() {
    Manifests.write(
        dir,
        "k8s/list.yaml",
        """
        apiVersion: v1
        kind: List
        items:
          - 42
          - just a string
          - {kind: Service}
          - apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: shop}
            spec:
              selector: {app: nothing-has-this}
              ports: [{port: 80}]
        """);

    Scan scan = scan("--verbose");

    assertThat(scan.err())
        .contains(
            "rootcause: note: k8s/list.yaml:4:5: item 1 of the List is not a Kubernetes object (no"
                + " apiVersion and kind); ignored",
            "rootcause: note: k8s/list.yaml:5:5: item 2 of the List is not a Kubernetes object",
            "rootcause: note: k8s/list.yaml:6:5: item 3 of the List is not a Kubernetes object");
    assertThat(scan.report().at("/summary/filesSkipped").asInt()).isZero();
    assertThat(scan.report().path("findings").findValuesAsText("ruleId"))
        .contains("k8s/service-selects-nothing");
  }

  @Test
  void aListWhoseItemsAreNotAListIsNoted() {
    Manifests.write(dir, "k8s/list.yaml", "apiVersion: v1\nkind: List\nitems: {a: 1}\n");

    Scan scan = scan("--verbose");

    assertThat(scan.err())
        .contains("rootcause: note: k8s/list.yaml:3:1: 'items' should be a list; ignored");
    scan.assertStillScanned();
  }

  @Test
  void containersWrittenAsAMapAreNoted() {
    Manifests.write(
        dir,
        "k8s/map.yaml",
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: odd, namespace: shop}
        spec:
          template:
            spec:
              containers:
                web:
                  image: web:1
        """);

    Scan scan = scan("--verbose");

    assertThat(scan.err())
        .contains("rootcause: note: k8s/map.yaml:7:7: 'containers' should be a list; ignored");
    assertThat(scan.report().at("/summary/filesSkipped").asInt()).isZero();
    scan.assertStillScanned();
  }

  @Test
  void strictTurnsASkippedFileIntoExitTwo() {
    Manifests.write(dir, "k8s/bad.yaml", "a: [\n");

    Cli.Run lenient = Cli.run("scan", dir.toString(), "--fail-on", "none");
    Cli.Run strict = Cli.run("scan", dir.toString(), "--fail-on", "none", "--strict");

    assertThat(lenient.exit()).isZero();
    assertThat(lenient.out()).contains("Not read (1)", "k8s/bad.yaml:2:1  malformed YAML");
    assertThat(strict.exit()).isEqualTo(2);
    assertThat(strict.err().strip())
        .isEqualTo("rootcause: --strict: 1 file was not read (listed above)");
  }

  // ---- helpers ------------------------------------------------------------------------------

  /** Nine levels of nine aliases each: 9^9 (387 million) "lol"s once expanded, 72 aliases. */
  private static String billionLaughs() {
    StringBuilder yaml = new StringBuilder("a: &a [" + String.join(",", nCopies(9, "lol")) + "]\n");
    for (char c = 'b'; c <= 'i'; c++) {
      String previous = "*" + (char) (c - 1);
      yaml.append(c)
          .append(": &")
          .append(c)
          .append(" [")
          .append(String.join(",", nCopies(9, previous)))
          .append("]\n");
    }
    return yaml.toString();
  }

  private Scan scan(String... extra) {
    List<String> args = new ArrayList<>(List.of("scan", dir.toString(), "--format", "json"));
    args.addAll(List.of(extra));
    Cli.Run run = Cli.run(args.toArray(String[]::new));
    assertThat(run.err())
        .as("no stack trace")
        .doesNotContain("\tat ")
        .doesNotContain("Exception in");
    assertThat(run.err()).doesNotContain("internal error");
    try {
      return new Scan(run, JSON.readTree(run.out()));
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + run.out(), e);
    }
  }

  /** One scan through the CLI: the JSON report on stdout, warnings on stderr. */
  private record Scan(Cli.Run run, JsonNode report) {
    String err() {
      return run.err();
    }

    List<String> problems() {
      List<String> out = new ArrayList<>();
      report
          .path("problems")
          .forEach(
              p ->
                  out.add(
                      p.path("location").path("path").asText()
                          + ": "
                          + p.path("message").asText()));
      return out;
    }

    /**
     * Exactly one warning, on one line, starting with the file (and line), saying {@code parts}.
     */
    void assertSkipped(String start, String... parts) {
      List<String> warnings =
          err().lines().filter(l -> l.startsWith("rootcause: warning: ")).toList();
      assertThat(warnings).as("warnings on stderr").hasSize(1);
      assertThat(warnings.get(0)).startsWith("rootcause: warning: " + start);
      for (String part : parts) {
        assertThat(warnings.get(0)).contains(part);
      }
      assertThat(report.at("/summary/filesSkipped").asInt()).isEqualTo(1);
      assertStillScanned();
    }

    void assertStillScanned() {
      assertThat(run.exit()).as("exit code: the HIGH finding beside the hostile file").isEqualTo(1);
      assertThat(report.path("findings").findValuesAsText("ruleId"))
          .contains("k8s/probe-port-not-exposed");
    }
  }
}
