package dev.rootcause.pipeline;

import dev.rootcause.collect.cluster.ClusterReadException;
import dev.rootcause.collect.cluster.ClusterReader;
import dev.rootcause.model.cluster.ClusterState;
import dev.rootcause.model.cluster.PodSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a namespace's live state into a {@link ClusterState}: a live cluster is looked at every
 * poll interval for the whole stability window; a dump is read once, at its own time.
 */
public final class ClusterObserver {
  private final Duration window;
  private final Duration pollInterval;

  public ClusterObserver(Duration window, Duration pollInterval) {
    this.window = window;
    this.pollInterval = pollInterval;
  }

  /**
   * Observes the namespace.
   *
   * @param logsSince read logs from this instant; null: from the start of the window
   */
  public ClusterState observe(ClusterReader reader, String namespace, Instant logsSince)
      throws ClusterReadException, InterruptedException {
    List<PodSnapshot> looks = new ArrayList<>();
    Instant windowStart;
    if (reader.live()) {
      windowStart = reader.now();
      looks.add(new PodSnapshot(reader.now(), reader.pods(namespace)));
      long end = System.nanoTime() + window.toNanos();
      while (System.nanoTime() - end < 0) {
        long left = end - System.nanoTime();
        Thread.sleep(Math.max(1, Math.min(pollInterval.toMillis(), left / 1_000_000)));
        looks.add(new PodSnapshot(reader.now(), reader.pods(namespace)));
      }
    } else {
      looks.add(new PodSnapshot(reader.now(), reader.pods(namespace)));
      windowStart = reader.now().minus(window);
    }
    Instant since = logsSince != null ? logsSince : windowStart;
    return new ClusterState(
        reader.context(),
        reader.describe(),
        namespace,
        window,
        reader.live(),
        looks,
        since,
        reader.logs(namespace, since));
  }
}
