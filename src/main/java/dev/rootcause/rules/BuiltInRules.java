package dev.rootcause.rules;

import dev.rootcause.rules.hpa.ReplicasOverrideAutoscaler;
import dev.rootcause.rules.hpa.StaticAverageValue;
import dev.rootcause.rules.hpa.TargetHasNoRequests;
import dev.rootcause.rules.hpa.TargetMissing;
import dev.rootcause.rules.k8s.UnknownServiceHost;
import dev.rootcause.rules.network.EgressBlocksDns;
import dev.rootcause.rules.network.PolicyBlocksServiceTraffic;
import dev.rootcause.rules.network.PolicySelectsNothing;
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
        new ReplicasOverrideAutoscaler(),
        new StaticAverageValue(),
        new TargetHasNoRequests(),
        new TargetMissing(),
        new dev.rootcause.rules.k8s.FaultInjectionEnabled(),
        new dev.rootcause.rules.k8s.MissingLivenessProbe(),
        new dev.rootcause.rules.k8s.MissingReadinessProbe(),
        new dev.rootcause.rules.k8s.MissingResources(),
        new dev.rootcause.rules.k8s.ProbePortNotExposed(),
        new dev.rootcause.rules.k8s.ProbeTimingTooAggressive(),
        new dev.rootcause.rules.k8s.ServiceSelectsNothing(),
        new dev.rootcause.rules.k8s.ServiceTargetPortUnresolved(),
        new UnknownServiceHost(),
        new EgressBlocksDns(),
        new PolicyBlocksServiceTraffic(),
        new PolicySelectsNothing(),
        new dev.rootcause.rules.pipeline.DeployWithoutRollback(),
        new dev.rootcause.rules.pipeline.DeployWithoutSmokeTest());
  }
}
