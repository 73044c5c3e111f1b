package dev.rootcause.rules;

import dev.rootcause.rules.app.DevServerInProduction;
import dev.rootcause.rules.app.HealthEndpointFails;
import dev.rootcause.rules.app.JsonLoadsOnFile;
import dev.rootcause.rules.app.OutboundCallWithoutTimeout;
import dev.rootcause.rules.app.RandomFailureInjection;
import dev.rootcause.rules.app.RetryWithoutBackoff;
import dev.rootcause.rules.app.SleepInHandler;
import dev.rootcause.rules.app.UnboundedGrowthInHandler;
import dev.rootcause.rules.app.UnguardedSharedState;
import dev.rootcause.rules.cross.ProbePathNotServed;
import dev.rootcause.rules.cross.RequiredEnvMissing;
import dev.rootcause.rules.docker.CacheBustingCopyOrder;
import dev.rootcause.rules.docker.CopyFromMissingPath;
import dev.rootcause.rules.docker.EntrypointNotBuilt;
import dev.rootcause.rules.docker.HeavyBaseImage;
import dev.rootcause.rules.docker.MissingCaCertificates;
import dev.rootcause.rules.docker.RunsAsRoot;
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
        new DevServerInProduction(),
        new HealthEndpointFails(),
        new JsonLoadsOnFile(),
        new OutboundCallWithoutTimeout(),
        new RandomFailureInjection(),
        new RetryWithoutBackoff(),
        new SleepInHandler(),
        new UnboundedGrowthInHandler(),
        new UnguardedSharedState(),
        new ProbePathNotServed(),
        new RequiredEnvMissing(),
        new CacheBustingCopyOrder(),
        new CopyFromMissingPath(),
        new EntrypointNotBuilt(),
        new HeavyBaseImage(),
        new MissingCaCertificates(),
        new RunsAsRoot(),
        new dev.rootcause.rules.k8s.FaultInjectionEnabled(),
        new dev.rootcause.rules.k8s.MissingLivenessProbe(),
        new dev.rootcause.rules.k8s.MissingReadinessProbe(),
        new dev.rootcause.rules.k8s.MissingResources(),
        new dev.rootcause.rules.k8s.ProbePortNotExposed(),
        new dev.rootcause.rules.k8s.ProbeTimingTooAggressive(),
        new dev.rootcause.rules.k8s.ServiceSelectsNothing(),
        new dev.rootcause.rules.k8s.ServiceTargetPortUnresolved(),
        new dev.rootcause.rules.pipeline.DeployWithoutRollback(),
        new dev.rootcause.rules.pipeline.DeployWithoutSmokeTest());
  }
}
