package dev.rootcause.rules.k8s;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.k8s.PodDetails;
import dev.rootcause.model.k8s.Workload;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import dev.rootcause.rules.WorkloadRule;

/**
 * A rolling update that may neither stop an old pod nor start a new one ({@code maxUnavailable: 0}
 * with {@code maxSurge: 0}) can never replace anything, so the API server refuses it. One zero
 * alone is fine: the other default (25%) lets the rollout move.
 */
@RuleSpec(
    id = "k8s/rollout-cannot-progress",
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Rolling update sets both maxUnavailable and maxSurge to 0",
    symptom =
        "kubectl apply fails: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: ...: may"
            + " not be 0 when `maxSurge` is 0; the new version is never deployed",
    fix = "Set maxSurge: 1 (zero-downtime: a new pod starts before an old one stops).")
public final class RolloutCannotProgress implements WorkloadRule {

  @Override
  public void check(Workload workload, RuleContext ctx) {
    PodDetails.Rollout r = ctx.model().kube().rollingUpdate(workload).orElse(null);
    if (r == null
        || r.maxUnavailable() == null
        || r.maxSurge() == null
        || !r.maxUnavailable().isZero()
        || !r.maxSurge().isZero()) {
      return;
    }
    String field = workload.kind().equals("Deployment") ? "strategy" : "updateStrategy";
    ctx.report(
            r.maxSurgeAt(),
            workload.meta().displayName()
                + " sets maxUnavailable: "
                + r.maxUnavailable()
                + " and maxSurge: "
                + r.maxSurge()
                + ": no pod may stop and none may be added, so the API server rejects the "
                + field)
        .related(r.maxUnavailableAt(), "maxUnavailable: " + r.maxUnavailable())
        .fix(
            "Set maxSurge: 1 in "
                + workload.meta().displayName()
                + " (keep maxUnavailable: 0 for zero-downtime rollouts).");
  }
}
