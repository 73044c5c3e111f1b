package dev.rootcause.rules.k8s;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.k8s.ManifestObject;
import dev.rootcause.model.k8s.Manifests;
import dev.rootcause.model.k8s.ObjectMeta;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import dev.rootcause.rules.SystemRule;
import java.util.Optional;

/**
 * An object written in an API version Kubernetes no longer serves ({@code extensions/v1beta1}
 * Ingress, {@code autoscaling/v2beta1} HPA, {@code policy/v1beta1} PDB...): a current cluster
 * refuses it, so manifests copied from an old tutorial never apply.
 */
@RuleSpec(
    id = "k8s/removed-api-version",
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Object uses an API version removed from Kubernetes",
    symptom =
        "kubectl apply: resource mapping not found ... no matches for kind \"Ingress\" in version"
            + " \"extensions/v1beta1\"; ensure CRDs are installed first",
    fix = "Move the object to the current apiVersion and adjust the fields that changed with it.")
public final class RemovedApiVersion implements SystemRule {

  @Override
  public void check(RuleContext ctx) {
    for (ManifestObject object : Manifests.of(ctx.model()).objects()) {
      ObjectMeta meta = object.meta();
      Optional<Removed> removed = object.type().written() ? Removed.of(meta) : Optional.empty();
      if (removed.isEmpty()) {
        continue;
      }
      Removed r = removed.get();
      String instead =
          r.replacement() == null
              ? "it has no replacement (use Pod Security Admission labels on the namespace)"
              : "use " + r.replacement();
      ctx.report(
              meta.location(),
              meta.apiVersion()
                  + " "
                  + meta.kind()
                  + " was removed in Kubernetes "
                  + r.release()
                  + ": "
                  + meta.name()
                  + " is refused by every cluster since; "
                  + instead)
          .subject(meta.displayName())
          .symptom(
              "kubectl apply: resource mapping not found for name: \""
                  + meta.name()
                  + "\" ... no matches for kind \""
                  + meta.kind()
                  + "\" in version \""
                  + meta.apiVersion()
                  + "\"")
          .fix(
              r.replacement() == null
                  ? "Remove the "
                      + meta.kind()
                      + " and enforce the policy with Pod Security Admission namespace labels."
                  : "Set apiVersion: " + r.replacement() + fieldsNote(meta.kind()) + ".");
    }
  }

  /** The kinds whose fields changed shape with the version, not only the apiVersion line. */
  private static String fieldsNote(String kind) {
    return switch (kind) {
      case "Ingress" ->
          " and write each backend as service: {name, port: {number}} with a pathType";
      case "HorizontalPodAutoscaler" -> " and write each metric target as target: {type, ...}";
      case "Deployment", "DaemonSet", "ReplicaSet", "StatefulSet" ->
          " and add spec.selector.matchLabels matching the template labels";
      default -> "";
    };
  }
}
