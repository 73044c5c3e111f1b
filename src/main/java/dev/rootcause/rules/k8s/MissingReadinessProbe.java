package dev.rootcause.rules.k8s;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.k8s.Container;
import dev.rootcause.model.k8s.Workload;
import dev.rootcause.rules.ContainerRule;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;

/** A container behind a Service with no readiness probe receives traffic before it can serve. */
@RuleSpec(
    id = "k8s/missing-readiness-probe",
    severity = Severity.MEDIUM,
    kind = FindingKind.HARDENING,
    summary = "Container behind a Service has no readiness probe",
    symptom = "errors during every rollout and restart: traffic arrives before the app listens",
    fix = "Add a readinessProbe on an endpoint that succeeds only when the app can serve requests.")
public final class MissingReadinessProbe implements ContainerRule {

  @Override
  public void check(Workload workload, Container container, RuleContext ctx) {
    if (container.init() || workload.runsToCompletion() || container.readiness() != null) {
      return;
    }
    var services = ctx.model().servicesSelecting(workload);
    if (services.isEmpty()) {
      return; // no Service routes to it: readiness gates nothing
    }
    ctx.report(
            container.location(),
            "container "
                + container.name()
                + " has no readinessProbe, yet "
                + services.get(0).meta().displayName()
                + " routes traffic to it")
        .related(services.get(0).meta().location(), "selects these pods");
  }
}
