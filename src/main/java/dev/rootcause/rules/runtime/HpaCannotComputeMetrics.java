package dev.rootcause.rules.runtime;

import dev.rootcause.model.ClusterLocation;
import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.cluster.AutoscalerState;
import dev.rootcause.model.cluster.ClusterEvent;
import dev.rootcause.model.cluster.ClusterState;
import dev.rootcause.model.cluster.Condition;
import dev.rootcause.model.cluster.MetricsFailure;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import dev.rootcause.rules.SystemRule;

/**
 * A HorizontalPodAutoscaler that cannot compute its metrics ({@code ScalingActive=False} with a
 * {@code FailedGet...Metric} reason, or those events while it is not active), with why: a container
 * without the request its utilization target divides by, no metrics API (no metrics-server), or no
 * metrics for its pods. It then never scales, under any load.
 */
@RuleSpec(
    id = "runtime/hpa-cannot-compute-metrics",
    severity = Severity.MEDIUM,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Autoscaler cannot compute its metrics and never scales",
    symptom =
        "kubectl get hpa shows <unknown>/70%: the workload stays at its current replicas under"
            + " any load, and slows or fails when load comes",
    fix =
        "Set the resource requests the target divides by on every container of the target, and"
            + " run a metrics server (kubectl top pods must answer).")
public final class HpaCannotComputeMetrics implements SystemRule {

  @Override
  public void check(RuleContext ctx) {
    ClusterState cluster = Symptoms.cluster(ctx);
    if (cluster == null) {
      return;
    }
    for (AutoscalerState hpa : cluster.objects().autoscalers()) {
      Condition active = hpa.condition("ScalingActive");
      if (active != null && "True".equals(active.status())) {
        continue; // computing now: earlier failures were the start-up of its pods
      }
      MetricsFailure failure =
          active == null ? null : MetricsFailure.of(active.reason(), active.message());
      String evidence = active == null ? null : "condition " + active.summary();
      if (failure == null) {
        ClusterEvent event = event(cluster, hpa);
        if (event == null) {
          continue;
        }
        failure = MetricsFailure.of(event.reason(), event.message());
        evidence = "event " + event.summary();
      }
      report(ctx, cluster, hpa, failure, evidence);
    }
  }

  private static ClusterEvent event(ClusterState cluster, AutoscalerState hpa) {
    ClusterEvent last = null;
    for (ClusterEvent e : cluster.objects().events()) {
      if ("HorizontalPodAutoscaler".equals(e.kind())
          && hpa.name().equals(e.name())
          && hpa.namespace().equals(e.namespace())
          && MetricsFailure.of(e.reason(), e.message()) != null
          && e.count() >= 3) {
        last = e;
      }
    }
    return last;
  }

  private static void report(
      RuleContext ctx,
      ClusterState cluster,
      AutoscalerState hpa,
      MetricsFailure failure,
      String evidence) {
    ClusterLocation self =
        new ClusterLocation(
            cluster.context(),
            hpa.namespace(),
            "HorizontalPodAutoscaler",
            hpa.name(),
            ".spec.metrics");
    boolean request = failure.kind() == MetricsFailure.Kind.MISSING_REQUEST;
    ClusterLocation where =
        request && hpa.targetKind() != null && failure.container() != null
            ? new ClusterLocation(
                cluster.context(),
                hpa.namespace(),
                hpa.targetKind(),
                hpa.targetName(),
                ".spec.template.spec.containers{" + failure.container() + "}")
            : self;
    String target =
        hpa.targetKind() == null ? "its target" : hpa.targetKind() + " " + hpa.targetName();
    String why =
        switch (failure.kind()) {
          case MISSING_REQUEST ->
              (failure.container() == null ? "a container" : "container " + failure.container())
                  + " of "
                  + target
                  + " sets no "
                  + failure.resource()
                  + " request, and a utilization target is a share of it";
          case NO_METRICS_API ->
              "the resource metrics API (metrics.k8s.io) does not answer: no metrics server runs";
          case NO_METRICS_FOR_PODS ->
              "the metrics server returns nothing for the pods of " + target;
          case OTHER -> "its metrics cannot be read";
        };
    String fix =
        switch (failure.kind()) {
          case MISSING_REQUEST ->
              "Set resources.requests."
                  + failure.resource()
                  + " on "
                  + (failure.container() == null
                      ? "every container"
                      : "container " + failure.container())
                  + " of "
                  + target
                  + " (sidecars included).";
          case NO_METRICS_API ->
              "Install metrics-server (or the adapter the metric needs), and check that kubectl"
                  + " top pods answers.";
          case NO_METRICS_FOR_PODS ->
              "Check that the pods of "
                  + target
                  + " are Ready and that kubectl top pods lists them.";
          case OTHER -> "Read the condition's message: it says which metric fails and why.";
        };
    ctx.report(
            where,
            "HorizontalPodAutoscaler "
                + hpa.name()
                + " cannot compute its metrics ("
                + String.join(", ", hpa.metrics())
                + "): "
                + why)
        .subject(Symptoms.subject(self))
        .related(self, evidence.length() > 400 ? evidence.substring(0, 400) + "..." : evidence)
        .fix(fix);
  }
}
