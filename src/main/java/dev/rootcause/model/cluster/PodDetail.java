package dev.rootcause.model.cluster;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a pod's spec and owners say beside its status: the object a person fixes (the Deployment,
 * found through the ReplicaSet), each container as declared, and what the scheduler weighs.
 *
 * @param ownerKind {@code Deployment}, {@code StatefulSet}, {@code Job}...; null when the pod is
 *     its own
 * @param ownerName the owner's name; null when the pod is its own
 * @param pullSecrets whether the pod sends registry credentials ({@code imagePullSecrets})
 * @param created the pod's creationTimestamp; null if unknown
 * @param nodeName the node it was scheduled to; null while unscheduled
 * @param nodeSelector the pod's {@code nodeSelector}
 * @param claims the PersistentVolumeClaims its volumes name
 */
public record PodDetail(
    String namespace,
    String pod,
    String ownerKind,
    String ownerName,
    boolean pullSecrets,
    List<ContainerSpec> containers,
    Instant created,
    String nodeName,
    Map<String, String> nodeSelector,
    List<String> claims)
    implements Serializable {

  public PodDetail {
    containers = List.copyOf(containers);
    nodeSelector = Map.copyOf(nodeSelector);
    claims = List.copyOf(claims);
  }

  /** The declared container of that name, or null. */
  public ContainerSpec container(String name) {
    return containers.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
  }
}
