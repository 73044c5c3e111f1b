package dev.rootcause.rules;

import dev.rootcause.model.k8s.Workload;

/** A rule asked once for each workload (anything with a pod template). */
public non-sealed interface WorkloadRule extends Rule {
  void check(Workload workload, RuleContext ctx);
}
