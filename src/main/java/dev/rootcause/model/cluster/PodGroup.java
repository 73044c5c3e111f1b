package dev.rootcause.model.cluster;

import dev.rootcause.model.ClusterLocation;
import java.io.Serializable;
import java.util.List;

/**
 * The pods of one object a person fixes (a Deployment's replicas), for findings made once per
 * object rather than once per pod.
 *
 * @param owner the Deployment, StatefulSet, DaemonSet or Job; or the pod itself when it has none
 */
public record PodGroup(ClusterLocation owner, List<PodState> pods) implements Serializable {

  public PodGroup {
    pods = List.copyOf(pods);
  }
}
