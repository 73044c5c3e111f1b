package dev.rootcause.collect.render;

import dev.rootcause.collect.yaml.YamlNode;
import dev.rootcause.collect.yaml.YamlNode.Mapping;
import dev.rootcause.collect.yaml.YamlNode.Scalar;
import dev.rootcause.collect.yaml.YamlNode.Sequence;
import dev.rootcause.model.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The transformers a kustomization declares in fields (namespace, name prefix and suffix, labels,
 * images, replicas), applied as kustomize applies them; each value a transformer writes is placed
 * at the kustomization line that asked for it, so a finding points at the override.
 */
final class KustomizeTransforms {
  private KustomizeTransforms() {}

  /** Kinds that live outside namespaces: a namespace transformer leaves them alone. */
  private static final Set<String> CLUSTER_SCOPED =
      Set.of(
          "Namespace",
          "ClusterRole",
          "ClusterRoleBinding",
          "CustomResourceDefinition",
          "PersistentVolume",
          "StorageClass",
          "PriorityClass",
          "IngressClass",
          "ValidatingWebhookConfiguration",
          "MutatingWebhookConfiguration",
          "APIService");

  private static final Set<String> POD_CONTROLLERS =
      Set.of(
          "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "ReplicationController");

  static Mapping namespace(Mapping object, String namespace, SourceLocation at) {
    if (CLUSTER_SCOPED.contains(object.string("kind"))) {
      return object;
    }
    Mapping meta = object.map("metadata").orElse(YamlTrees.emptyAt(at));
    meta = YamlTrees.with(meta, "namespace", at, YamlTrees.text(namespace, at));
    return YamlTrees.with(object, "metadata", object.locationOf("metadata"), meta);
  }

  /** The object renamed; the caller rewrites references to it with {@link #rename}. */
  static Mapping prefixSuffix(Mapping object, String prefix, String suffix, SourceLocation at) {
    if (object.string("kind").equals("Namespace")
        || object.string("kind").equals("CustomResourceDefinition")) {
      return object;
    }
    Mapping meta = object.map("metadata").orElse(null);
    if (meta == null || meta.string("name") == null) {
      return object;
    }
    String name = prefix + meta.string("name") + suffix;
    meta = YamlTrees.with(meta, "name", meta.locationOf("name"), YamlTrees.text(name, at));
    return YamlTrees.with(object, "metadata", object.locationOf("metadata"), meta);
  }

  /** Fields that name another object, by the field holding them: (kind, name field). */
  private static final Map<String, String[]> REFERENCES =
      Map.of(
          "configMapRef", new String[] {"ConfigMap", "name"},
          "configMapKeyRef", new String[] {"ConfigMap", "name"},
          "configMap", new String[] {"ConfigMap", "name"},
          "secretRef", new String[] {"Secret", "name"},
          "secretKeyRef", new String[] {"Secret", "name"},
          "secret", new String[] {"Secret", "secretName"},
          "persistentVolumeClaim", new String[] {"PersistentVolumeClaim", "claimName"},
          "service", new String[] {"Service", "name"},
          "scaleTargetRef", new String[] {null, "name"});

  /** References to renamed objects ({@code kind/old -> new}) rewritten, as kustomize does. */
  static YamlNode rename(YamlNode node, Map<String, String> renamed, SourceLocation at) {
    if (node instanceof Sequence s) {
      List<YamlNode> items = new ArrayList<>();
      s.items().forEach(i -> items.add(rename(i, renamed, at)));
      return new Sequence(items, s.location());
    }
    if (!(node instanceof Mapping m)) {
      return node;
    }
    Mapping out = m;
    for (Mapping.Entry e : m.entries().values()) {
      YamlNode value = rename(e.value(), renamed, at);
      String[] ref = REFERENCES.get(e.key());
      if (ref != null && value instanceof Mapping r && r.string(ref[1]) != null) {
        String kind = ref[0] != null ? ref[0] : r.string("kind");
        String to = renamed.get(kind + "/" + r.string(ref[1]));
        if (to != null) {
          value = YamlTrees.with(r, ref[1], r.locationOf(ref[1]), YamlTrees.text(to, at));
        }
      } else if (e.key().equals("serviceAccountName") && value instanceof Scalar s) {
        String to = renamed.get("ServiceAccount/" + s.value());
        if (to != null) {
          value = YamlTrees.text(to, at);
        }
      }
      if (value != e.value()) {
        out = YamlTrees.with(out, e.key(), e.keyLocation(), value);
      }
    }
    return out;
  }

  /**
   * Adds labels to the object; with {@code selectors} (commonLabels, or labels with
   * includeSelectors) also to its selectors and pod template, as kustomize does.
   */
  static Mapping labels(
      Mapping object, Map<String, Mapping.Entry> labels, boolean selectors, boolean templates) {
    Mapping out = addTo(object, labels, "metadata", "labels");
    String kind = object.string("kind");
    if (selectors) {
      if (kind.equals("Service")) {
        out = addTo(out, labels, "spec", "selector");
      } else if (POD_CONTROLLERS.contains(kind) || kind.equals("PodDisruptionBudget")) {
        out = addTo(out, labels, "spec", "selector", "matchLabels");
      } else if (kind.equals("NetworkPolicy")) {
        out = addTo(out, labels, "spec", "podSelector", "matchLabels");
      }
    }
    if ((selectors || templates) && POD_CONTROLLERS.contains(kind)) {
      out = addTo(out, labels, "spec", "template", "metadata", "labels");
    }
    if ((selectors || templates) && kind.equals("CronJob")) {
      out = addTo(out, labels, "spec", "jobTemplate", "spec", "template", "metadata", "labels");
    }
    return out;
  }

  private static Mapping addTo(Mapping node, Map<String, Mapping.Entry> labels, String... path) {
    return addAt(node, labels, path, 0);
  }

  private static Mapping addAt(
      Mapping node, Map<String, Mapping.Entry> labels, String[] path, int i) {
    String key = path[i];
    SourceLocation at = labels.values().iterator().next().keyLocation();
    Mapping child = node.map(key).orElse(YamlTrees.emptyAt(at));
    if (i == path.length - 1) {
      for (Mapping.Entry label : labels.values()) {
        child = YamlTrees.with(child, label.key(), label.keyLocation(), label.value());
      }
    } else {
      child = addAt(child, labels, path, i + 1);
    }
    return YamlTrees.with(node, key, node.has(key) ? node.locationOf(key) : at, child);
  }

  /** Adds annotations to the object's metadata and, as kustomize does, its pod template's. */
  static Mapping annotations(Mapping object, Map<String, Mapping.Entry> annotations) {
    Mapping out = addTo(object, annotations, "metadata", "annotations");
    if (POD_CONTROLLERS.contains(object.string("kind"))) {
      out = addTo(out, annotations, "spec", "template", "metadata", "annotations");
    }
    return out;
  }

  /** {@code images:} overrides on every container whose image has that name. */
  static YamlNode images(YamlNode node, List<Mapping> overrides) {
    if (node instanceof Sequence s) {
      List<YamlNode> items = new ArrayList<>();
      s.items().forEach(i -> items.add(images(i, overrides)));
      return new Sequence(items, s.location());
    }
    if (!(node instanceof Mapping m)) {
      return node;
    }
    Mapping out = m;
    for (Mapping.Entry e : m.entries().values()) {
      YamlNode value = e.value();
      if (e.key().equals("image") && value instanceof Scalar s && s.value() != null) {
        value = image(s, overrides);
      } else {
        value = images(value, overrides);
      }
      if (value != e.value()) {
        out = YamlTrees.with(out, e.key(), e.keyLocation(), value);
      }
    }
    return out;
  }

  private static YamlNode image(Scalar image, List<Mapping> overrides) {
    String ref = image.value();
    int at = ref.indexOf('@');
    String nameAndTag = at < 0 ? ref : ref.substring(0, at);
    String digest = at < 0 ? null : ref.substring(at + 1);
    int colon = nameAndTag.lastIndexOf(':');
    String name = colon > nameAndTag.lastIndexOf('/') ? nameAndTag.substring(0, colon) : nameAndTag;
    String tag = colon > nameAndTag.lastIndexOf('/') ? nameAndTag.substring(colon + 1) : null;
    for (Mapping o : overrides) {
      if (!name.equals(o.string("name"))) {
        continue;
      }
      SourceLocation where = image.location();
      if (o.string("newName") != null) {
        name = o.string("newName");
        where = o.locationOf("newName");
      }
      if (o.string("newTag") != null) {
        tag = o.string("newTag");
        digest = null;
        // A rename is the riskier edit of the two: the image is placed at its newName line.
        where = o.string("newName") != null ? where : o.locationOf("newTag");
      }
      if (o.string("digest") != null) {
        digest = o.string("digest");
        tag = null;
        where = o.locationOf("digest");
      }
      String value = name + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
      return new Scalar(value, false, where);
    }
    return image;
  }

  /** {@code replicas:} overrides by object name. */
  static Mapping replicas(Mapping object, List<Mapping> overrides) {
    if (!Set.of("Deployment", "StatefulSet", "ReplicaSet", "ReplicationController")
        .contains(object.string("kind"))) {
      return object;
    }
    String name = object.path("metadata").map(m -> m.string("name")).orElse(null);
    for (Mapping o : overrides) {
      if (name != null && name.equals(o.string("name")) && o.get("count").isPresent()) {
        Mapping spec = object.map("spec").orElse(YamlTrees.emptyAt(o.location()));
        spec =
            YamlTrees.with(spec, "replicas", o.locationOf("count"), o.get("count").orElseThrow());
        return YamlTrees.with(object, "spec", object.locationOf("spec"), spec);
      }
    }
    return object;
  }
}
