package dev.rootcause.model.cluster;

import dev.rootcause.model.ClusterLocation;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A pod as the cluster (or a dump of it) reports it: phase, readiness and the state of each
 * container. Read by {@code verify}, and by {@code diagnose} later.
 *
 * @param ready the pod's Ready condition is True
 * @param readySince when the Ready condition last changed; null if unknown
 * @param location where this pod was read: a live cluster object or a dump file
 * @param ip the pod's IP ({@code status.podIP}), which a log may name instead of a Service; null
 *     when it has none (Pending) or it was not read
 */
public record PodState(
    String namespace,
    String name,
    String phase,
    boolean ready,
    Instant readySince,
    Map<String, String> labels,
    List<ContainerState> containers,
    ClusterLocation location,
    String ip)
    implements Serializable {

  public PodState {
    labels = Map.copyOf(labels);
    containers = List.copyOf(containers);
    ip = ip == null || ip.isEmpty() ? null : ip;
  }

  /** A field of this pod, in the context it was read from ({@code .metadata.creationTimestamp}). */
  public ClusterLocation at(String fieldPath) {
    return new ClusterLocation(location.context(), namespace, "Pod", name, fieldPath);
  }

  /** The pod as a whole, for findings about its coming or going. */
  public ClusterLocation object() {
    return at(null);
  }

  /** When the pod was created, for findings about a pod that is new. */
  public ClusterLocation creation() {
    return at(".metadata.creationTimestamp");
  }

  /** Where one container's status is, for findings about that container. */
  public ClusterLocation containerStatus(String container) {
    return at(".status.containerStatuses{" + container + "}");
  }

  public int restarts() {
    return containers.stream().mapToInt(ContainerState::restartCount).sum();
  }

  /** {@code Running} or the reason a container is stuck, as the STATUS column of kubectl. */
  public String status() {
    for (ContainerState c : containers) {
      if (c.state() != ContainerState.State.RUNNING
          && c.reason() != null
          && !c.reason().isEmpty()) {
        return c.reason();
      }
    }
    return phase;
  }

  /** Phase Running and Ready: what "healthy" means for a serving pod. */
  public boolean runningAndReady() {
    return "Running".equals(phase) && ready;
  }

  /** Whether the pod belongs to a Job (it completes; not a serving pod). */
  public boolean succeeded() {
    return "Succeeded".equals(phase);
  }
}
