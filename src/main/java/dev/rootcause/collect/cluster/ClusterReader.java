package dev.rootcause.collect.cluster;

import dev.rootcause.model.cluster.ClusterObjects;
import dev.rootcause.model.cluster.ContainerLog;
import dev.rootcause.model.cluster.PodState;
import java.time.Instant;
import java.util.List;

/**
 * Reads pods and their logs from a live cluster or from kubectl output saved to disk, into model
 * records, so that {@code verify} and {@code diagnose} judge both the same way.
 */
public interface ClusterReader extends AutoCloseable {
  /** At most this many lines of one container's log are kept: its end, where the crash is. */
  int LOG_LINES = 2_000;

  /** At most this many bytes of one container's log are read. */
  int LOG_BYTES = 256 * 1024;

  /**
   * At most this many bytes of one container's log since a time ({@code verify}'s window) are read:
   * its end, where the errors after a rollout are.
   */
  int WINDOW_LOG_BYTES = 8 * 1024 * 1024;

  /** Where this reads from, safe to print: {@code context kind-prod}, {@code dump ./incident}. */
  String describe();

  /** The context of every location read: the kubeconfig context, or {@code dump <file>}. */
  String context();

  /** Whether pods can be watched over time (a live cluster) or only seen once (a dump). */
  boolean live();

  List<PodState> pods(String namespace) throws ClusterReadException;

  /**
   * The logs of every container of every pod in the namespace, from {@code since} where possible.
   */
  List<ContainerLog> logs(String namespace, Instant since) throws ClusterReadException;

  /**
   * The specs and owners of the pods, the events, Services and Endpoints of the namespace (null:
   * every namespace). A kind that cannot be read (forbidden, absent from a dump) is a note in the
   * result, not a failure.
   */
  ClusterObjects objects(String namespace) throws ClusterReadException;

  /**
   * The last log of every container of every pod in the namespace (null: every namespace): the
   * previous instance's when the container restarted, bounded to its last {@link #LOG_LINES} lines
   * and {@link #LOG_BYTES} bytes.
   */
  default List<ContainerLog> lastLogs(String namespace) throws ClusterReadException {
    return lastLogs(namespace, PodFilter.ALL);
  }

  /**
   * The last logs, as {@link #lastLogs(String)}, of the pods {@code wanted} keeps only: on a live
   * cluster each container's log is one API call, so a narrowed diagnosis reads only its own.
   */
  List<ContainerLog> lastLogs(String namespace, PodFilter wanted) throws ClusterReadException;

  /** Which pods' logs to read, by namespace and name. */
  @FunctionalInterface
  interface PodFilter {
    PodFilter ALL = (namespace, pod) -> true;

    boolean wants(String namespace, String pod);
  }

  /** The time the state was read at: now for a live cluster, the dump's time for a dump. */
  Instant now();

  @Override
  void close();
}
