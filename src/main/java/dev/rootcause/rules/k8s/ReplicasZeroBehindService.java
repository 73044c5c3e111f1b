package dev.rootcause.rules.k8s;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.k8s.Scaling;
import dev.rootcause.model.k8s.Service;
import dev.rootcause.model.k8s.Workload;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import dev.rootcause.rules.WorkloadRule;
import java.util.List;

/**
 * A workload left at {@code replicas: 0} while a Service routes to it (a scale-down for
 * maintenance, a copied manifest): the Service has no pod to send traffic to. Silent when another
 * workload behind the same Service runs pods (blue/green), or when an HPA or KEDA owns the count.
 */
@RuleSpec(
    id = "k8s/replicas-zero-behind-service",
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Workload runs zero replicas while a Service routes traffic to it",
    symptom =
        "kubectl get deploy shows READY 0/0, the Service's endpoints are <none>, and callers get"
            + " connection refused (an Ingress answers 503 Service Temporarily Unavailable)",
    fix =
        "Set spec.replicas to the number of pods the Service needs (at least 1, 2 for a node loss).")
public final class ReplicasZeroBehindService implements WorkloadRule {

  @Override
  public void check(Workload workload, RuleContext ctx) {
    if (workload.replicas() == null
        || workload.replicas() != 0
        || workload.replicasLocation() == null
        || !Scaling.scalable(workload)
        || Scaling.managedElsewhere(ctx.model(), workload)) {
      return;
    }
    for (Service service : ctx.model().servicesSelecting(workload)) {
      List<Workload> behind = ctx.model().workloadsSelectedBy(service);
      boolean othersRun =
          behind.stream()
              .anyMatch(
                  w ->
                      w != workload
                          && !w.runsToCompletion()
                          && (w.replicas() == null || w.replicas() > 0));
      if (othersRun) {
        continue; // blue/green or canary: the other version serves while this one is parked
      }
      ctx.report(
              workload.replicasLocation(),
              workload.meta().displayName()
                  + " has replicas: 0 and Service "
                  + service.name()
                  + " selects no other running pods: the Service has no endpoints")
          .related(service.meta().location(), "Service " + service.name() + " routes to it")
          .fix(
              "Set replicas: 2 (or at least 1) in "
                  + workload.meta().displayName()
                  + " so Service "
                  + service.name()
                  + " has pods to route to.");
      return;
    }
  }
}
