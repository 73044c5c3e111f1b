package dev.rootcause.rules.hpa;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.k8s.Autoscaler;
import dev.rootcause.model.k8s.Workload;
import dev.rootcause.rules.AutoscalerRule;
import dev.rootcause.rules.Names;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** An HPA whose scaleTargetRef names a workload the manifests do not declare scales nothing. */
@RuleSpec(
    id = "hpa/target-missing",
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "HPA scaleTargetRef names a workload the manifests do not declare",
    symptom =
        "the HPA shows <unknown> targets and FailedGetScale events (\"not found\"); nothing is"
            + " scaled, the workload stays at its fixed replica count under load",
    fix = "Point scaleTargetRef at the kind and name of the Deployment or StatefulSet to scale.")
public final class TargetMissing implements AutoscalerRule {

  private static final Set<String> SCALABLE =
      Set.of("Deployment", "StatefulSet", "ReplicaSet", "ReplicationController");

  @Override
  public void check(Autoscaler hpa, RuleContext ctx) {
    String kind = hpa.targetKind();
    String name = hpa.targetName();
    if (kind == null || name == null || PodResources.target(ctx.model(), hpa).isPresent()) {
      return;
    }
    boolean declared =
        ctx.model().objectsOfKind(kind).stream()
            .anyMatch(o -> o.name().equals(name) && o.sameNamespace(hpa.meta()));
    if (declared || !SCALABLE.contains(kind) && !ctx.model().declaresAny(kind)) {
      return; // declared without a pod template (a custom resource), or a kind we cannot judge
    }
    List<Workload> scalable =
        ctx.model().workloadsIn(hpa.meta().namespace()).stream()
            .filter(
                w ->
                    SCALABLE.contains(w.kind())
                        || ctx.model().declaresAny(kind) && w.kind().equals(kind))
            .toList();
    if (scalable.isEmpty()) {
      return; // the workloads are deployed from elsewhere: unknown is not wrong
    }
    String where = hpa.meta().namespace() == null ? "" : " in namespace " + hpa.meta().namespace();
    Optional<Workload> sameName = scalable.stream().filter(w -> w.name().equals(name)).findFirst();
    if (sameName.isPresent()) {
      ctx.report(
              hpa.targetLocation(),
              "scaleTargetRef names "
                  + kind
                  + " "
                  + name
                  + ", but "
                  + name
                  + " is a "
                  + sameName.get().kind())
          .related(sameName.get().meta().location(), sameName.get().meta().displayName())
          .fix("Set scaleTargetRef kind: " + sameName.get().kind() + ".");
      return;
    }
    Optional<Workload> closest = Names.closest(name, scalable, Workload::name);
    var finding =
        ctx.report(
            hpa.targetLocation(),
            "scaleTargetRef names "
                + kind
                + " "
                + name
                + ", which the manifests do not declare"
                + where
                + closest
                    .map(w -> "; " + w.meta().displayName() + " is the closest name")
                    .orElse(""));
    closest.ifPresent(
        w ->
            finding
                .related(w.meta().location(), w.meta().displayName())
                .fix("Set scaleTargetRef to kind: " + w.kind() + ", name: " + w.name() + "."));
  }
}
