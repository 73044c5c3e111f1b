package dev.rootcause.model.k8s;

import java.util.List;
import java.util.Map;

/**
 * The fields whose values the Kubernetes API takes from a fixed set, keyed {@code Owner.field} by
 * the schema type that holds them ({@code Container.imagePullPolicy}), with the values it accepts
 * (case matters: the API refuses {@code always}).
 */
public final class EnumFields {
  private EnumFields() {}

  private static final List<String> PROTOCOLS = List.of("TCP", "UDP", "SCTP");
  private static final List<String> UPDATE_STRATEGIES = List.of("RollingUpdate", "OnDelete");
  private static final List<String> TRAFFIC_POLICIES = List.of("Cluster", "Local");

  private static final Map<String, List<String>> ALLOWED =
      Map.ofEntries(
          Map.entry("Container.imagePullPolicy", List.of("Always", "IfNotPresent", "Never")),
          Map.entry("Container.terminationMessagePolicy", List.of("File", "FallbackToLogsOnError")),
          Map.entry("PodSpec.restartPolicy", List.of("Always", "OnFailure", "Never")),
          Map.entry(
              "PodSpec.dnsPolicy",
              List.of("ClusterFirst", "ClusterFirstWithHostNet", "Default", "None")),
          Map.entry("ContainerPort.protocol", PROTOCOLS),
          Map.entry("ServicePort.protocol", PROTOCOLS),
          Map.entry("NetworkPolicyPort.protocol", PROTOCOLS),
          Map.entry(
              "ServiceSpec.type", List.of("ClusterIP", "NodePort", "LoadBalancer", "ExternalName")),
          Map.entry("ServiceSpec.externalTrafficPolicy", TRAFFIC_POLICIES),
          Map.entry("ServiceSpec.internalTrafficPolicy", TRAFFIC_POLICIES),
          Map.entry("ServiceSpec.sessionAffinity", List.of("None", "ClientIP")),
          Map.entry(
              "HTTPIngressPath.pathType", List.of("Exact", "Prefix", "ImplementationSpecific")),
          Map.entry("HTTPGetAction.scheme", List.of("HTTP", "HTTPS")),
          Map.entry("DeploymentStrategy.type", List.of("RollingUpdate", "Recreate")),
          Map.entry("DaemonSetUpdateStrategy.type", UPDATE_STRATEGIES),
          Map.entry("StatefulSetUpdateStrategy.type", UPDATE_STRATEGIES),
          Map.entry("StatefulSetSpec.podManagementPolicy", List.of("OrderedReady", "Parallel")),
          Map.entry("CronJobSpec.concurrencyPolicy", List.of("Allow", "Forbid", "Replace")),
          Map.entry(
              "MetricSpec.type",
              List.of("ContainerResource", "External", "Object", "Pods", "Resource")),
          Map.entry("MetricTarget.type", List.of("AverageValue", "Utilization", "Value")),
          Map.entry("Toleration.operator", List.of("Equal", "Exists")),
          Map.entry("Toleration.effect", List.of("NoExecute", "NoSchedule", "PreferNoSchedule")),
          Map.entry(
              "LabelSelectorRequirement.operator",
              List.of("DoesNotExist", "Exists", "In", "NotIn")),
          Map.entry(
              "NodeSelectorRequirement.operator",
              List.of("DoesNotExist", "Exists", "Gt", "In", "Lt", "NotIn")));

  /** The values the API accepts for {@code owner.field}; empty when it takes any string. */
  public static List<String> allowed(String owner, String field) {
    return ALLOWED.getOrDefault(owner + "." + field, List.of());
  }

  public static boolean isEnum(String owner, String field) {
    return ALLOWED.containsKey(owner + "." + field);
  }
}
