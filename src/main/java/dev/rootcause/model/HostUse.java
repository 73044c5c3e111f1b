package dev.rootcause.model;

import dev.rootcause.model.k8s.Container;
import dev.rootcause.model.k8s.Workload;
import java.util.List;

/**
 * A host a workload is set up to reach: the reference (host, port, how, where written), who makes
 * it, from which namespace, and the other locations that lead to it (the env entry that pulls a
 * ConfigMap key). {@code container} is null for a config the pod mounts (a ConfigMap volume), and
 * {@code workload} too when no workload of the manifests mounts it; {@code namespace} is null when
 * the manifests leave it to apply time.
 */
public record HostUse(
    Workload workload,
    Container container,
    String namespace,
    HostReference reference,
    List<Evidence> trail,
    Confidence confidence)
    implements java.io.Serializable {

  public HostUse {
    trail = List.copyOf(trail);
  }

  /** {@code database:8080}, or the host alone when no port is known. */
  public String hostPort() {
    return reference.port() == null ? reference.host() : reference.host() + ":" + reference.port();
  }
}
