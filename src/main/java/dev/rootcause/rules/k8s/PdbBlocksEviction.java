package dev.rootcause.rules.k8s;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.k8s.DisruptionBudget;
import dev.rootcause.model.k8s.Scaling;
import dev.rootcause.model.k8s.Workload;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import dev.rootcause.rules.SystemRule;
import java.util.List;
import java.util.Optional;

/**
 * A PodDisruptionBudget that allows no voluntary disruption at all: {@code maxUnavailable: 0},
 * {@code minAvailable: 100%}, or a {@code minAvailable} at least the pods it selects. Every node
 * drain (cluster upgrade, autoscaler scale-down) waits on it forever. The pod count is the selected
 * workloads' replicas, or their HPA's maxReplicas; budgets of pods the repository does not declare
 * are judged only when the count is not needed.
 */
@RuleSpec(
    id = "k8s/pdb-blocks-eviction",
    severity = Severity.MEDIUM,
    kind = FindingKind.ROOT_CAUSE,
    summary = "PodDisruptionBudget allows no pod to be evicted",
    symptom =
        "kubectl drain loops on \"Cannot evict pod as it would violate the pod's disruption"
            + " budget\"; kubectl get pdb shows ALLOWED DISRUPTIONS 0; node upgrades and"
            + " cluster-autoscaler scale-downs stall",
    fix = "Set minAvailable below the replica count (or maxUnavailable: 1).")
public final class PdbBlocksEviction implements SystemRule {

  @Override
  public void check(RuleContext ctx) {
    for (DisruptionBudget pdb : ctx.model().kube().budgets()) {
      String name = "PodDisruptionBudget " + pdb.meta().name();
      if (pdb.maxUnavailable() != null && pdb.maxUnavailable().isZero()) {
        ctx.report(
                pdb.at(),
                name
                    + " sets maxUnavailable: "
                    + pdb.maxUnavailable()
                    + ": no pod it selects may ever be evicted")
            .fix("Set maxUnavailable: 1 in " + name + ".");
        continue;
      }
      if (pdb.minAvailable() == null || pdb.selector() == null) {
        continue;
      }
      if (pdb.minAvailable().percent()) {
        if (pdb.minAvailable().value() >= 100) {
          ctx.report(
                  pdb.at(),
                  name
                      + " sets minAvailable: "
                      + pdb.minAvailable()
                      + ": every pod must stay up, so none may be evicted")
              .fix("Set minAvailable: 50% (or maxUnavailable: 1) in " + name + ".");
        }
        continue;
      }
      List<Workload> selected =
          ctx.model().workloadsMatching(pdb.selector(), pdb.meta().namespace());
      Optional<Integer> pods = podCount(ctx, selected);
      if (pods.isEmpty() || pdb.minAvailable().value() < pods.get()) {
        continue;
      }
      int min = pdb.minAvailable().value();
      String what =
          min > pods.get()
              ? " but selects at most " + pods.get() + " pods: it can never be satisfied"
              : " and selects "
                  + pods.get()
                  + (pods.get() == 1 ? " pod" : " pods")
                  + ": none may be evicted";
      var finding = ctx.report(pdb.at(), name + " requires minAvailable: " + min + what);
      selected.forEach(
          w ->
              finding.related(
                  w.replicasLocation() != null ? w.replicasLocation() : w.meta().location(),
                  w.meta().displayName()
                      + " runs "
                      + Scaling.replicas(ctx.model(), w).orElse(1)
                      + " replicas"));
      finding.fix(
          pods.get() <= 1
              ? "Run at least 2 replicas and set minAvailable: 1 in "
                  + name
                  + " (or drop the budget for a single pod)."
              : "Set minAvailable: "
                  + (pods.get() - 1)
                  + " (or maxUnavailable: 1) in "
                  + name
                  + ".");
    }
  }

  /** The most pods the budget may count, when every selected workload's count is known. */
  private static Optional<Integer> podCount(RuleContext ctx, List<Workload> selected) {
    if (selected.isEmpty()) {
      return Optional.empty();
    }
    int total = 0;
    for (Workload w : selected) {
      Optional<Integer> n = Scaling.replicas(ctx.model(), w);
      if (n.isEmpty()
          || Scaling.managedElsewhere(ctx.model(), w)
              && Scaling.autoscalersOf(ctx.model(), w).isEmpty()) {
        return Optional.empty(); // a DaemonSet runs one per node; KEDA sets its own count
      }
      total += n.get();
    }
    return Optional.of(total);
  }
}
