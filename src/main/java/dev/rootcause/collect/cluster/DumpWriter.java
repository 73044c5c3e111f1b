package dev.rootcause.collect.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.rootcause.model.cluster.ContainerLog;
import dev.rootcause.model.cluster.LogLine;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Writes what a diagnosis read as a {@code kubectl cluster-info dump --output-directory} folder
 * another engineer can diagnose offline: {@code nodes.json}, per namespace a list per kind and a
 * {@code <pod>/logs.txt} with a section per container. Nothing secret leaves: env values are
 * masked, the last-applied annotation (a copy of the spec, env included) is dropped, and every
 * other string and log line goes through the redaction given.
 */
public final class DumpWriter {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final String MASK = "<redacted>";
  private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  /** A reader that keeps the objects it read, as read. */
  interface Recorded {
    List<HasMetadata> objectsRead();
  }

  private DumpWriter() {}

  /**
   * Writes the objects {@code reader} read and the logs into {@code dir} (created; it must be empty
   * or absent), its pods files dated {@code asOf} so the dump reads back as of the same instant.
   *
   * @throws IOException the folder cannot be written
   */
  public static void save(
      ClusterReader reader,
      List<ContainerLog> logs,
      Instant asOf,
      Path dir,
      UnaryOperator<String> redact)
      throws IOException {
    if (Files.isDirectory(dir)) {
      try (var entries = Files.list(dir)) {
        if (entries.findAny().isPresent()) {
          throw new IOException(dir + ": not empty; --save-dump writes a new folder");
        }
      }
    }
    Files.createDirectories(dir);
    List<HasMetadata> objects =
        reader instanceof Recorded r ? r.objectsRead() : List.<HasMetadata>of();
    KubernetesSerialization serialization = new KubernetesSerialization();
    Map<String, ArrayNode> files = new TreeMap<>();
    Map<String, String> listKinds = new LinkedHashMap<>();
    for (HasMetadata o : objects) {
      String ns = o.getMetadata().getNamespace();
      String plural = o.getPlural() == null ? plural(o.getKind()) : o.getPlural();
      String file = (ns == null ? "" : ns + "/") + plural + ".json";
      JsonNode node = JSON.readTree(serialization.asJson(o));
      if ("ConfigMap".equals(o.getKind()) && node instanceof ObjectNode configMap) {
        maskConfigData(configMap, redact);
      }
      scrub(node, redact, false);
      files.computeIfAbsent(file, f -> JSON.createArrayNode()).add(node);
      listKinds.putIfAbsent(file, o.getKind() + "List");
    }
    for (Map.Entry<String, ArrayNode> e : files.entrySet()) {
      ObjectNode list = JSON.createObjectNode();
      list.put("kind", listKinds.get(e.getKey()));
      list.put("apiVersion", "v1");
      list.putObject("metadata").put("resourceVersion", "");
      list.set("items", e.getValue());
      Path file = dir.resolve(e.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, JSON.writeValueAsString(list) + "\n", StandardCharsets.UTF_8);
      if (e.getKey().endsWith("/pods.json")) {
        Files.setLastModifiedTime(file, FileTime.from(asOf));
      }
    }
    writeLogs(dir, logs, redact);
  }

  private static void writeLogs(Path dir, List<ContainerLog> logs, UnaryOperator<String> redact)
      throws IOException {
    Map<Path, StringBuilder> byPod = new LinkedHashMap<>();
    for (ContainerLog log : logs) {
      String marker =
          " logs for container "
              + log.container()
              + " of pod "
              + log.namespace()
              + "/"
              + log.pod()
              + " ====\n";
      StringBuilder sb =
          byPod.computeIfAbsent(
              dir.resolve(log.namespace()).resolve(log.pod()).resolve("logs.txt"),
              p -> new StringBuilder());
      sb.append("==== START").append(marker);
      for (LogLine line : log.lines()) {
        sb.append(redact.apply(line.text())).append('\n');
      }
      sb.append("==== END").append(marker);
    }
    for (Map.Entry<Path, StringBuilder> e : byPod.entrySet()) {
      Files.createDirectories(e.getKey().getParent());
      Files.writeString(e.getKey(), e.getValue(), StandardCharsets.UTF_8);
    }
  }

  /**
   * A ConfigMap's values are masked whole when their key names a secret ({@code DB_PASSWORD},
   * {@code api-token}) however harmless the value looks, and binary values always (a keystore); a
   * config file ({@code envoy.yaml}, {@code nginx.conf}) stays readable, less the secrets the
   * redaction finds inside it, so the saved dump diagnoses the same.
   */
  private static void maskConfigData(ObjectNode configMap, UnaryOperator<String> redact) {
    if (configMap.get("data") instanceof ObjectNode data) {
      data.properties()
          .forEach(
              e -> {
                String probe = e.getKey() + "=v4lue";
                if (!redact.apply(probe).equals(probe)) {
                  e.setValue(TextNode.valueOf(MASK));
                }
              });
    }
    if (configMap.get("binaryData") instanceof ObjectNode binary) {
      binary.properties().forEach(e -> e.setValue(TextNode.valueOf(MASK)));
    }
  }

  /** Masks env values, drops the last-applied annotation, redacts every other string. */
  private static void scrub(JsonNode node, UnaryOperator<String> redact, boolean envEntry) {
    if (node instanceof ObjectNode o) {
      JsonNode annotations = o.get("annotations");
      if (annotations instanceof ObjectNode a) {
        a.remove(LAST_APPLIED);
      }
      if (envEntry && o.has("value")) {
        o.put("value", MASK);
      }
      Iterator<Map.Entry<String, JsonNode>> fields = o.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        if (f.getValue() instanceof TextNode t) {
          f.setValue(TextNode.valueOf(redact.apply(t.textValue())));
        } else if (f.getKey().equals("env") && f.getValue() instanceof ArrayNode env) {
          env.forEach(entry -> scrub(entry, redact, true));
        } else {
          scrub(f.getValue(), redact, false);
        }
      }
    } else if (node instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        if (a.get(i) instanceof TextNode t) {
          a.set(i, TextNode.valueOf(redact.apply(t.textValue())));
        } else {
          scrub(a.get(i), redact, false);
        }
      }
    }
  }

  private static String plural(String kind) {
    String k = kind.toLowerCase(Locale.ROOT);
    return k.endsWith("y")
        ? k.substring(0, k.length() - 1) + "ies"
        : k.endsWith("s") ? k + "es" : k + "s";
  }
}
