package dev.rootcause.pipeline;

import dev.rootcause.collect.cluster.ClusterReadException;
import dev.rootcause.collect.cluster.ClusterReader;
import dev.rootcause.model.cluster.ClusterChecks;
import dev.rootcause.model.cluster.ContainerLog;
import dev.rootcause.model.cluster.PodState;
import dev.rootcause.model.probe.Criterion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The cluster criteria of {@code verify}: pods Running and Ready, no restarts during the
 * stability window, no error lines in the logs since the fix. A live cluster is watched for the
 * whole window; a dump is judged by its timestamps.
 */
public final class ClusterGate {
  private final ClusterReader reader;
  private final String namespace;
  private final Duration stableFor;
  private final Duration pollInterval;

  public ClusterGate(ClusterReader reader, String namespace, Duration stableFor, Duration pollInterval) {
    this.reader = reader;
    this.namespace = namespace;
    this.stableFor = stableFor;
    this.pollInterval = pollInterval;
  }

  /**
   * Checks the cluster.
   *
   * @param logsSince count error lines from this instant; null: from the start of the window
   */
  public List<Criterion> check(Instant logsSince) throws ClusterReadException, InterruptedException {
    List<Criterion> out = new ArrayList<>();
    List<PodState> last;
    if (reader.live()) {
      Instant start = reader.now();
      List<List<PodState>> looks = new ArrayList<>();
      looks.add(reader.pods(namespace));
      long end = System.nanoTime() + stableFor.toNanos();
      while (System.nanoTime() - end < 0) {
        long left = end - System.nanoTime();
        Thread.sleep(Math.max(1, Math.min(pollInterval.toMillis(), left / 1_000_000)));
        looks.add(reader.pods(namespace));
      }
      last = looks.get(looks.size() - 1);
      out.add(ClusterChecks.runningAndReady(namespace, last));
      out.add(ClusterChecks.noRestartsObserved(namespace, looks, stableFor));
      Instant since = logsSince != null ? logsSince : start;
      out.add(ClusterChecks.noLogErrors(namespace, reader.logs(namespace, since), since));
    } else {
      last = reader.pods(namespace);
      Instant asOf = reader.now();
      out.add(ClusterChecks.runningAndReady(namespace, last));
      out.add(ClusterChecks.noRestartsSnapshot(namespace, last, asOf, stableFor));
      Instant since = logsSince != null ? logsSince : asOf.minus(stableFor);
      List<ContainerLog> logs = reader.logs(namespace, since);
      out.add(ClusterChecks.noLogErrors(namespace, logs, since));
    }
    return out;
  }
}
