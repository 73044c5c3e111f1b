package dev.rootcause.rules;

import dev.rootcause.model.SystemModel;
import dev.rootcause.model.cluster.ClusterState;
import dev.rootcause.model.cluster.ContainerLog;

/** A rule asked once for each container log of the cluster state, when the model holds one. */
public non-sealed interface ContainerLogRule extends Rule {
  void check(ContainerLog log, ClusterState cluster, RuleContext ctx);

  @Override
  default boolean appliesTo(SystemModel model) {
    return model.cluster().isPresent();
  }
}
