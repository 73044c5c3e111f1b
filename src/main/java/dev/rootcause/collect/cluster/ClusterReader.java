package dev.rootcause.collect.cluster;

import dev.rootcause.model.cluster.ContainerLog;
import dev.rootcause.model.cluster.PodState;
import java.time.Instant;
import java.util.List;

/**
 * Reads pods and their logs from a live cluster or from kubectl output saved to disk, into model
 * records, so that {@code verify} and {@code diagnose} judge both the same way.
 */
public interface ClusterReader extends AutoCloseable {

  /** Where this reads from, safe to print: {@code context kind-prod}, {@code dump ./incident}. */
  String describe();

  /** The context of every location read: the kubeconfig context, or {@code dump <file>}. */
  String context();

  /** Whether pods can be watched over time (a live cluster) or only seen once (a dump). */
  boolean live();

  List<PodState> pods(String namespace) throws ClusterReadException;

  /** The logs of every container of every pod in the namespace, from {@code since} where possible. */
  List<ContainerLog> logs(String namespace, Instant since) throws ClusterReadException;

  /** The time the state was read at: now for a live cluster, the dump's time for a dump. */
  Instant now();

  @Override
  void close();
}
