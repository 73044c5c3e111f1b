package dev.rootcause.rules.k8s;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.k8s.ObjectMeta;
import dev.rootcause.model.k8s.PodDetails;
import dev.rootcause.model.k8s.PodSecurity;
import dev.rootcause.model.k8s.Workload;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import dev.rootcause.rules.WorkloadRule;
import java.util.List;
import java.util.Optional;

/**
 * Pods that break the Pod Security level their namespace enforces ({@code
 * pod-security.kubernetes.io/enforce} on a Namespace the repository declares): the API server
 * refuses each pod, so a controller's pods never exist. {@code warn} and {@code audit} labels only
 * warn; a workload that names no namespace is not judged.
 */
@RuleSpec(
    id = "k8s/pod-security-violation",
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Pods violate the Pod Security level their namespace enforces",
    symptom =
        "the ReplicaSet reports FailedCreate: Error creating: pods \"...\" is forbidden: violates"
            + " PodSecurity \"restricted:latest\": allowPrivilegeEscalation != false (...); the"
            + " Deployment shows READY 0/N with no pods at all",
    fix =
        "Set the securityContext fields the message names (runAsNonRoot, allowPrivilegeEscalation,"
            + " capabilities.drop, seccompProfile), or lower the namespace's enforce level.")
public final class PodSecurityViolation implements WorkloadRule {

  @Override
  public void check(Workload workload, RuleContext ctx) {
    String namespace = workload.meta().namespace();
    if (namespace == null) {
      return;
    }
    Optional<ObjectMeta> ns =
        ctx.model().objectsOfKind("Namespace").stream()
            .filter(o -> o.name().equals(namespace))
            .findFirst();
    Optional<String> level = ns.flatMap(n -> PodSecurity.enforced(n.labels()));
    Optional<PodDetails> details = ctx.model().kube().details(workload);
    if (level.isEmpty() || details.isEmpty()) {
      return;
    }
    List<String> violations =
        PodSecurity.violations(workload, details.get().privileges(), level.get());
    if (violations.isEmpty()) {
      return;
    }
    String version = ns.get().labels().getOrDefault(PodSecurity.ENFORCE_VERSION, "latest");
    String refused =
        workload.kind().equals("Pod")
            ? "the API server refuses it"
            : "the controller cannot create its pods";
    ctx.report(
            details.get().privileges().at(),
            workload.meta().displayName()
                + ": "
                + refused
                + ": violates PodSecurity \""
                + level.get()
                + ":"
                + version
                + "\": "
                + String.join(", ", violations))
        .related(
            ns.get().location(),
            "Namespace " + namespace + " enforces Pod Security level " + level.get())
        .fix(fix(level.get(), workload));
  }

  private static String fix(String level, Workload w) {
    if (level.equals("baseline")) {
      return "Remove the privileged settings named above (privileged, host namespaces, hostPath,"
          + " hostPort, added capabilities) from "
          + w.meta().displayName()
          + ", or label the namespace pod-security.kubernetes.io/enforce: privileged.";
    }
    return "In "
        + w.meta().displayName()
        + " set pod securityContext {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}"
        + " and, in each container, securityContext {allowPrivilegeEscalation: false,"
        + " capabilities: {drop: [ALL]}} (and remove the settings baseline forbids).";
  }
}
