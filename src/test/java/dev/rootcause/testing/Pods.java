package dev.rootcause.testing;

import dev.rootcause.model.ClusterLocation;
import dev.rootcause.model.cluster.ClusterState;
import dev.rootcause.model.cluster.ContainerLog;
import dev.rootcause.model.cluster.ContainerState;
import dev.rootcause.model.cluster.PodSnapshot;
import dev.rootcause.model.cluster.PodState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Pods and watched cluster states built in code, for tests of what happens between looks. */
public final class Pods {
  public static final String CONTEXT = "kind-prod";
  public static final Instant T0 = Instant.parse("2025-02-11T17:30:00Z");

  private Pods() {}

  /** A pod of one container {@code app}, Running and Ready, restarted {@code restarts} times. */
  public static PodState ready(String name, int restarts, String lastReason) {
    ContainerState app =
        new ContainerState(
            "app",
            "shop/api:1.0",
            true,
            restarts,
            ContainerState.State.RUNNING,
            null,
            null,
            T0,
            lastReason,
            lastReason == null ? null : 1,
            null,
            null);
    return pod(name, "Running", true, app);
  }

  /** A pod whose one container {@code app} waits in CrashLoopBackOff. */
  public static PodState crashLooping(String name, int restarts) {
    ContainerState app =
        new ContainerState(
            "app",
            "shop/api:1.0",
            false,
            restarts,
            ContainerState.State.WAITING,
            "CrashLoopBackOff",
            "back-off 10s restarting failed container",
            null,
            "Error",
            1,
            T0,
            null);
    return pod(name, "Running", false, app);
  }

  public static PodState pod(
      String name, String phase, boolean ready, ContainerState... containers) {
    return new PodState(
        "production",
        name,
        phase,
        ready,
        T0,
        Map.of("app", "api"),
        List.of(containers),
        new ClusterLocation(CONTEXT, "production", "Pod", name, ".status"),
        null);
  }

  /**
   * Three looks at a namespace: api-1 crash-loops once and recovers, worker-1 is replaced by
   * worker-2.
   */
  public static ClusterState restartAndReplacement() {
    return watched(
        List.of(),
        List.of(ready("api-1", 0, null), ready("worker-1", 0, null)),
        List.of(crashLooping("api-1", 1), ready("worker-2", 0, null)),
        List.of(ready("api-1", 1, "Error"), ready("worker-2", 0, null)));
  }

  /** A namespace watched over a two-minute window, one look per list, five seconds apart. */
  @SafeVarargs
  public static ClusterState watched(List<ContainerLog> logs, List<PodState>... looks) {
    List<PodSnapshot> snapshots = new java.util.ArrayList<>();
    for (int i = 0; i < looks.length; i++) {
      snapshots.add(new PodSnapshot(T0.plusSeconds(5L * i), looks[i]));
    }
    return new ClusterState(
        CONTEXT,
        "context " + CONTEXT + " (https://127.0.0.1:6443/)",
        "production",
        Duration.ofMinutes(2),
        true,
        snapshots,
        T0,
        logs);
  }
}
