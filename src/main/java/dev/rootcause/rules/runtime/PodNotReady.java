package dev.rootcause.rules.runtime;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.cluster.ClusterState;
import dev.rootcause.model.cluster.ContainerState;
import dev.rootcause.model.cluster.PodState;
import dev.rootcause.rules.PodRule;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;

/** A serving pod that is not Running and Ready at the last look gets no traffic. */
@RuleSpec(
    id = "runtime/pod-not-ready",
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Pod is not Running and Ready",
    symptom =
        "the pod gets no traffic from its Services: fewer replicas serve than planned, and a"
            + " rollout waiting on it stalls",
    fix =
        "Read why in the pod's events and its containers' last logs (kubectl describe pod,"
            + " kubectl logs --previous), fix that cause, and verify again.")
public final class PodNotReady implements PodRule {

  @Override
  public void check(PodState pod, ClusterState cluster, RuleContext ctx) {
    if (pod.succeeded() || pod.runningAndReady() || !cluster.present(pod.name())) {
      return; // a finished Job's pod serves nothing; a pod gone is the restart rule's business
    }
    boolean notReady = !pod.ready() && "Running".equals(pod.phase());
    var finding =
        ctx.report(
            pod.location(),
            pod.name() + " (" + pod.status() + (notReady ? ", not Ready" : "") + ")");
    for (ContainerState c : pod.containers()) {
      if (!c.ready()) {
        finding.related(
            pod.containerStatus(c.name()),
            "container "
                + c.name()
                + " "
                + c.display()
                + (c.message() == null ? "" : ": " + c.message()));
      }
    }
  }
}
