package dev.rootcause.rules;

import dev.rootcause.model.SystemModel;
import dev.rootcause.model.cluster.ClusterState;
import dev.rootcause.model.cluster.PodState;

/**
 * A rule asked once for each pod of the cluster state, when the model holds one: every pod seen at
 * any look, in the state last seen; {@code cluster} tells its history and whether it is still
 * there.
 */
public non-sealed interface PodRule extends Rule {
  void check(PodState pod, ClusterState cluster, RuleContext ctx);

  @Override
  default boolean appliesTo(SystemModel model) {
    return model.cluster().isPresent();
  }
}
