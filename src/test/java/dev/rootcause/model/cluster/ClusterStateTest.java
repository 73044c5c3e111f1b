package dev.rootcause.model.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.testing.Pods;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The queries the runtime rules ask of a watched namespace, and the state as a plain value. */
class ClusterStateTest {
  private final ClusterState cluster = Pods.restartAndReplacement();

  @Test
  void podsSeenAreInTheOrderFirstSeenInTheStateLastSeen() {
    assertThat(cluster.podsSeen())
        .extracting(PodState::name)
        .containsExactly("api-1", "worker-1", "worker-2");
    assertThat(cluster.podsSeen().get(0).runningAndReady()).isTrue();
    assertThat(cluster.present("worker-1")).isFalse();
    assertThat(cluster.appearedWhileWatched("worker-2")).isTrue();
    assertThat(cluster.appearedWhileWatched("api-1")).isFalse();
  }

  @Test
  void restartsAreCountedFromEachContainersFirstLook() {
    assertThat(cluster.restartsSeen("api-1"))
        .containsExactly(new RestartSeen("api-1", "app", 0, 1, "Error"));
    assertThat(cluster.restartsSeen()).isEqualTo(1);
    assertThat(cluster.windowStart()).isEqualTo(Pods.T0);
    assertThat(cluster.now()).isEqualTo(Pods.T0.plusSeconds(10));
  }

  @Test
  void survivesJavaSerializationUnchanged() throws Exception {
    ClusterState withLogs =
        Pods.watched(
            List.of(
                new ContainerLog(
                    "production",
                    "api-1",
                    "app",
                    List.of(new LogLine(Pods.T0, "ERROR boom"), new LogLine(null, "undated")),
                    "kubectl logs")),
            cluster.looks().get(0).pods());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(withLogs);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertThat(in.readObject()).isEqualTo(withLogs);
    }
  }
}
