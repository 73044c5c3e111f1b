package dev.rootcause.rules;

import dev.rootcause.model.k8s.NetworkPolicy;

/** A rule asked once for each NetworkPolicy. */
public non-sealed interface NetworkPolicyRule extends Rule {
  void check(NetworkPolicy policy, RuleContext ctx);
}
