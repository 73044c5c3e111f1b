package dev.rootcause.rules.k8s;

import dev.rootcause.model.Severity;
import dev.rootcause.model.k8s.Container;
import dev.rootcause.model.k8s.Workload;
import dev.rootcause.rules.ContainerRule;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;

/** Seed 000: "no automatic restart if container crashed": the deployment had no liveness probe. */
@RuleSpec(
    id = "k8s/missing-liveness-probe",
    severity = Severity.MEDIUM,
    summary = "Long-running container has no liveness probe",
    symptom = "a hung process keeps its pod Running and serving errors; nothing restarts it",
    fix = "Add a livenessProbe on a cheap endpoint that fails only when the process must be restarted.")
public final class MissingLivenessProbe implements ContainerRule {

  @Override
  public void check(Workload workload, Container container, RuleContext ctx) {
    if (container.init() || workload.runsToCompletion() || container.liveness() != null) {
      return;
    }
    ctx.report(container.location(), "container " + container.name() + " has no livenessProbe");
  }
}
