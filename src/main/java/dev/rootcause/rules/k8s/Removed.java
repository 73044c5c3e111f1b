package dev.rootcause.rules.k8s;

import dev.rootcause.model.k8s.ObjectMeta;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The API versions Kubernetes has removed, from its deprecated API migration guide: which kinds,
 * the release that stopped serving them, and the version to use instead.
 */
record Removed(String apiVersion, List<String> kinds, String release, String replacement) {

  private static final List<String> WORKLOADS =
      List.of("Deployment", "DaemonSet", "ReplicaSet", "StatefulSet");
  private static final List<String> RBAC =
      List.of("Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding");

  private static final List<Removed> ALL =
      List.of(
          new Removed("extensions/v1beta1", WORKLOADS, "1.16", "apps/v1"),
          new Removed("apps/v1beta1", WORKLOADS, "1.16", "apps/v1"),
          new Removed("apps/v1beta2", WORKLOADS, "1.16", "apps/v1"),
          new Removed(
              "extensions/v1beta1", List.of("NetworkPolicy"), "1.16", "networking.k8s.io/v1"),
          new Removed("extensions/v1beta1", List.of("Ingress"), "1.22", "networking.k8s.io/v1"),
          new Removed(
              "networking.k8s.io/v1beta1",
              List.of("Ingress", "IngressClass"),
              "1.22",
              "networking.k8s.io/v1"),
          new Removed(
              "rbac.authorization.k8s.io/v1beta1", RBAC, "1.22", "rbac.authorization.k8s.io/v1"),
          new Removed(
              "apiextensions.k8s.io/v1beta1",
              List.of("CustomResourceDefinition"),
              "1.22",
              "apiextensions.k8s.io/v1"),
          new Removed(
              "admissionregistration.k8s.io/v1beta1",
              List.of("MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"),
              "1.22",
              "admissionregistration.k8s.io/v1"),
          new Removed(
              "storage.k8s.io/v1beta1",
              List.of("CSIDriver", "CSINode", "StorageClass", "VolumeAttachment"),
              "1.22",
              "storage.k8s.io/v1"),
          new Removed(
              "certificates.k8s.io/v1beta1",
              List.of("CertificateSigningRequest"),
              "1.22",
              "certificates.k8s.io/v1"),
          new Removed(
              "coordination.k8s.io/v1beta1", List.of("Lease"), "1.22", "coordination.k8s.io/v1"),
          new Removed("batch/v1beta1", List.of("CronJob"), "1.25", "batch/v1"),
          new Removed(
              "discovery.k8s.io/v1beta1", List.of("EndpointSlice"), "1.25", "discovery.k8s.io/v1"),
          new Removed("events.k8s.io/v1beta1", List.of("Event"), "1.25", "events.k8s.io/v1"),
          new Removed(
              "autoscaling/v2beta1", List.of("HorizontalPodAutoscaler"), "1.25", "autoscaling/v2"),
          new Removed("policy/v1beta1", List.of("PodDisruptionBudget"), "1.25", "policy/v1"),
          new Removed("policy/v1beta1", List.of("PodSecurityPolicy"), "1.25", null),
          new Removed("extensions/v1beta1", List.of("PodSecurityPolicy"), "1.16", null),
          new Removed("node.k8s.io/v1beta1", List.of("RuntimeClass"), "1.25", "node.k8s.io/v1"),
          new Removed(
              "autoscaling/v2beta2", List.of("HorizontalPodAutoscaler"), "1.26", "autoscaling/v2"),
          new Removed(
              "storage.k8s.io/v1beta1",
              List.of("CSIStorageCapacity"),
              "1.27",
              "storage.k8s.io/v1"));

  /** The removal that applies to this object's apiVersion and kind, if any. */
  static Optional<Removed> of(ObjectMeta meta) {
    return ALL.stream()
        .filter(r -> r.apiVersion.equals(meta.apiVersion()) && r.kinds.contains(meta.kind()))
        .findFirst();
  }

  /** Whether a served version of {@code kind} has since been removed. */
  static boolean removed(String apiVersion, String kind) {
    return ALL.stream().anyMatch(r -> r.apiVersion.equals(apiVersion) && r.kinds.contains(kind));
  }

  /** The version to write: a current one, stable before beta. */
  static String preferred(List<String> versions, String kind) {
    return versions.stream()
        .filter(v -> !removed(v, kind))
        .min(
            Comparator.comparingInt(
                (String v) -> v.contains("alpha") ? 2 : v.contains("beta") ? 1 : 0))
        .orElse(versions.get(0));
  }
}
