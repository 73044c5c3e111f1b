package dev.rootcause.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * What {@code kubectl get pods -A -o yaml} (or {@code -o json}) prints for a big cluster: a {@code
 * kind: List} of pods as the API server returns them (metadata with owner, uid and resourceVersion;
 * the spec with the defaults the API server fills in; the status), spread over teams' namespaces
 * and owned by ReplicaSets of ten pods each.
 */
public final class KubectlPods {
  private KubectlPods() {}

  /** The list of {@code pods} pods, as kubectl's YAML. */
  public static String yaml(int pods) {
    DumpSettings settings =
        DumpSettings.builder()
            .setDefaultFlowStyle(FlowStyle.BLOCK)
            .setIndent(2)
            .setIndicatorIndent(0)
            .setWidth(Integer.MAX_VALUE)
            .build();
    return new Dump(settings).dumpToString(list(pods));
  }

  /** The same list as kubectl's JSON (four-space indent). */
  public static String json(int pods) {
    try {
      return new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(list(pods));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Object> list(int pods) {
    List<Object> items = new ArrayList<>();
    for (int i = 0; i < pods; i++) {
      items.add(pod(i));
    }
    Map<String, Object> list = new LinkedHashMap<>();
    list.put("apiVersion", "v1");
    list.put("items", items);
    list.put("kind", "List");
    list.put("metadata", Map.of("resourceVersion", ""));
    return list;
  }

  private static Map<String, Object> pod(int i) {
    String app = "svc-" + (i / 10);
    String hash = String.format(Locale.ROOT, "%09x", (i / 10) * 2654435761L & 0xfffffffffL);
    String name = app + "-" + hash + "-" + String.format(Locale.ROOT, "%05x", i * 40503 & 0xfffff);
    String namespace = "team-" + (i / 200);
    String ip = "10.42." + (i / 250) + "." + (i % 250 + 2);
    String started =
        "2025-02-11T09:" + String.format(Locale.ROOT, "%02d:%02dZ", i / 60 % 60, i % 60);

    Map<String, Object> metadata =
        map(
            "creationTimestamp",
            started,
            "generateName",
            app + "-" + hash + "-",
            "labels",
            map("app", app, "pod-template-hash", hash),
            "name",
            name,
            "namespace",
            namespace,
            "ownerReferences",
            List.of(
                map(
                    "apiVersion",
                    "apps/v1",
                    "blockOwnerDeletion",
                    true,
                    "controller",
                    true,
                    "kind",
                    "ReplicaSet",
                    "name",
                    app + "-" + hash,
                    "uid",
                    uid(i / 10 + 1_000_000))),
            "resourceVersion",
            String.valueOf(812_000 + i),
            "uid",
            uid(i));
    Map<String, Object> container =
        map(
            "env",
            List.of(map("name", "PORT", "value", "8080")),
            "image",
            "registry.example.com/" + namespace + "/" + app + ":1." + (i % 7) + ".0",
            "imagePullPolicy",
            "IfNotPresent",
            "livenessProbe",
            map(
                "failureThreshold",
                3,
                "httpGet",
                map("path", "/healthz", "port", 8080, "scheme", "HTTP"),
                "initialDelaySeconds",
                10,
                "periodSeconds",
                10,
                "successThreshold",
                1,
                "timeoutSeconds",
                1),
            "name",
            app,
            "ports",
            List.of(map("containerPort", 8080, "name", "http", "protocol", "TCP")),
            "resources",
            map(
                "limits",
                map("memory", "256Mi"),
                "requests",
                map("cpu", "100m", "memory", "128Mi")),
            "terminationMessagePath",
            "/dev/termination-log",
            "terminationMessagePolicy",
            "File");
    Map<String, Object> spec =
        map(
            "containers", List.of(container),
            "dnsPolicy", "ClusterFirst",
            "nodeName", "node-" + (i % 40),
            "restartPolicy", "Always",
            "schedulerName", "default-scheduler",
            "serviceAccountName", "default",
            "terminationGracePeriodSeconds", 30);
    Map<String, Object> status =
        map(
            "conditions",
            List.of(
                map("lastTransitionTime", started, "status", "True", "type", "Initialized"),
                map("lastTransitionTime", started, "status", "True", "type", "Ready")),
            "containerStatuses",
            List.of(
                map(
                    "containerID",
                    "containerd://" + uid(i + 7_000_000).replace("-", ""),
                    "image",
                    "registry.example.com/" + namespace + "/" + app + ":1." + (i % 7) + ".0",
                    "name",
                    app,
                    "ready",
                    true,
                    "restartCount",
                    0,
                    "started",
                    true,
                    "state",
                    map("running", map("startedAt", started)))),
            "hostIP",
            "10.0.0." + (i % 40 + 10),
            "phase",
            "Running",
            "podIP",
            ip,
            "qosClass",
            "Burstable",
            "startTime",
            started);
    return map(
        "apiVersion", "v1", "kind", "Pod", "metadata", metadata, "spec", spec, "status", status);
  }

  private static String uid(long n) {
    String h = String.format(Locale.ROOT, "%032x", n * 0x9E3779B97F4A7C15L & Long.MAX_VALUE);
    return h.substring(0, 8)
        + "-"
        + h.substring(8, 12)
        + "-"
        + h.substring(12, 16)
        + "-"
        + h.substring(16, 20)
        + "-"
        + h.substring(20, 32);
  }

  private static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int k = 0; k < keysAndValues.length; k += 2) {
      m.put((String) keysAndValues[k], keysAndValues[k + 1]);
    }
    return m;
  }
}
