package dev.rootcause.rules;

import dev.rootcause.model.k8s.Container;
import dev.rootcause.model.k8s.Workload;

/** A rule asked once for each container of each workload, init containers included. */
public non-sealed interface ContainerRule extends Rule {
  void check(Workload workload, Container container, RuleContext ctx);
}
