package dev.rootcause.rules.k8s;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.k8s.ManifestObject;
import dev.rootcause.model.k8s.Manifests;
import dev.rootcause.model.k8s.Workload;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import dev.rootcause.rules.SystemRule;

/**
 * A pod template whose {@code serviceAccountName} names an account the repository does not declare,
 * while it declares others: the controller cannot create a single pod. The {@code default} account,
 * which every namespace has, is never flagged.
 */
@RuleSpec(
    id = "k8s/missing-service-account",
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Pod template names a ServiceAccount the manifests do not declare",
    symptom =
        "no pods appear; the ReplicaSet's events say: Error creating: pods \"web-...\" is"
            + " forbidden: error looking up service account default/web-sa: serviceaccount"
            + " \"web-sa\" not found",
    fix = "Set serviceAccountName to a ServiceAccount the manifests declare, or declare it.")
public final class MissingServiceAccount implements SystemRule {

  @Override
  public void check(RuleContext ctx) {
    Manifests manifests = Manifests.of(ctx.model());
    for (Workload w : ctx.model().workloads()) {
      ManifestObject.PodReferences pod =
          manifests.of(w.meta()).map(ManifestObject::pod).orElse(null);
      if (pod == null || pod.serviceAccount() == null || pod.serviceAccount().equals("default")) {
        continue;
      }
      String ns = w.meta().namespace() == null ? "default" : w.meta().namespace();
      MissingObjects.report(
          ctx,
          manifests,
          w.meta(),
          "ServiceAccount",
          pod.serviceAccount(),
          pod.serviceAccountLocation(),
          "runs as",
          "no pods appear; the ReplicaSet's events say: Error creating: pods is forbidden: error"
              + " looking up service account "
              + ns
              + "/"
              + pod.serviceAccount()
              + ": serviceaccount \""
              + pod.serviceAccount()
              + "\" not found");
    }
  }
}
