package dev.rootcause.rules;

import dev.rootcause.model.k8s.Autoscaler;

/** A rule asked once for each HorizontalPodAutoscaler. */
public non-sealed interface AutoscalerRule extends Rule {
  void check(Autoscaler autoscaler, RuleContext ctx);
}
