package dev.rootcause.collect.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootcause.model.cluster.ContainerLog;
import dev.rootcause.model.cluster.ContainerState;
import dev.rootcause.model.cluster.LogLine;
import dev.rootcause.model.cluster.PodState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading kubectl output saved to disk: get pods -o yaml, and a cluster-info dump folder. */
class DumpClusterReaderTest {
  static Path fixture(String name) throws Exception {
    return Paths.get(DumpClusterReaderTest.class.getResource("/verify/" + name).toURI());
  }

  @Test
  void getPodsYamlShowsTheSeed002BreakageAsKubectlWould() throws Exception {
    try (DumpClusterReader reader =
        DumpClusterReader.open(
            fixture("seed-002-broken/pods.yaml"), Instant.parse("2025-02-11T16:52:00Z"))) {
      Map<String, PodState> pods =
          reader.pods("production").stream()
              .collect(
                  Collectors.toMap(p -> p.name().replaceAll("-[a-z0-9]+-[a-z0-9]+$", ""), p -> p));
      assertThat(pods.keySet())
          .containsExactlyInAnyOrder(
              "gateway",
              "api-service",
              "auth-service",
              "order-service",
              "database-service",
              "notification-service");
      assertThat(pods.get("database-service").status()).isEqualTo("CrashLoopBackOff");
      assertThat(pods.get("database-service").restarts()).isEqualTo(5);
      assertThat(pods.get("notification-service").status()).isEqualTo("ImagePullBackOff");
      assertThat(pods.get("notification-service").phase()).isEqualTo("Pending");
      assertThat(pods.get("api-service").runningAndReady()).isFalse();
      ContainerState auth = pods.get("auth-service").containers().get(0);
      assertThat(auth.lastReason()).isEqualTo("OOMKilled");
      assertThat(auth.lastExitCode()).isEqualTo(137);
      assertThat(pods.get("gateway").runningAndReady()).isTrue();
      assertThat(reader.logs("production", Instant.EPOCH)).isEmpty();
    }
  }

  @Test
  void clusterInfoDumpFolderGivesPodsAndPerContainerLogs() throws Exception {
    try (DumpClusterReader reader = DumpClusterReader.open(fixture("seed-002-fixed"), null)) {
      assertThat(reader.pods("production")).hasSize(6).allMatch(PodState::runningAndReady);
      List<ContainerLog> logs = reader.logs("production", Instant.EPOCH);
      assertThat(logs).hasSize(6);
      ContainerLog order =
          logs.stream()
              .filter(l -> l.container().equals("order-service"))
              .findFirst()
              .orElseThrow();
      assertThat(order.pod()).isEqualTo("order-service-84c9b7f6d5-t9wbn");
      assertThat(order.lines()).hasSize(3);
      assertThat(order.lines().get(0).timestamp())
          .isEqualTo(Instant.parse("2025-02-11T17:14:06.102Z"));
      assertThat(order.source()).isEqualTo("production/order-service-84c9b7f6d5-t9wbn/logs.txt");
      // Without --as-of, the dump is dated by its pods file.
      assertThat(reader.now())
          .isEqualTo(
              Files.getLastModifiedTime(fixture("seed-002-fixed/production/pods.json"))
                  .toInstant());
      assertThat(reader.describe()).contains("file time of");
    }
  }

  @Test
  void logsOfSeveralContainersAreSplitAtKubectlsMarkers() {
    String text =
        "==== START logs for container app of pod prod/web-1 ====\n"
            + "2025-02-11T17:00:00Z ERROR boom\n"
            + "==== END logs for container app of pod prod/web-1 ====\n"
            + "==== START logs for container sidecar of pod prod/web-1 ====\n"
            + "ready\n"
            + "==== END logs for container sidecar of pod prod/web-1 ====\n";
    List<ContainerLog> logs =
        DumpClusterReader.parseLogs(text, "prod", "web-1", "prod/web-1/logs.txt");
    assertThat(logs).extracting(ContainerLog::container).containsExactly("app", "sidecar");
    assertThat(logs.get(0).lines())
        .containsExactly(
            new LogLine(Instant.parse("2025-02-11T17:00:00Z"), "2025-02-11T17:00:00Z ERROR boom"));
    assertThat(logs.get(1).lines().get(0).timestamp()).isNull();
  }

  @Test
  void notKubectlOutputIsBadInput(@TempDir Path dir) throws Exception {
    Path junk = dir.resolve("pods.yaml");
    Files.writeString(junk, "this: [is not\n");
    try (DumpClusterReader reader = DumpClusterReader.open(junk, Instant.EPOCH)) {
      assertThatThrownBy(() -> reader.pods("production"))
          .isInstanceOf(ClusterReadException.class)
          .hasMessageContaining("not kubectl JSON or YAML output")
          .matches(e -> ((ClusterReadException) e).badInput());
    }
    assertThatThrownBy(() -> DumpClusterReader.open(dir.resolve("missing"), null))
        .hasMessageContaining("no such file or folder");
  }

  private static final String POD_AND_EVENT =
      """
      apiVersion: v1
      kind: List
      items:
      - apiVersion: v1
        kind: Pod
        metadata:
          name: web-7d9f8c6b5-x2x4k
          namespace: shop
          creationTimestamp: "2025-02-11T16:40:00Z"
        spec:
          containers:
          - name: web
            image: shop/web:1.4.2
        status:
          phase: Running
          containerStatuses:
          - name: web
            image: shop/web:1.4.2
            ready: false
            restartCount: 14
            state:
              running:
                startedAt: "2025-02-11T16:53:02Z"
      - apiVersion: v1
        kind: Event
        metadata:
          name: web-7d9f8c6b5-x2x4k.1823a7f0c2d1e4b5
          namespace: shop
        involvedObject:
          kind: Pod
          name: web-7d9f8c6b5-x2x4k
          namespace: shop
        reason: BackOff
        type: Warning
        message: Back-off restarting failed container web in pod web-7d9f8c6b5-x2x4k
        count: 14
        firstTimestamp: "2025-02-11T16:41:10Z"
        lastTimestamp: "2025-02-11T16:51:40Z"
      """;

  private static Instant asOfRead(Path dump) throws Exception {
    try (DumpClusterReader reader = DumpClusterReader.open(dump, null)) {
      reader.pods("shop");
      reader.objects("shop");
      return reader.now();
    }
  }

  @Test
  void aCopiedDumpIsDatedByTheNewestTimeItHoldsNotByTheCopysFileTime(@TempDir Path dir)
      throws Exception {
    Path dump = dir.resolve("get-all.yaml");
    Files.writeString(dump, POD_AND_EVENT);

    try (DumpClusterReader reader = DumpClusterReader.open(dump, null)) {
      reader.pods("shop");
      reader.objects("shop");
      // The last BackOff event was seen at 16:51:40; the container started again after it.
      assertThat(reader.now()).isEqualTo(Instant.parse("2025-02-11T16:53:02Z"));
      assertThat(reader.describe()).contains("the newest time it holds; the file time");
    }
  }

  @Test
  void aDumpWhoseFileTimeIsWithinTheEventsLifetimeKeepsItsFileTime(@TempDir Path dir)
      throws Exception {
    Path dump = dir.resolve("get-all.yaml");
    Files.writeString(dump, POD_AND_EVENT);
    Instant taken = Instant.parse("2025-02-11T17:20:00Z");
    Files.setLastModifiedTime(dump, java.nio.file.attribute.FileTime.from(taken));
    assertThat(asOfRead(dump)).isEqualTo(taken);

    // Without events nothing inside says when it was taken: the file time stands.
    Path quiet = dir.resolve("pods.yaml");
    Files.writeString(
        quiet,
        POD_AND_EVENT.substring(0, POD_AND_EVENT.indexOf("- apiVersion: v1\n  kind: Event")));
    Instant copied = Files.getLastModifiedTime(quiet).toInstant();
    assertThat(asOfRead(quiet)).isEqualTo(copied);
  }
}
