package dev.rootcause.collect.cluster;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;

/**
 * Reads the objects of one file kubectl printed: a List or a typed list, multi-document YAML, one
 * object, or {@code kubectl cluster-info dump} printed to one file (JSON lists one after another,
 * then the logs). A file cut short or malformed from some line on gives the objects before that
 * line and says where it stopped.
 */
final class KubectlOutput {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String LOGS = "==== START logs for container ";

  /**
   * What a file held.
   *
   * @param damage what stopped the reading, or null when the file was read to its end
   * @param line where it stopped (1-based); 0 when not known
   */
  record Parsed(List<HasMetadata> objects, String damage, int line) {}

  private final KubernetesSerialization serialization;

  KubectlOutput(KubernetesSerialization serialization) {
    this.serialization = serialization;
  }

  Parsed parse(String text) {
    List<HasMetadata> out = new ArrayList<>();
    String start = text.stripLeading();
    if (start.startsWith("{") || start.startsWith("[")) {
      int logs = text.indexOf(LOGS);
      String json = logs < 0 ? text : text.substring(0, logs);
      if (oneValue(json)) {
        try {
          // One value: fabric8 reads it whole, the fast way a large pods.json wants.
          flatten(serialization.unmarshal(json), out);
          return new Parsed(out, null, 0);
        } catch (RuntimeException e) {
          out.clear(); // read again item by item below, to keep what comes before the damage
        }
      }
      return json(json, out);
    }
    return yaml(text, out);
  }

  /**
   * Whether the text holds one JSON value. kubectl indents what it prints, so a line that opens
   * with a brace after the first one starts another value ({@code cluster-info dump} to one file,
   * or one object a line); a scan for it costs nothing beside parsing a large pods.json twice.
   */
  private static boolean oneValue(String json) {
    int first = json.indexOf('{');
    return first < 0 || json.indexOf("\n{", first + 1) < 0;
  }

  /** JSON values one after another, each list read item by item until the first damage. */
  private Parsed json(String json, List<HasMetadata> out) {
    try (JsonParser p = JSON.getFactory().createParser(json)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.START_ARRAY) {
          while (p.nextToken() == JsonToken.START_OBJECT) {
            add(p.readValueAsTree(), out);
          }
        } else if (t == JsonToken.START_OBJECT) {
          object(p, out);
        }
      }
      return new Parsed(out, null, 0);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      return new Parsed(out, damage(e.getOriginalMessage(), out), line);
    } catch (IOException | RuntimeException e) {
      return new Parsed(out, damage(e.getMessage(), out), 0);
    }
  }

  private void object(JsonParser p, List<HasMetadata> out) throws IOException {
    ObjectNode top = JSON.createObjectNode();
    boolean list = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      if (name.equals("items") && value == JsonToken.START_ARRAY) {
        list = true;
        // kubectl writes a typed list's items without their kind: the list's name tells it.
        String kind = top.path("kind").asText("");
        String itemKind =
            kind.endsWith("List") && !kind.equals("List")
                ? kind.substring(0, kind.length() - 4)
                : null;
        while (p.nextToken() == JsonToken.START_OBJECT) {
          JsonNode item = p.readValueAsTree();
          if (itemKind != null && item instanceof ObjectNode o && !o.has("kind")) {
            o.put("kind", itemKind);
            o.set("apiVersion", top.path("apiVersion"));
          }
          add(item, out);
        }
      } else {
        top.set(name, p.readValueAsTree());
      }
    }
    if (!list) {
      add(top, out);
    }
  }

  private void add(JsonNode node, List<HasMetadata> out) {
    if (node != null && node.has("kind")) {
      flatten(serialization.unmarshal(node.toString()), out);
    }
  }

  /**
   * YAML is read here (fabric8's own YAML reading stops at 3 MiB, and a namespace of a few thousand
   * pods is larger) and handed to fabric8 as JSON, which it reads at any size.
   */
  private Parsed yaml(String text, List<HasMetadata> out) {
    LoadSettings settings =
        LoadSettings.builder()
            .setCodePointLimit(Math.max(text.length() + 1, 3 * 1024 * 1024))
            .setMaxAliasesForCollections(50)
            .setAllowRecursiveKeys(false)
            .build();
    try {
      for (Object document : new Load(settings).loadAllFromString(text)) {
        if (document != null) {
          flatten(serialization.unmarshal(JSON.writeValueAsString(document)), out);
        }
      }
      return new Parsed(out, null, 0);
    } catch (MarkedYamlEngineException e) {
      int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
      return new Parsed(out, damage(firstLine(e.getProblem()), out), line);
    } catch (IOException | RuntimeException e) {
      return new Parsed(out, damage(firstLine(e.getMessage()), out), 0);
    }
  }

  private static String damage(String why, List<HasMetadata> before) {
    return firstLine(why)
        + (before.isEmpty() ? "" : "; read the " + before.size() + " objects before it");
  }

  static void flatten(Object parsed, List<HasMetadata> out) {
    if (parsed instanceof KubernetesResourceList<?> l && l.getItems() != null) {
      l.getItems().forEach(item -> flatten(item, out));
    } else if (parsed instanceof HasMetadata o) {
      out.add(o);
    } else if (parsed instanceof List<?> l) {
      l.forEach(item -> flatten(item, out));
    }
  }

  static String firstLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
