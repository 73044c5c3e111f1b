package dev.rootcause.rules.k8s;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.k8s.PodDetails;
import dev.rootcause.model.k8s.Scaling;
import dev.rootcause.model.k8s.Workload;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import dev.rootcause.rules.WorkloadRule;
import java.util.Optional;

/**
 * {@code maxUnavailable: 100%}, or a count at least the replica count, lets a rolling update stop
 * every old pod before a new one is Ready: each deploy is an outage, and a bad image takes the
 * whole service down instead of stalling. A single replica is not judged (no rollout keeps it up
 * without surge), nor {@code Recreate}, which says so on purpose.
 */
@RuleSpec(
    id = "k8s/rollout-takes-all-pods-down",
    severity = Severity.MEDIUM,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Rolling update may stop every pod at once",
    symptom =
        "during each rollout kubectl get deploy shows READY 0/N and the Service has no endpoints;"
            + " callers get connection refused or 503 until the new pods pass readiness",
    fix =
        "Set maxUnavailable to 25% or 1 (and maxSurge: 1) so old pods serve until new ones are Ready.")
public final class RolloutTakesAllPodsDown implements WorkloadRule {

  @Override
  public void check(Workload workload, RuleContext ctx) {
    PodDetails.Rollout r = ctx.model().kube().rollingUpdate(workload).orElse(null);
    if (r == null || r.maxUnavailable() == null) {
      return;
    }
    Optional<Integer> replicas = Scaling.replicas(ctx.model(), workload);
    boolean all;
    String why;
    if (r.maxUnavailable().percent()) {
      all = r.maxUnavailable().value() >= 100 && replicas.map(n -> n >= 2).orElse(true);
      why = "maxUnavailable: " + r.maxUnavailable() + " lets the rollout stop every pod at once";
    } else {
      int n = replicas.orElse(Integer.MAX_VALUE);
      all = n >= 2 && r.maxUnavailable().value() >= n;
      why =
          "maxUnavailable: "
              + r.maxUnavailable()
              + " is at least its "
              + n
              + " replicas, so the rollout may stop every pod at once";
    }
    if (!all) {
      return;
    }
    ctx.report(
            r.maxUnavailableAt(),
            workload.meta().displayName() + ": " + why + " before any new pod is Ready")
        .fix(
            "Set maxUnavailable: 25% (or 1) and maxSurge: 1 in "
                + workload.meta().displayName()
                + ".");
  }
}
