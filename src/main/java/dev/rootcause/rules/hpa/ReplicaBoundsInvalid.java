package dev.rootcause.rules.hpa;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.SourceLocation;
import dev.rootcause.model.k8s.Autoscaler;
import dev.rootcause.model.k8s.ReplicaBounds;
import dev.rootcause.rules.AutoscalerRule;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;

/**
 * An HPA the API server refuses: {@code minReplicas} above {@code maxReplicas}, a zero or missing
 * bound, or a metric without a {@code target}. The HPA never exists, so the workload stays at its
 * fixed count however loaded it is.
 */
@RuleSpec(
    id = "hpa/replica-bounds-invalid",
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "HPA bounds or metric targets are invalid, so the API server rejects it",
    symptom =
        "kubectl apply fails with HorizontalPodAutoscaler.autoscaling \"...\" is invalid:"
            + " spec.maxReplicas: Invalid value: ...: must be greater than or equal to `minReplicas`"
            + " (or a Required value); nothing autoscales",
    fix = "Set minReplicas (at least 1) at or below maxReplicas, and give every metric a target.")
public final class ReplicaBoundsInvalid implements AutoscalerRule {

  @Override
  public void check(Autoscaler hpa, RuleContext ctx) {
    ReplicaBounds b = ctx.model().kube().bounds(hpa).orElse(null);
    if (b == null) {
      return;
    }
    String name = "HorizontalPodAutoscaler " + hpa.meta().name();
    if (b.max() == null) {
      ctx.report(
              hpa.meta().location(), name + " has no maxReplicas: spec.maxReplicas: Required value")
          .fix(
              "Add maxReplicas (at least "
                  + Math.max(1, b.min() == null ? 1 : b.min())
                  + ") to "
                  + name
                  + ".");
    } else if (b.max() < 1) {
      ctx.report(
              b.maxAt(),
              name
                  + " sets maxReplicas: "
                  + b.max()
                  + ": spec.maxReplicas: Invalid value: "
                  + b.max()
                  + ": must be greater than 0")
          .fix(
              "Set maxReplicas to the most pods the workload may run (at least 1) in "
                  + name
                  + ".");
    } else if (b.min() != null && b.min() > b.max()) {
      ctx.report(
              b.minAt(),
              name
                  + " sets minReplicas: "
                  + b.min()
                  + " above maxReplicas: "
                  + b.max()
                  + ": spec.maxReplicas: Invalid value: "
                  + b.max()
                  + ": must be greater than or equal to `minReplicas`")
          .related(b.maxAt(), "maxReplicas: " + b.max())
          .fix(
              "Set maxReplicas to at least "
                  + b.min()
                  + " (or minReplicas to at most "
                  + b.max()
                  + ") in "
                  + name
                  + ".");
    }
    if (b.min() != null && b.min() < 1) {
      ctx.report(
              b.minAt(),
              name
                  + " sets minReplicas: "
                  + b.min()
                  + ": spec.minReplicas: Invalid value: "
                  + b.min()
                  + ": must be greater than or equal to 1 (scale to zero needs the HPAScaleToZero"
                  + " feature gate)")
          .fix("Set minReplicas: 1 in " + name + " (use KEDA to scale to zero).");
    }
    for (SourceLocation at : b.metricsWithoutTarget()) {
      ctx.report(
              at,
              name
                  + " has a metric without a target: Required value: must specify a"
                  + " metric target")
          .fix(
              "Add target: {type: Utilization, averageUtilization: 70} (or the AverageValue the"
                  + " metric needs) under that metric of "
                  + name
                  + ".");
    }
  }
}
