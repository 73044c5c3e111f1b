package dev.rootcause.rules;

import dev.rootcause.model.k8s.Service;

/** A rule asked once for each Service. */
public non-sealed interface ServiceRule extends Rule {
  void check(Service service, RuleContext ctx);
}
