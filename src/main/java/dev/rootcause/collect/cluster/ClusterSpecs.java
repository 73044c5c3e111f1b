package dev.rootcause.collect.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rootcause.collect.FileKind;
import dev.rootcause.collect.SourceFile;
import dev.rootcause.collect.yaml.YamlNode;
import dev.rootcause.collect.yaml.YamlReader;
import dev.rootcause.model.ClusterLocation;
import dev.rootcause.model.SourceLocation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The cluster's own objects (controllers with their pod templates, Services, policies,
 * autoscalers...) as manifests, so that the manifest reader {@code scan} uses reads them into the
 * model: each object is written as YAML under a path naming it, and a location in that text is
 * turned back into the object and the field it points at. Pods, events, endpoints and nodes are
 * state, not specs; an object a controller read beside it owns is reported on its owner; the
 * platform's own namespaces are not the team's to fix.
 */
public final class ClusterSpecs implements AutoCloseable {
  /** Where the specs' paths start: no repository path does (a relative path never has '<'). */
  public static final String PREFIX = "<cluster>/";

  private static final Set<String> STATE_KINDS =
      Set.of(
          "Pod",
          "Event",
          "Endpoints",
          "EndpointSlice",
          "Node",
          "Secret",
          "Lease",
          "ControllerRevision",
          "ComponentStatus");
  private static final Set<String> SYSTEM_NAMESPACES = Set.of("kube-system", "kube-node-lease");
  private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One object: the path its YAML is read under, the object, and each line's field. */
  private record Spec(
      String path, String kind, String namespace, String name, TreeMap<Integer, String> fields) {}

  private final String context;
  private final Path dir;
  private final Map<String, Spec> specs = new LinkedHashMap<>();
  private final List<SourceFile> files = new ArrayList<>();

  private ClusterSpecs(String context, Path dir) {
    this.context = context;
    this.dir = dir;
  }

  /** No objects: a reader that recorded none, or a test that gives state alone. */
  public static ClusterSpecs none(String context) {
    return new ClusterSpecs(context, null);
  }

  /** The specs of what {@code reader} read (its {@code objects}), written to a temporary folder. */
  public static ClusterSpecs of(ClusterReader reader) throws IOException {
    List<HasMetadata> read =
        reader instanceof DumpWriter.Recorded r ? r.objectsRead() : List.<HasMetadata>of();
    return of(reader.context(), read);
  }

  /** The specs of {@code objects}, as read from a cluster whose locations say {@code context}. */
  public static ClusterSpecs of(String context, List<HasMetadata> objects) throws IOException {
    ClusterSpecs specs = new ClusterSpecs(context, Files.createTempDirectory("rootcause-cluster"));
    try {
      specs.write(objects);
    } catch (IOException | RuntimeException e) {
      specs.close();
      throw e;
    }
    return specs;
  }

  private void write(List<HasMetadata> objects) throws IOException {
    Set<String> present = new HashSet<>();
    for (HasMetadata o : objects) {
      if (o.getMetadata() != null) {
        present.add(key(o.getKind(), o.getMetadata().getNamespace(), o.getMetadata().getName()));
        if (o.getMetadata().getUid() != null) {
          present.add("uid:" + o.getMetadata().getUid());
        }
      }
    }
    KubernetesSerialization serialization = new KubernetesSerialization();
    Set<String> scaled = new HashSet<>();
    for (HasMetadata o : objects) {
      if ("HorizontalPodAutoscaler".equals(o.getKind())) {
        JsonNode target =
            JSON.readTree(serialization.asJson(o)).path("spec").path("scaleTargetRef");
        scaled.add(
            key(
                target.path("kind").asText(),
                o.getMetadata().getNamespace(),
                target.path("name").asText()));
      }
    }
    for (HasMetadata o : objects) {
      if (isSpec(o, present)) {
        JsonNode node = strip(JSON.readTree(serialization.asJson(o)));
        String ns = o.getMetadata().getNamespace();
        if (scaled.contains(key(o.getKind(), ns, o.getMetadata().getName()))
            && node.path("spec") instanceof ObjectNode spec) {
          // The autoscaler writes the replicas of what it scales: no person set that number.
          spec.remove("replicas");
        }
        add(o.getKind(), ns, o.getMetadata().getName(), node, serialization);
      }
    }
    // A pod whose controller was not read (a dump of pods alone) shows its owner's template.
    for (HasMetadata o : objects) {
      if (o instanceof Pod pod && pod.getMetadata() != null && pod.getSpec() != null) {
        OwnerTemplates.Owner owner = OwnerTemplates.owner(pod, objects);
        if (owner != null
            && !present.contains(key(owner.kind(), pod.getMetadata().getNamespace(), owner.name()))
            && !SYSTEM_NAMESPACES.contains(String.valueOf(pod.getMetadata().getNamespace()))) {
          add(
              owner.kind(),
              pod.getMetadata().getNamespace(),
              owner.name(),
              OwnerTemplates.template(owner, pod, JSON.readTree(serialization.asJson(pod))),
              serialization);
        }
      }
    }
  }

  private void add(
      String kind, String ns, String name, JsonNode node, KubernetesSerialization serialization)
      throws IOException {
    {
      String path = PREFIX + (ns == null ? "" : ns + "/") + kind + "/" + name;
      if (specs.containsKey(path)) {
        return; // the same object in two files of a dump, or a second pod of one owner
      }
      String yaml = serialization.asYaml(node);
      Path file = dir.resolve("object-" + specs.size() + ".yaml");
      Files.writeString(file, yaml, StandardCharsets.UTF_8);
      specs.put(path, new Spec(path, kind, ns, name, fields(path, yaml)));
      files.add(new SourceFile(file, path, FileKind.YAML, Files.size(file)));
    }
  }

  /**
   * An object a person fixes: not state, not the platform's, and not owned by a controller that was
   * read too (a ReplicaSet repeats its Deployment's template).
   */
  private static boolean isSpec(HasMetadata o, Set<String> present) {
    if (o.getMetadata() == null || o.getMetadata().getName() == null || o.getKind() == null) {
      return false;
    }
    String ns = o.getMetadata().getNamespace();
    if (STATE_KINDS.contains(o.getKind()) || ns != null && SYSTEM_NAMESPACES.contains(ns)) {
      return false;
    }
    List<OwnerReference> owners =
        o.getMetadata().getOwnerReferences() == null
            ? List.of()
            : o.getMetadata().getOwnerReferences();
    Predicate<OwnerReference> read =
        r ->
            r.getUid() != null && present.contains("uid:" + r.getUid())
                || present.contains(key(r.getKind(), ns, r.getName()));
    return owners.stream().noneMatch(read);
  }

  /**
   * What the API server adds and a person never writes: status, managed fields, and the copy of the
   * applied manifest kubectl keeps in an annotation (a string, not an object).
   */
  private static JsonNode strip(JsonNode node) {
    if (node instanceof ObjectNode object) {
      object.remove("status");
      if (object.get("metadata") instanceof ObjectNode meta) {
        meta.remove("managedFields");
        if (meta.get("annotations") instanceof ObjectNode annotations) {
          annotations.remove(LAST_APPLIED);
          if (annotations.isEmpty()) {
            meta.remove("annotations");
          }
        }
      }
    }
    return node;
  }

  /** Each line of the text and the field that starts on it, outermost first. */
  private static TreeMap<Integer, String> fields(String path, String yaml) {
    TreeMap<Integer, String> fields = new TreeMap<>();
    for (var doc : YamlReader.read(path, yaml).documents()) {
      index(doc.root(), "", fields);
    }
    return fields;
  }

  private static void index(YamlNode node, String at, TreeMap<Integer, String> fields) {
    if (node instanceof YamlNode.Mapping m) {
      for (YamlNode.Mapping.Entry e : m.entries().values()) {
        String field = at + "." + e.key();
        fields.putIfAbsent(e.keyLocation().line(), field);
        index(e.value(), field, fields);
      }
    } else if (node instanceof YamlNode.Sequence s) {
      for (int i = 0; i < s.items().size(); i++) {
        YamlNode item = s.items().get(i);
        String field = at + "[" + i + "]";
        fields.putIfAbsent(item.location().line(), field);
        index(item, field, fields);
      }
    }
  }

  /** The files to read as manifests, each under the path naming its object. */
  public List<SourceFile> files() {
    return List.copyOf(files);
  }

  /** Whether a path is one of these specs'. */
  public static boolean isSpecPath(String path) {
    return path.startsWith(PREFIX);
  }

  /**
   * Leaves out the objects {@code declared} says a repository holds (kind, namespace, name; a null
   * namespace in the repository matches any): the repository's copy is the one to fix.
   */
  public void without(Predicate<ClusterLocation> declared) {
    specs
        .values()
        .removeIf(
            s ->
                declared.test(
                    new ClusterLocation(context, s.namespace(), s.kind(), s.name(), null)));
    files.removeIf(f -> !specs.containsKey(f.path()));
  }

  /**
   * The cluster object and field a location in a spec's text points at; null when the location is
   * not in one.
   */
  public ClusterLocation locate(SourceLocation at) {
    Spec spec = specs.get(at.path());
    if (spec == null) {
      return null;
    }
    Map.Entry<Integer, String> field = at.line() == 0 ? null : spec.fields().floorEntry(at.line());
    return new ClusterLocation(
        context,
        spec.namespace(),
        spec.kind(),
        spec.name(),
        field == null ? null : field.getValue());
  }

  private static String key(String kind, String namespace, String name) {
    return kind + "/" + namespace + "/" + name;
  }

  @Override
  public void close() {
    if (dir == null) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
