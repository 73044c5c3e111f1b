package dev.rootcause.rules;

import dev.rootcause.model.RuleInfo;

/**
 * A question asked of the system model. A rule implements exactly one scope interface; the engine
 * iterates that scope and hands each element to {@code check}. Rules read the model and report
 * through the {@link RuleContext}; they never touch files, clusters or the network.
 */
public sealed interface Rule
    permits ContainerRule, WorkloadRule, ServiceRule, AutoscalerRule, NetworkPolicyRule,
        DockerfileRule, AppRule, PipelineRule, SystemRule {

  default RuleInfo info() {
    return RuleInfos.of(getClass());
  }
}
