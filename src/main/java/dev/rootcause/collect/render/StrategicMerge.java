package dev.rootcause.collect.render;

import dev.rootcause.collect.yaml.YamlNode;
import dev.rootcause.collect.yaml.YamlNode.Mapping;
import dev.rootcause.collect.yaml.YamlNode.Scalar;
import dev.rootcause.collect.yaml.YamlNode.Sequence;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes' strategic merge patch over positioned trees, the subset kustomize overlays use: maps
 * merge, a null deletes, lists of containers, env, volumes and ports merge by their merge key,
 * other lists are replaced, and {@code $patch: delete|replace} directives are honoured. Every node
 * the patch sets keeps the patch's line.
 */
final class StrategicMerge {
  private StrategicMerge() {}

  /** Merge keys by list field, as the Kubernetes API declares them ({@code patchMergeKey}). */
  private static final Map<String, String> MERGE_KEYS =
      Map.of(
          "containers", "name",
          "initContainers", "name",
          "ephemeralContainers", "name",
          "env", "name",
          "volumes", "name",
          "imagePullSecrets", "name",
          "volumeMounts", "mountPath",
          "hostAliases", "ip");

  static YamlNode merge(YamlNode base, YamlNode patch) {
    if (base instanceof Mapping b && patch instanceof Mapping p) {
      return mergeMaps(b, p);
    }
    return patch;
  }

  private static YamlNode mergeMaps(Mapping base, Mapping patch) {
    String directive = patch.string("$patch");
    if ("replace".equals(directive)) {
      return YamlTrees.without(patch, "$patch");
    }
    LinkedHashMap<String, Mapping.Entry> out = new LinkedHashMap<>(base.entries());
    for (Mapping.Entry e : patch.entries().values()) {
      String key = e.key();
      if (key.startsWith("$")) {
        continue;
      }
      YamlNode value = e.value();
      Mapping.Entry existing = out.get(key);
      if (value instanceof Scalar s && s.isNull()) {
        out.remove(key);
      } else if (existing == null) {
        out.put(key, e);
      } else if (existing.value() instanceof Sequence bs && value instanceof Sequence ps) {
        out.put(key, new Mapping.Entry(key, existing.keyLocation(), mergeLists(key, bs, ps)));
      } else if (existing.value() instanceof Mapping bm && value instanceof Mapping pm) {
        // The patch's line: a finding on a merged selector or limits points at what changed it.
        out.put(key, new Mapping.Entry(key, e.keyLocation(), mergeMaps(bm, pm)));
      } else {
        out.put(key, new Mapping.Entry(key, e.keyLocation(), value));
      }
    }
    return new Mapping(out, base.location());
  }

  private static YamlNode mergeLists(String field, Sequence base, Sequence patch) {
    String key = mergeKey(field, base, patch);
    if (key == null) {
      return patch;
    }
    // kustomize (kyaml) lists the patch's items first, in its order, then the base's it left alone
    List<YamlNode> out = new ArrayList<>();
    List<YamlNode> untouched = new ArrayList<>(base.items());
    for (YamlNode item : patch.items()) {
      if (!(item instanceof Mapping p) || p.string(key) == null) {
        out.add(item);
        continue;
      }
      int at = indexOf(untouched, key, p.string(key));
      boolean delete = "delete".equals(p.string("$patch"));
      if (at >= 0) {
        YamlNode original = untouched.remove(at);
        if (!delete) {
          out.add(merge(original, p));
        }
      } else if (!delete) {
        out.add(item);
      }
    }
    out.addAll(untouched);
    return new Sequence(out, base.location());
  }

  private static String mergeKey(String field, Sequence base, Sequence patch) {
    if (field.equals("ports")) {
      // containers' ports merge by containerPort, a Service's by port
      boolean container =
          base.items().stream().anyMatch(i -> i instanceof Mapping m && m.has("containerPort"));
      return container ? "containerPort" : "port";
    }
    return MERGE_KEYS.get(field);
  }

  private static int indexOf(List<YamlNode> items, String key, String value) {
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i) instanceof Mapping m && value.equals(m.string(key))) {
        return i;
      }
    }
    return -1;
  }
}
