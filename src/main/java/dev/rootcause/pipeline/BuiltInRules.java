package dev.rootcause.pipeline;

import dev.rootcause.rules.app.DevServerInProduction;
import dev.rootcause.rules.app.HealthEndpointFails;
import dev.rootcause.rules.app.JsonLoadsOnFile;
import dev.rootcause.rules.app.ListensOnLoopback;
import dev.rootcause.rules.app.OutboundCallWithoutTimeout;
import dev.rootcause.rules.app.RandomFailureInjection;
import dev.rootcause.rules.app.RetryWithoutBackoff;
import dev.rootcause.rules.app.ServeErrorIgnored;
import dev.rootcause.rules.app.SleepInHandler;
import dev.rootcause.rules.app.UnboundedGrowthInHandler;
import dev.rootcause.rules.app.UnguardedSharedState;
import dev.rootcause.rules.cross.ProbePathNotServed;
import dev.rootcause.rules.cross.RequiredEnvMissing;
import dev.rootcause.rules.cross.ImageNotBuilt;
import dev.rootcause.rules.cross.PortMismatch;
import dev.rootcause.rules.docker.CacheBustingCopyOrder;
import dev.rootcause.rules.docker.CopyFromMissingPath;
import dev.rootcause.rules.docker.EntrypointNotBuilt;
import dev.rootcause.rules.docker.HeavyBaseImage;
import dev.rootcause.rules.docker.MissingCaCertificates;
import dev.rootcause.rules.docker.RunsAsRoot;
import dev.rootcause.rules.hpa.ReplicasOverrideAutoscaler;
import dev.rootcause.rules.hpa.StaticAverageValue;
import dev.rootcause.rules.hpa.TargetHasNoRequests;
import dev.rootcause.rules.hpa.TargetMissing;
import dev.rootcause.rules.k8s.FaultInjectionEnabled;
import dev.rootcause.rules.k8s.LocalImageAlwaysPulled;
import dev.rootcause.rules.k8s.MemoryLimitTooLow;
import dev.rootcause.rules.k8s.MissingLivenessProbe;
import dev.rootcause.rules.k8s.MissingReadinessProbe;
import dev.rootcause.rules.k8s.MissingResources;
import dev.rootcause.rules.k8s.ProbePortNotExposed;
import dev.rootcause.rules.k8s.ProbeTimingTooAggressive;
import dev.rootcause.rules.k8s.ServiceSelectsNothing;
import dev.rootcause.rules.k8s.ServiceTargetPortUnresolved;
import dev.rootcause.rules.k8s.UnknownServiceHost;
import dev.rootcause.rules.network.EgressBlocksDns;
import dev.rootcause.rules.network.PolicyBlocksServiceTraffic;
import dev.rootcause.rules.network.PolicySelectsNothing;
import dev.rootcause.rules.pipeline.DeployWithoutRollback;
import dev.rootcause.rules.pipeline.DeployWithoutSmokeTest;
import dev.rootcause.rules.Rule;
import dev.rootcause.rules.runtime.ErrorLinesInLogs;
import dev.rootcause.rules.runtime.PodNotReady;
import dev.rootcause.rules.runtime.RestartedInWindow;
import java.util.List;

/**
 * The catalogue: every built-in rule, once, sorted by id. Adding a rule means adding its class
 * here; {@code RuleCatalogueTest} fails when a {@code @RuleSpec} class is missing from this list.
 */
public final class BuiltInRules {
  private BuiltInRules() {}

  public static List<Rule> all() {
    return List.of(
        new DevServerInProduction(),
        new HealthEndpointFails(),
        new JsonLoadsOnFile(),
        new ListensOnLoopback(),
        new OutboundCallWithoutTimeout(),
        new RandomFailureInjection(),
        new RetryWithoutBackoff(),
        new ServeErrorIgnored(),
        new SleepInHandler(),
        new UnboundedGrowthInHandler(),
        new UnguardedSharedState(),
        new ImageNotBuilt(),
        new PortMismatch(),
        new ProbePathNotServed(),
        new RequiredEnvMissing(),
        new CacheBustingCopyOrder(),
        new CopyFromMissingPath(),
        new EntrypointNotBuilt(),
        new HeavyBaseImage(),
        new MissingCaCertificates(),
        new RunsAsRoot(),
        new ReplicasOverrideAutoscaler(),
        new StaticAverageValue(),
        new TargetHasNoRequests(),
        new TargetMissing(),
        new FaultInjectionEnabled(),
        new LocalImageAlwaysPulled(),
        new MemoryLimitTooLow(),
        new MissingLivenessProbe(),
        new MissingReadinessProbe(),
        new MissingResources(),
        new ProbePortNotExposed(),
        new ProbeTimingTooAggressive(),
        new ServiceSelectsNothing(),
        new ServiceTargetPortUnresolved(),
        new UnknownServiceHost(),
        new EgressBlocksDns(),
        new PolicyBlocksServiceTraffic(),
        new PolicySelectsNothing(),
        new DeployWithoutRollback(),
        new DeployWithoutSmokeTest(),
        new ErrorLinesInLogs(),
        new PodNotReady(),
        new RestartedInWindow());
  }
}
