package dev.rootcause.collect.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The template of a pod's controller as the pod shows it, for a dump that holds the pods but not
 * their controllers: the object a person fixes (the Deployment, not the ReplicaSet or the pod with
 * a hash suffix), less what the API server and the kubelet add to every pod.
 */
final class OwnerTemplates {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Labels the controllers add to their pods, not written in the template. */
  private static final Set<String> CONTROLLER_LABELS =
      Set.of(
          "pod-template-hash",
          "controller-revision-hash",
          "statefulset.kubernetes.io/pod-name",
          "pod-template-generation",
          "apps.kubernetes.io/pod-index",
          "batch.kubernetes.io/controller-uid",
          "batch.kubernetes.io/job-name",
          "controller-uid",
          "job-name");

  /** What the scheduler and the admission plugins write into a pod's spec. */
  private static final Set<String> RUNTIME_SPEC_FIELDS =
      Set.of("nodeName", "preemptionPolicy", "priority", "enableServiceLinks");

  record Owner(String apiVersion, String kind, String name) {}

  /** The ReplicaSets read, by namespace and name: a pod's owner is looked up, not searched for. */
  private final Map<String, ReplicaSet> replicaSets = new java.util.HashMap<>();

  OwnerTemplates(List<HasMetadata> read) {
    for (HasMetadata o : read) {
      if (o instanceof ReplicaSet rs && rs.getMetadata() != null) {
        replicaSets.put(rs.getMetadata().getNamespace() + "/" + rs.getMetadata().getName(), rs);
      }
    }
  }

  /** The object that owns the pod through its controllers; null for a pod no controller owns. */
  Owner owner(Pod pod) {
    OwnerReference ref = controller(pod.getMetadata().getOwnerReferences());
    if (ref == null || ref.getKind() == null || ref.getName() == null) {
      return null;
    }
    if (!"ReplicaSet".equals(ref.getKind())) {
      return new Owner(ref.getApiVersion(), ref.getKind(), ref.getName());
    }
    ReplicaSet rs = replicaSets.get(pod.getMetadata().getNamespace() + "/" + ref.getName());
    if (rs != null) {
      OwnerReference up = controller(rs.getMetadata().getOwnerReferences());
      return up == null
          ? new Owner(ref.getApiVersion(), ref.getKind(), ref.getName())
          : new Owner(up.getApiVersion(), up.getKind(), up.getName());
    }
    // A Deployment names its ReplicaSets <deployment>-<pod-template-hash>.
    Map<String, String> labels = pod.getMetadata().getLabels();
    String hash = labels == null ? null : labels.get("pod-template-hash");
    if (hash != null && ref.getName().endsWith("-" + hash)) {
      return new Owner(
          "apps/v1",
          "Deployment",
          ref.getName().substring(0, ref.getName().length() - hash.length() - 1));
    }
    return new Owner(ref.getApiVersion(), ref.getKind(), ref.getName());
  }

  private static OwnerReference controller(List<OwnerReference> refs) {
    if (refs == null || refs.isEmpty()) {
      return null;
    }
    return refs.stream()
        .filter(r -> Boolean.TRUE.equals(r.getController()))
        .findFirst()
        .orElse(refs.size() == 1 ? refs.get(0) : null);
  }

  /** The owner as an object whose template is the pod's labels and spec. */
  static JsonNode template(Owner owner, Pod pod, JsonNode podJson) {
    ObjectNode object = JSON.createObjectNode();
    object.put("apiVersion", owner.apiVersion() == null ? "apps/v1" : owner.apiVersion());
    object.put("kind", owner.kind());
    ObjectNode meta = object.putObject("metadata");
    meta.put("name", owner.name());
    if (pod.getMetadata().getNamespace() != null) {
      meta.put("namespace", pod.getMetadata().getNamespace());
    }
    ObjectNode labels = JSON.createObjectNode();
    if (podJson.path("metadata").path("labels") instanceof ObjectNode podLabels) {
      podLabels
          .properties()
          .forEach(
              e -> {
                if (!CONTROLLER_LABELS.contains(e.getKey())) {
                  labels.set(e.getKey(), e.getValue());
                }
              });
    }
    ObjectNode spec = object.putObject("spec");
    spec.putObject("selector").set("matchLabels", labels.deepCopy());
    ObjectNode template = spec.putObject("template");
    template.putObject("metadata").set("labels", labels);
    ObjectNode podSpec = ((ObjectNode) podJson.path("spec")).deepCopy();
    RUNTIME_SPEC_FIELDS.forEach(podSpec::remove);
    dropServiceAccountVolume(podSpec);
    template.set("spec", podSpec);
    return object;
  }

  /** The projected token volume the ServiceAccount admission plugin mounts in every container. */
  private static void dropServiceAccountVolume(ObjectNode podSpec) {
    if (podSpec.get("volumes") instanceof ArrayNode volumes) {
      volumes.removeIf(v -> v.path("name").asText().startsWith("kube-api-access-"));
      if (volumes.isEmpty()) {
        podSpec.remove("volumes");
      }
    }
    for (String list : List.of("containers", "initContainers")) {
      if (podSpec.get(list) instanceof ArrayNode containers) {
        for (JsonNode c : containers) {
          if (c instanceof ObjectNode container
              && container.get("volumeMounts") instanceof ArrayNode mounts) {
            mounts.removeIf(m -> m.path("name").asText().startsWith("kube-api-access-"));
            if (mounts.isEmpty()) {
              container.remove("volumeMounts");
            }
          }
        }
      }
    }
  }
}
