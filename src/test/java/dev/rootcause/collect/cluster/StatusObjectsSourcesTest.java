package dev.rootcause.collect.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.model.cluster.ClusterObjects;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The objects a diagnosis reads beside the pods (controllers and their conditions, nodes, claims,
 * autoscalers, quotas, network policies, the events of each) are the same from a dump of kubectl
 * output and from an API server holding the same objects.
 */
@EnableKubernetesMockClient(crud = true)
class StatusObjectsSourcesTest {
  static final Path RUNTIME = Path.of("src/test/resources/rules/runtime");

  static KubernetesClient client;
  static KubernetesMockServer server;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "pod-unschedulable/positive/insufficient-memory-against-node-allocatable",
        "pod-unschedulable/positive/claim-not-bound",
        "pods-not-created/positive/quota-exceeded",
        "rollout-stuck/positive/new-pods-crash-loop",
        "hpa-cannot-compute-metrics/positive/container-without-a-cpu-request",
        "dependency-unreachable/positive/isolated-by-a-network-policy"
      })
  void aDumpAndALiveClusterOfTheSameObjectsReadTheSame(String kase) throws Exception {
    Path dir = RUNTIME.resolve(kase);
    String namespace = "production";
    List<HasMetadata> created = objects(dir);
    try {
      created.forEach(StatusObjectsSourcesTest::create);
      compare(dir, namespace);
    } finally {
      created.forEach(o -> client.resource(o).delete());
    }
  }

  private static void compare(Path dir, String namespace) throws Exception {

    ClusterObjects dump;
    try (DumpClusterReader reader =
        DumpClusterReader.open(dir, Instant.parse("2025-02-11T16:52:00Z"))) {
      dump = reader.objects(namespace);
    }
    ClusterObjects live;
    try (LiveClusterReader reader = new LiveClusterReader(server.createClient(), "kind-prod")) {
      live = reader.objects(namespace);
    }

    assertThat(
            dump.workloads().size()
                + dump.nodes().size()
                + dump.claims().size()
                + dump.autoscalers().size()
                + dump.quotas().size()
                + dump.policies().size())
        .as("the case holds objects beside its pods")
        .isPositive();
    assertThat(live.workloads()).containsExactlyInAnyOrderElementsOf(dump.workloads());
    assertThat(live.nodes()).containsExactlyInAnyOrderElementsOf(dump.nodes());
    assertThat(live.claims()).containsExactlyInAnyOrderElementsOf(dump.claims());
    assertThat(live.autoscalers()).containsExactlyInAnyOrderElementsOf(dump.autoscalers());
    assertThat(live.quotas()).containsExactlyInAnyOrderElementsOf(dump.quotas());
    assertThat(live.policies()).containsExactlyInAnyOrderElementsOf(dump.policies());
    assertThat(live.events()).containsExactlyInAnyOrderElementsOf(dump.events());
    // The API server stamps creationTimestamp when an object is created; a dump keeps the one
    // of the cluster it was taken from.
    assertThat(live.pods())
        .usingRecursiveFieldByFieldElementComparatorIgnoringFields("created")
        .containsExactlyInAnyOrderElementsOf(dump.pods());
  }

  /** Creates the object, then sets its status as its controller would. */
  private static void create(HasMetadata o) {
    o.getMetadata().setResourceVersion(null);
    // The mock server keeps an object with finalizers after its deletion, as an API server does
    // until their controllers remove them; no controller runs here.
    o.getMetadata().setFinalizers(null);
    HasMetadata created = client.resource(o).create();
    o.getMetadata().setResourceVersion(created.getMetadata().getResourceVersion());
    if (!(o instanceof io.fabric8.kubernetes.api.model.Event)) {
      client.resource(o).updateStatus();
    }
  }

  private static List<HasMetadata> objects(Path dir) throws Exception {
    List<HasMetadata> out = new java.util.ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          out.addAll(
              ((KubernetesList) client.getKubernetesSerialization().unmarshal(in)).getItems());
        }
      }
    }
    return out;
  }
}
