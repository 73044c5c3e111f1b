package dev.rootcause.rules.k8s;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.k8s.ManifestObject;
import dev.rootcause.model.k8s.Manifests;
import dev.rootcause.model.k8s.Workload;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import dev.rootcause.rules.SystemRule;
import java.util.List;

/**
 * A pod volume whose {@code persistentVolumeClaim.claimName} names a claim the repository does not
 * declare, while it declares others: the pods are never scheduled. Silent when the repository
 * declares no claims (they are provisioned elsewhere).
 */
@RuleSpec(
    id = "k8s/missing-volume-claim",
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Pod mounts a PersistentVolumeClaim the manifests do not declare",
    symptom =
        "pods stay Pending: 0/3 nodes are available: persistentvolumeclaim \"data\" not found",
    fix = "Set claimName to a PersistentVolumeClaim the manifests declare, or declare the claim.")
public final class MissingVolumeClaim implements SystemRule {

  @Override
  public void check(RuleContext ctx) {
    Manifests manifests = Manifests.of(ctx.model());
    for (Workload w : ctx.model().workloads()) {
      List<ManifestObject.VolumeRef> volumes =
          manifests.of(w.meta()).map(ManifestObject::pod).map(p -> p.volumes()).orElse(List.of());
      for (ManifestObject.VolumeRef v : volumes) {
        if (v.kind().equals("PersistentVolumeClaim")) {
          MissingObjects.report(
              ctx,
              manifests,
              w.meta(),
              v.kind(),
              v.name(),
              v.location(),
              "mounts volume '" + v.volume() + "' from",
              "pods stay Pending: persistentvolumeclaim \"" + v.name() + "\" not found");
        }
      }
    }
  }
}
