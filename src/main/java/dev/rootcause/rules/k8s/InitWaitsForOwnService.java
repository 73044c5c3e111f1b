package dev.rootcause.rules.k8s;

import dev.rootcause.model.ClusterDns;
import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.k8s.Container;
import dev.rootcause.model.k8s.InitWaits;
import dev.rootcause.model.k8s.Service;
import dev.rootcause.model.k8s.Workload;
import dev.rootcause.rules.ContainerRule;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import java.util.Optional;

/**
 * An init container that waits for the Service in front of its own pod: the Service gets an
 * endpoint only when the pod is Ready, and the pod cannot be Ready before its init containers
 * finish. A DNS lookup only deadlocks on a headless Service (a ClusterIP name resolves with no
 * endpoints); a connection deadlocks on any.
 */
@RuleSpec(
    id = "k8s/init-waits-for-own-service",
    severity = Severity.CRITICAL,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Init container waits for the Service that selects its own pod",
    symptom =
        "kubectl get pods shows Init:0/1 forever (or Init:CrashLoopBackOff); the Service never"
            + " gets an endpoint, because it needs this very pod to be Ready",
    fix = "Wait for the dependency's Service, not this pod's own (or drop the wait).")
public final class InitWaitsForOwnService implements ContainerRule {

  @Override
  public void check(Workload workload, Container container, RuleContext ctx) {
    if (!container.init()) {
      return;
    }
    for (InitWaits.Call call : InitWaits.of(container)) {
      Optional<ClusterDns.ServiceName> name =
          ClusterDns.serviceName(call.host(), workload.meta().namespace());
      if (name.isEmpty()) {
        continue;
      }
      for (Service service : ctx.model().servicesSelecting(workload)) {
        if (!service.name().equals(name.get().service())
            || !service.meta().sameNamespace(name.get().namespace())
            || !call.connects() && !service.headless()) {
          continue;
        }
        boolean others =
            ctx.model().workloadsSelectedBy(service).stream()
                .anyMatch(w -> w != workload && !w.runsToCompletion());
        if (others) {
          continue; // another workload's pods may make the Service ready
        }
        ctx.report(
                container.location(),
                "init container "
                    + container.name()
                    + " waits for "
                    + call.host()
                    + " ("
                    + call.program()
                    + "), but Service "
                    + service.name()
                    + " selects this pod itself: it has no endpoint until the pod is Ready,"
                    + " which the wait prevents")
            .related(
                service.meta().location(),
                "Service " + service.name() + " selects " + workload.meta().displayName())
            .fix(
                "Remove the wait for "
                    + call.host()
                    + " from init container "
                    + container.name()
                    + " (or point it at the dependency the pod really needs).");
        return;
      }
    }
  }
}
