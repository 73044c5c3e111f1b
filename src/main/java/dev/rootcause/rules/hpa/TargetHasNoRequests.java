package dev.rootcause.rules.hpa;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.SourceLocation;
import dev.rootcause.model.k8s.Autoscaler;
import dev.rootcause.model.k8s.Container;
import dev.rootcause.model.k8s.Workload;
import dev.rootcause.rules.AutoscalerRule;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Utilization is usage divided by request: when one container of the target requests nothing for
 * the resource, the HPA cannot compute it for any pod.
 */
@RuleSpec(
    id = "hpa/target-has-no-requests",
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "HPA scales on utilization of a resource the target's containers do not request",
    symptom =
        "kubectl get hpa shows <unknown>/80%; events FailedGetResourceMetric (\"missing request"
            + " for cpu\"); the HPA never scales",
    fix = "Give every container of the scale target a request for the resource the HPA measures.")
public final class TargetHasNoRequests implements AutoscalerRule {

  @Override
  public void check(Autoscaler hpa, RuleContext ctx) {
    Optional<Workload> target = PodResources.target(ctx.model(), hpa);
    if (target.isEmpty() || limitRangeIn(hpa, ctx)) {
      return; // no target to read, or a LimitRange may default the requests
    }
    List<Autoscaler.Metric> metrics = hpa.metrics();
    if (metrics.isEmpty()) {
      // An HPA without metrics scales on 80% CPU utilization.
      metrics =
          List.of(
              new Autoscaler.Metric(
                  "Resource", "cpu", "Utilization", 80, null, hpa.targetLocation()));
    }
    Map<Container, List<String>> missing = new LinkedHashMap<>();
    Map<String, Autoscaler.Metric> measured = new LinkedHashMap<>();
    for (Autoscaler.Metric m : metrics) {
      String resource = m.resourceName();
      if (!"Utilization".equals(m.targetType()) || !PodResources.isCpuOrMemory(resource)) {
        continue;
      }
      List<Container> without =
          target.get().containers().stream()
              .filter(c -> PodResources.request(c, resource) == null)
              .toList();
      // ContainerResource measures one named container: certain only when none requests it.
      if ("ContainerResource".equals(m.type()) && without.size() != target.get().containers().size()
          || !"Resource".equals(m.type()) && !"ContainerResource".equals(m.type())) {
        continue;
      }
      without.forEach(c -> missing.computeIfAbsent(c, k -> new ArrayList<>()).add(resource));
      if (!without.isEmpty()) {
        measured.putIfAbsent(resource, m);
      }
    }
    for (Map.Entry<Container, List<String>> e : missing.entrySet()) {
      Container c = e.getKey();
      String resources = String.join(" and ", e.getValue());
      SourceLocation at =
          c.resources().location() != null ? c.resources().location() : c.location();
      var finding =
          ctx.report(
              at,
              "HPA "
                  + hpa.meta().name()
                  + " scales on "
                  + resources
                  + " utilization, but container "
                  + c.name()
                  + " of "
                  + target.get().meta().displayName()
                  + " requests no "
                  + resources
                  + ": utilization cannot be computed for any pod");
      for (String resource : e.getValue()) {
        Autoscaler.Metric m = measured.get(resource);
        finding.related(
            m.location(),
            "HPA "
                + hpa.meta().name()
                + " targets "
                + (m.averageUtilization() == null ? "" : m.averageUtilization() + "% ")
                + resource
                + " utilization");
      }
      finding.fix(
          "Add resources.requests."
              + e.getValue().get(0)
              + " to container "
              + c.name()
              + (e.getValue().size() > 1 ? " (and requests." + e.getValue().get(1) + ")" : "")
              + ".");
    }
  }

  private static boolean limitRangeIn(Autoscaler hpa, RuleContext ctx) {
    return ctx.model().objectsOfKind("LimitRange").stream()
        .anyMatch(o -> o.sameNamespace(hpa.meta()));
  }
}
