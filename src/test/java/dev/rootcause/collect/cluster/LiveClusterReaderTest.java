package dev.rootcause.collect.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.model.cluster.ContainerLog;
import dev.rootcause.model.cluster.ContainerState;
import dev.rootcause.model.cluster.LogLine;
import dev.rootcause.model.cluster.PodState;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The live reader against fabric8's mock API server in CRUD mode. */
@EnableKubernetesMockClient(crud = true)
class LiveClusterReaderTest {
  static KubernetesClient client;
  static KubernetesMockServer server;

  static List<Pod> fixturePods(String resource) throws Exception {
    try (InputStream in = LiveClusterReaderTest.class.getResourceAsStream(resource)) {
      Object parsed = client.getKubernetesSerialization().unmarshal(in);
      return ((PodList) parsed).getItems();
    }
  }

  static void createWithStatus(Pod pod) {
    var status = pod.getStatus();
    Pod created = client.resource(pod).create();
    created.setStatus(status);
    client.resource(created).updateStatus();
  }

  @Test
  void readsPodsWithTheirContainerStates() throws Exception {
    for (Pod p : fixturePods("/verify/seed-002-fixed/production/pods.json")) {
      createWithStatus(p);
    }
    try (LiveClusterReader reader = new LiveClusterReader(server.createClient(), "kind-test")) {
      List<PodState> pods = reader.pods("production");
      assertThat(pods).hasSize(6).allMatch(PodState::runningAndReady);
      PodState auth =
          pods.stream().filter(p -> p.name().startsWith("auth-service")).findFirst().orElseThrow();
      ContainerState c = auth.containers().get(0);
      assertThat(c.restartCount()).isEqualTo(1);
      assertThat(c.lastReason()).isEqualTo("OOMKilled");
      assertThat(c.lastFinishedAt()).isEqualTo(Instant.parse("2025-02-11T17:09:57Z"));
      assertThat(auth.location().display()).isEqualTo("Pod production/" + auth.name() + " .status");
      assertThat(reader.describe()).startsWith("context kind-test (").doesNotContain("token");
      assertThat(reader.pods("staging")).isEmpty();
    }
  }

  @Test
  void readsLogsWithTimestampsSinceAnInstant() throws Exception {
    Pod p =
        fixturePods("/verify/seed-002-flapping/production/pods.json").stream()
            .filter(x -> x.getMetadata().getName().startsWith("order-service"))
            .findFirst()
            .orElseThrow();
    p.getMetadata().setNamespace("orders");
    createWithStatus(p);
    String name = p.getMetadata().getName();
    server
        .expect()
        .get()
        .withPath(
            "/api/v1/namespaces/orders/pods/"
                + name
                + "/log?container=order-service&sinceTime=2025-02-11T17%3A28%3A00Z&timestamps=true")
        .andReturn(
            200,
            "2025-02-11T17:29:20.410512345Z info order-service listening on port 3002\n"
                + "2025-02-11T17:29:27.002118934Z error POST /orders failed: Error: connect"
                + " ECONNREFUSED 10.43.112.9:8080\n")
        .always();
    try (LiveClusterReader reader = new LiveClusterReader(server.createClient(), "kind-test")) {
      List<ContainerLog> logs = reader.logs("orders", Instant.parse("2025-02-11T17:28:00Z"));
      assertThat(logs).hasSize(1);
      assertThat(logs.get(0).lines()).hasSize(2);
      assertThat(logs.get(0).lines().get(1).timestamp())
          .isEqualTo(Instant.parse("2025-02-11T17:29:27.002118934Z"));
      // The whole line is kept: the runtime rules judge what it says.
      assertThat(logs.get(0).lines())
          .extracting(LogLine::text)
          .containsExactly(
              "2025-02-11T17:29:20.410512345Z info order-service listening on port 3002",
              "2025-02-11T17:29:27.002118934Z error POST /orders failed: Error: connect"
                  + " ECONNREFUSED 10.43.112.9:8080");
    }
  }

  @Test
  void aHugeLogIsReadToItsEndInBoundedMemory() throws Exception {
    // 64 MiB of one chatty container, generated as it is read: only the last 256 KiB are kept,
    // cut at a line start, and the crash at the very end is among them.
    byte[] line = "2025-02-11T17:29:20Z debug polling queue orders-high, 0 messages\n".getBytes();
    byte[] last = "FATAL: DB_NAME environment variable is required\n".getBytes();
    long size = 64L * 1024 * 1024;
    InputStream chatty =
        new InputStream() {
          long position;

          @Override
          public int read() {
            if (position >= size + last.length) {
              return -1;
            }
            long p = position++;
            return p < size ? line[(int) (p % line.length)] : last[(int) (p - size)];
          }

          @Override
          public int read(byte[] b, int off, int len) {
            int n = 0;
            for (int c; n < len && (c = read()) >= 0; n++) {
              b[off + n] = (byte) c;
            }
            return n == 0 ? -1 : n;
          }
        };
    String tail = LiveClusterReader.lastBytes(chatty, ClusterReader.LOG_BYTES);
    assertThat(tail.length()).isLessThanOrEqualTo(ClusterReader.LOG_BYTES);
    assertThat(tail).startsWith("2025-02-11T17:29:20Z debug").endsWith(new String(last));
    // A short log is returned whole, and the buffer is not sized to the bound for it.
    assertThat(
            LiveClusterReader.lastBytes(
                new java.io.ByteArrayInputStream(last), ClusterReader.WINDOW_LOG_BYTES))
        .isEqualTo(new String(last));
  }
}
