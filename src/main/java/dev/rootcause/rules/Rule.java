package dev.rootcause.rules;

import dev.rootcause.model.RuleInfo;
import dev.rootcause.model.SystemModel;

/**
 * A question asked of the system model. A rule implements exactly one scope interface; the engine
 * iterates that scope and hands each element to {@code check}. Rules read the model and report
 * through the {@link RuleContext}; they never touch files, clusters or the network.
 */
public sealed interface Rule
    permits ContainerRule,
        WorkloadRule,
        ServiceRule,
        AutoscalerRule,
        NetworkPolicyRule,
        DockerfileRule,
        AppRule,
        PipelineRule,
        SystemRule,
        PodRule,
        ContainerLogRule {

  default RuleInfo info() {
    return RuleInfos.of(getClass());
  }

  /**
   * Whether the model holds what this rule reads. A rule that does not apply is not run, so a
   * report never counts as checked a source that was not read.
   */
  default boolean appliesTo(SystemModel model) {
    return true;
  }
}
