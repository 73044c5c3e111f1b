package dev.rootcause.rules;

import dev.rootcause.rules.cross.ImageNotBuilt;
import dev.rootcause.rules.k8s.LocalImageAlwaysPulled;
import java.util.List;

/**
 * The catalogue: every built-in rule, once, sorted by id. Adding a rule means adding its class
 * here; {@code RuleCatalogueTest} fails when a {@link RuleSpec} class is missing from this list.
 */
public final class BuiltInRules {
  private BuiltInRules() {}

  public static List<Rule> all() {
    return List.of(
        // RULES: keep sorted by id
        new ImageNotBuilt(),
        new dev.rootcause.rules.k8s.FaultInjectionEnabled(),
        new LocalImageAlwaysPulled(),
        new dev.rootcause.rules.k8s.MissingLivenessProbe(),
        new dev.rootcause.rules.k8s.MissingReadinessProbe(),
        new dev.rootcause.rules.k8s.MissingResources(),
        new dev.rootcause.rules.k8s.ProbePortNotExposed(),
        new dev.rootcause.rules.k8s.ProbeTimingTooAggressive(),
        new dev.rootcause.rules.k8s.ServiceSelectsNothing(),
        new dev.rootcause.rules.k8s.ServiceTargetPortUnresolved());
  }
}
