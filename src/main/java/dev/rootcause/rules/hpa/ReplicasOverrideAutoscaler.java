package dev.rootcause.rules.hpa;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.k8s.Autoscaler;
import dev.rootcause.model.k8s.Workload;
import dev.rootcause.rules.AutoscalerRule;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import java.util.Optional;

/**
 * The Kubernetes docs' own warning: with an HPA, spec.replicas in the manifest resets the scale the
 * HPA chose on every apply.
 */
@RuleSpec(
    id = "hpa/replicas-override-autoscaler",
    severity = Severity.MEDIUM,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Workload manifest sets replicas while an HPA manages its scale",
    symptom =
        "every kubectl apply (each deploy) resets the pod count to spec.replicas: pods the HPA"
            + " added under load are killed until it scales out again",
    fix = "Remove spec.replicas from the manifest and let the HPA own the count (minReplicas).")
public final class ReplicasOverrideAutoscaler implements AutoscalerRule {

  @Override
  public void check(Autoscaler hpa, RuleContext ctx) {
    Optional<Workload> target = PodResources.target(ctx.model(), hpa);
    if (target.isEmpty()
        || target.get().replicasLocation() == null
        || target.get().replicas() == null) {
      return;
    }
    Workload w = target.get();
    String range = (hpa.minReplicas() == null ? 1 : hpa.minReplicas()) + ".." + hpa.maxReplicas();
    ctx.report(
            w.replicasLocation(),
            w.meta().displayName()
                + " sets replicas: "
                + w.replicas()
                + " while HPA "
                + hpa.meta().name()
                + " scales it within "
                + range
                + ": every apply of this manifest resets it to "
                + w.replicas())
        .related(hpa.targetLocation(), "HPA " + hpa.meta().name() + " targets " + w.name())
        .fix(
            "Remove replicas: "
                + w.replicas()
                + " from "
                + w.meta().displayName()
                + "; HPA "
                + hpa.meta().name()
                + " keeps at least "
                + (hpa.minReplicas() == null ? 1 : hpa.minReplicas())
                + " pods.");
  }
}
