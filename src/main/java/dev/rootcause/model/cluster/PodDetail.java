package dev.rootcause.model.cluster;

import java.io.Serializable;
import java.util.List;

/**
 * What a pod's spec and owners say beside its status: the object a person fixes (the Deployment,
 * found through the ReplicaSet) and each container as declared.
 *
 * @param ownerKind {@code Deployment}, {@code StatefulSet}, {@code Job}...; null when the pod is
 *     its own
 * @param ownerName the owner's name; null when the pod is its own
 * @param pullSecrets whether the pod sends registry credentials ({@code imagePullSecrets})
 */
public record PodDetail(
    String namespace,
    String pod,
    String ownerKind,
    String ownerName,
    boolean pullSecrets,
    List<ContainerSpec> containers)
    implements Serializable {

  public PodDetail {
    containers = List.copyOf(containers);
  }

  /** The declared container of that name, or null. */
  public ContainerSpec container(String name) {
    return containers.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
  }
}
