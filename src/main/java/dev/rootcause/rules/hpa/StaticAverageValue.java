package dev.rootcause.rules.hpa;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.k8s.Autoscaler;
import dev.rootcause.model.k8s.Container;
import dev.rootcause.model.k8s.ResourceSpec;
import dev.rootcause.model.k8s.Workload;
import dev.rootcause.rules.AutoscalerRule;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/** Seed 001: the HPA targeted {@code averageValue: 500m} of CPU per pod, and never scaled. */
@RuleSpec(
    id = "hpa/static-average-value",
    severity = Severity.MEDIUM,
    kind = FindingKind.ROOT_CAUSE,
    summary = "HPA scales CPU or memory on a fixed amount per pod instead of utilization",
    symptom =
        "the HPA does not follow load: it waits for an absolute usage per pod that ignores"
            + " the pods' requests, and may lie above their limit",
    fix =
        "Use target type: Utilization with averageUtilization between 50 and 80 (percent of the"
            + " pods' request).")
public final class StaticAverageValue implements AutoscalerRule {

  /** The HPA acts only when usage is off its target by more than this (the controller default). */
  private static final BigDecimal TOLERANCE = new BigDecimal("1.1");

  private static final int SUGGESTED_UTILIZATION = 70;

  @Override
  public void check(Autoscaler hpa, RuleContext ctx) {
    Optional<Workload> target = PodResources.target(ctx.model(), hpa);
    for (Autoscaler.Metric m : hpa.metrics()) {
      String resource = m.resourceName();
      if (!"AverageValue".equals(m.targetType())
          || m.averageValue() == null
          || !PodResources.isCpuOrMemory(resource)
          || !("Resource".equals(m.type()) || "ContainerResource".equals(m.type()))) {
        continue;
      }
      String value = m.averageValue().raw();
      // A ContainerResource metric measures one container we cannot name: no pod totals.
      Optional<Workload> pods = "Resource".equals(m.type()) ? target : Optional.empty();
      Optional<BigDecimal> limit = pods.flatMap(w -> PodResources.podTotal(w, resource, true));
      Optional<BigDecimal> request = pods.flatMap(w -> PodResources.podTotal(w, resource, false));
      BigDecimal wanted = m.averageValue().value();
      RuleContext.FindingBuilder finding;
      if (limit.isPresent() && limit.get().compareTo(wanted.multiply(TOLERANCE)) <= 0) {
        finding =
            ctx.report(
                    m.location(),
                    "averageValue "
                        + value
                        + " is a fixed "
                        + resource
                        + " usage per pod, but the pods are limited to "
                        + PodResources.format(resource, limit.get())
                        + ": their average can never exceed it by"
                        + " the 10% tolerance, so the HPA never scales up")
                .severity(Severity.HIGH);
      } else if (request.isPresent() && request.get().signum() > 0) {
        long percent =
            wanted
                .multiply(BigDecimal.valueOf(100))
                .divide(request.get(), 0, RoundingMode.HALF_UP)
                .longValue();
        String req = PodResources.format(resource, request.get());
        finding =
            ctx.report(
                m.location(),
                "averageValue "
                    + value
                    + " is a fixed "
                    + value
                    + " of "
                    + resource
                    + " per pod, whatever the pods request: with their "
                    + req
                    + " request the HPA adds pods only above "
                    + percent
                    + "% utilization");
        if (percent <= 100) {
          finding.severity(Severity.LOW);
        }
      } else {
        finding =
            ctx.report(
                m.location(),
                "averageValue "
                    + value
                    + " is a fixed "
                    + value
                    + " of "
                    + resource
                    + " per pod, regardless of the pods' requests");
      }
      pods.ifPresent(w -> evidence(finding, w, resource));
      if (request.isPresent() && request.get().signum() > 0) {
        BigDecimal perPod =
            request
                .get()
                .multiply(BigDecimal.valueOf(SUGGESTED_UTILIZATION))
                .divide(BigDecimal.valueOf(100), 6, RoundingMode.HALF_UP);
        finding.fix(
            "Set target type: Utilization, averageUtilization: "
                + SUGGESTED_UTILIZATION
                + " ("
                + SUGGESTED_UTILIZATION
                + "% of the "
                + PodResources.format(resource, request.get())
                + " request is "
                + PodResources.format(resource, perPod)
                + " per pod).");
      }
    }
  }

  private static void evidence(RuleContext.FindingBuilder finding, Workload w, String resource) {
    finding.related(w.meta().location(), w.meta().displayName() + " is the scale target");
    for (Container c : w.containers()) {
      ResourceSpec.Value request = PodResources.request(c, resource);
      ResourceSpec.Value limit = PodResources.limit(c, resource);
      if (request != null) {
        finding.related(
            request.location(),
            "container " + c.name() + " requests " + request.quantity().raw() + " " + resource);
      }
      if (limit != null && limit != request) {
        finding.related(
            limit.location(),
            "container " + c.name() + " is limited to " + limit.quantity().raw() + " " + resource);
      }
    }
  }
}
