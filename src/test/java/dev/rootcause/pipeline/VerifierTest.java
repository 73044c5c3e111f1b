package dev.rootcause.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootcause.model.ClusterLocation;
import dev.rootcause.model.Finding;
import dev.rootcause.model.probe.Criterion;
import dev.rootcause.model.probe.VerifyReport;
import dev.rootcause.testing.HttpFixture;
import dev.rootcause.testing.MockCluster;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verify use case: cluster state read, runtime rules run, the gate worded from findings. */
@EnableKubernetesMockClient(crud = true)
class VerifierTest {
  static KubernetesClient client;
  static KubernetesMockServer server;

  private final Verifier verifier = new Verifier(p -> {}, () -> {});

  private static Path fixture(String name) throws Exception {
    return Paths.get(VerifierTest.class.getResource("/verify/" + name).toURI());
  }

  private static Verifier.Cluster dump(Path dump, String asOf) {
    return new Verifier.Cluster(
        dump,
        Instant.parse(asOf),
        null,
        null,
        "production",
        Duration.ofMinutes(2),
        Duration.ofSeconds(5),
        null,
        null);
  }

  private static Verifier.Cluster live(Path kubeconfig, String namespace, Duration window) {
    return new Verifier.Cluster(
        null, null, kubeconfig, null, namespace, window, Duration.ofMillis(50), null, null);
  }

  @Test
  void aBrokenDumpGivesFindingsAtThePodsAndTheGateWordedFromThem() throws Exception {
    VerifyReport report =
        verifier.verify(
            new Verifier.Request(
                null, null, dump(fixture("seed-002-broken/pods.yaml"), "2025-02-11T16:52:00Z")));

    assertThat(report.clusterCriteria())
        .extracting(Criterion::passed)
        .containsExactly(false, false, false); // no log was read: the log criterion cannot pass
    assertThat(report.findings())
        .filteredOn(f -> f.ruleId().equals("runtime/pod-not-ready"))
        .extracting(Finding::primary)
        .containsExactlyInAnyOrder(
            pod("api-service-6d4f8b7c9-x2k4p", ".status"),
            pod("database-service-7f6b9c8d4-h5rjq", ".status"),
            pod("notification-service-59d7c6b8f9-c4ntd", ".status"));
    Finding oom =
        report.findings().stream()
            .filter(f -> f.message().contains("OOMKilled"))
            .findFirst()
            .orElseThrow();
    assertThat(oom.ruleId()).isEqualTo("runtime/restarted-in-window");
    assertThat(oom.primary())
        .isEqualTo(pod("auth-service-5b8c7d9f4-lm8vz", ".status.containerStatuses{auth-service}"));
    assertThat(oom.fix()).endsWith(".");
  }

  @Test
  void errorLinesAreFindingsQuotingEveryLineAtTheContainer() throws Exception {
    VerifyReport report =
        verifier.verify(
            new Verifier.Request(
                null, null, dump(fixture("seed-002-flapping"), "2025-02-11T17:30:00Z")));

    List<Finding> errors =
        report.findings().stream()
            .filter(f -> f.ruleId().equals("runtime/error-lines-in-logs"))
            .toList();
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).primary())
        .isEqualTo(
            new ClusterLocation(
                "dump seed-002-flapping",
                "production",
                "Pod",
                "order-service-84c9b7f6d5-t9wbn",
                ".spec.containers{order-service}"));
    assertThat(errors.get(0).related())
        .singleElement()
        .satisfies(e -> assertThat(e.note()).contains("connect ECONNREFUSED 10.43.112.9:8080"));
  }

  @Test
  void aPodReplacedWhileWatchedFailsTheWindow(@TempDir Path dir) throws Exception {
    MockCluster cluster = new MockCluster(client, server, "live-replaced");
    cluster.create(fixture("seed-002-fixed/production/pods.json"), "gateway");
    Thread replacer =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    cluster.awaitLooks(2);
                    Pod gone = client.pods().inNamespace("live-replaced").list().getItems().get(0);
                    client.resource(gone).delete();
                    gone.getMetadata().setName("gateway-7c9f6d8b5d-n8wq4");
                    gone.getMetadata().setResourceVersion(null);
                    gone.getMetadata().setUid(null);
                    cluster.createWithStatus(gone);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });

    VerifyReport report =
        verifier.verify(
            new Verifier.Request(
                null,
                null,
                live(cluster.kubeconfig(dir), "live-replaced", Duration.ofMillis(1500))));
    replacer.join();

    Criterion restarts = report.clusterCriteria().get(1);
    assertThat(restarts.passed()).isFalse();
    assertThat(restarts.detail())
        .isEqualTo(
            "gateway-7c9f6d8b5d-n8wq4 (new pod: a replacement"
                + " appeared during the window), gateway-7c9f6d8b5d-q2x7m (disappeared during the window)");
    assertThat(report.clusterCriteria().get(0).measured()).isEqualTo("1/1 pods");
    assertThat(report.clusterSource()).startsWith("context mock (");
  }

  @Test
  void anUnreachableClusterIsNotBadInput(@TempDir Path dir) throws Exception {
    Path kubeconfig = MockCluster.kubeconfig(dir, "https://127.0.0.1:" + HttpFixture.closedPort());

    assertThatThrownBy(
            () ->
                verifier.verify(
                    new Verifier.Request(
                        null, null, live(kubeconfig, "production", Duration.ofMillis(100)))))
        .isInstanceOf(ClusterSourceException.class)
        .hasMessageContaining("cannot list pods in production")
        .matches(e -> !((ClusterSourceException) e).badInput());
  }

  @Test
  void aFileThatIsNotKubectlOutputIsBadInput() throws Exception {
    assertThatThrownBy(
            () ->
                verifier.verify(
                    new Verifier.Request(
                        null, null, dump(fixture("make-fixtures.py"), "2025-02-11T17:30:00Z"))))
        .isInstanceOf(ClusterSourceException.class)
        .hasMessageContaining("not kubectl JSON or YAML output")
        .matches(e -> ((ClusterSourceException) e).badInput());
  }

  private static ClusterLocation pod(String name, String fieldPath) {
    return new ClusterLocation("dump pods.yaml", "production", "Pod", name, fieldPath);
  }
}
