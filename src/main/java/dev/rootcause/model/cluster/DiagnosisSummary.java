package dev.rootcause.model.cluster;

import dev.rootcause.model.ClusterLocation;
import dev.rootcause.model.Finding;
import java.io.Serializable;
import java.util.List;

/**
 * The first screen of a diagnosis, as the use case computed it: how many workloads are down or
 * degraded, the Services where the user's path breaks (those reached from outside first), and the
 * three findings to fix first.
 *
 * @param workloads the objects a person fixes that run serving pods (Deployments, StatefulSets)
 * @param down those with a symptom (a root cause at medium or above) and no pod Running and Ready
 * @param degraded those with a symptom and some pods Ready
 * @param pathBreaks Services with no ready endpoint, exposed ones first
 * @param fixFirst the first root causes at medium or above by severity and blast radius, at most
 *     three
 */
public record DiagnosisSummary(
    int workloads, int down, int degraded, List<PathBreak> pathBreaks, List<Finding> fixFirst)
    implements Serializable {

  public DiagnosisSummary {
    pathBreaks = List.copyOf(pathBreaks);
    fixFirst = List.copyOf(fixFirst);
  }

  /**
   * A Service with no ready endpoint.
   *
   * @param type {@code LoadBalancer}, {@code NodePort}, {@code ClusterIP}
   * @param exposed reached from outside the cluster: the first hop of users
   */
  public record PathBreak(ClusterLocation service, String type, boolean exposed)
      implements Serializable {}
}
