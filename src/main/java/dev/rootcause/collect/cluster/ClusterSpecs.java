package dev.rootcause.collect.cluster;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
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
  private static final Set<String> SYSTEM_NAMESPACES =
      Set.of("kube-system", "kube-public", "kube-node-lease");

  /** ConfigMaps the platform writes into every namespace: the API server's CA bundle. */
  private static final Set<String> PLATFORM_CONFIG_MAPS = Set.of("kube-root-ca.crt");

  private static final String LEADER = "control-plane.alpha.kubernetes.io/leader";
  private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * JSON, which the manifest reader reads as YAML, several times faster to write than YAML; each
   * array item on a line of its own, so a line names one field.
   */
  private static final ObjectWriter PRETTY =
      JSON.writer(
          new DefaultPrettyPrinter()
              .withArrayIndenter(new DefaultIndenter("  ", "\n"))
              .withObjectIndenter(new DefaultIndenter("  ", "\n")));

  /** One object and its text. */
  private record Spec(String kind, String namespace, String name, String yaml) {}

  /** One namespace's objects, one YAML document each, and the line each starts on. */
  private record Written(Path file, TreeMap<Integer, Spec> starts) {}

  private final String context;
  private final Path dir;
  private final Map<String, Spec> specs = new LinkedHashMap<>();
  private final Map<String, Written> written = new LinkedHashMap<>();
  private List<SourceFile> files;
  private final Map<String, TreeMap<Integer, String>> fields = new java.util.HashMap<>();

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
            serialization.convertValue(o, JsonNode.class).path("spec").path("scaleTargetRef");
        scaled.add(
            key(
                target.path("kind").asText(),
                o.getMetadata().getNamespace(),
                target.path("name").asText()));
      }
    }
    for (HasMetadata o : objects) {
      if (isSpec(o, present)) {
        JsonNode node = strip(serialization.convertValue(o, JsonNode.class));
        if ("ConfigMap".equals(o.getKind())
            && PLATFORM_CONFIG_MAPS.contains(o.getMetadata().getName())) {
          node = stub(node);
        }
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
    OwnerTemplates owners = new OwnerTemplates(objects);
    for (HasMetadata o : objects) {
      if (o instanceof Pod pod && pod.getMetadata() != null && pod.getSpec() != null) {
        OwnerTemplates.Owner owner = owners.owner(pod);
        if (owner != null
            && !present.contains(key(owner.kind(), pod.getMetadata().getNamespace(), owner.name()))
            && !specs.containsKey(
                path(owner.kind(), pod.getMetadata().getNamespace(), owner.name()))
            && !SYSTEM_NAMESPACES.contains(String.valueOf(pod.getMetadata().getNamespace()))) {
          add(
              owner.kind(),
              pod.getMetadata().getNamespace(),
              owner.name(),
              OwnerTemplates.template(owner, pod, serialization.convertValue(pod, JsonNode.class)),
              serialization);
        }
      }
    }
  }

  private void add(
      String kind, String ns, String name, JsonNode node, KubernetesSerialization serialization)
      throws IOException {
    {
      String path = path(kind, ns, name);
      if (specs.containsKey(path)) {
        return; // the same object in two files of a dump, or a second pod of one owner
      }
      specs.put(path, new Spec(kind, ns, name, PRETTY.writeValueAsString(node)));
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
    if (STATE_KINDS.contains(o.getKind())
        || ns != null && SYSTEM_NAMESPACES.contains(ns)
        || isPlatformOrRelease(o)) {
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
   * A ConfigMap nobody on the team wrote and no pod mounts: a controller's leader lock, or a Helm
   * release record (the release's manifest, gzipped: its objects are read as themselves).
   */
  private static boolean isPlatformOrRelease(HasMetadata o) {
    if (!"ConfigMap".equals(o.getKind())) {
      return false;
    }
    var meta = o.getMetadata();
    Map<String, String> labels = meta.getLabels() == null ? Map.of() : meta.getLabels();
    Map<String, String> annotations =
        meta.getAnnotations() == null ? Map.of() : meta.getAnnotations();
    return annotations.containsKey(LEADER)
        || meta.getName().startsWith("sh.helm.release.")
        || "helm".equals(labels.get("owner"))
        || "TILLER".equals(labels.get("OWNER"));
  }

  /**
   * The platform's ConfigMap as its name and keys alone: a pod that mounts it finds it there, and
   * its content (a CA bundle) is nobody's to fix.
   */
  private static JsonNode stub(JsonNode node) {
    ObjectNode stub = JSON.createObjectNode();
    stub.put("apiVersion", "v1");
    stub.put("kind", "ConfigMap");
    ObjectNode meta = stub.putObject("metadata");
    meta.set("name", node.path("metadata").path("name"));
    if (node.path("metadata").has("namespace")) {
      meta.set("namespace", node.path("metadata").path("namespace"));
    }
    ObjectNode data = stub.putObject("data");
    node.path("data").fieldNames().forEachRemaining(k -> data.put(k, ""));
    return stub;
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

  /**
   * Each line of a namespace's text and the field that starts on it, outermost first: parsed again
   * only for the files a finding points at, once each.
   */
  private TreeMap<Integer, String> fields(String path, Written file) {
    return fields.computeIfAbsent(
        path,
        p -> {
          try {
            return fields(p, Files.readString(file.file(), StandardCharsets.UTF_8));
          } catch (IOException e) {
            return new TreeMap<>(); // the object, without its field
          }
        });
  }

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

  /**
   * The files to read as manifests: one a namespace (few files, however many objects), written on
   * the first call, so {@link #without} is called before.
   */
  public List<SourceFile> files() {
    if (files == null) {
      files = new ArrayList<>();
      Map<String, List<Spec>> byNamespace = new LinkedHashMap<>();
      specs
          .values()
          .forEach(
              s ->
                  byNamespace
                      .computeIfAbsent(
                          s.namespace() == null ? "" : s.namespace(), n -> new ArrayList<>())
                      .add(s));
      try {
        for (Map.Entry<String, List<Spec>> ns : byNamespace.entrySet()) {
          write(ns.getKey(), ns.getValue());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return List.copyOf(files);
  }

  private void write(String namespace, List<Spec> objects) throws IOException {
    StringBuilder text = new StringBuilder();
    TreeMap<Integer, Spec> starts = new TreeMap<>();
    int line = 1;
    for (Spec s : objects) {
      String yaml = s.yaml().startsWith("---") ? s.yaml() : "---\n" + s.yaml();
      yaml = yaml.endsWith("\n") ? yaml : yaml + "\n";
      starts.put(line, s);
      text.append(yaml);
      line += (int) yaml.chars().filter(c -> c == '\n').count();
    }
    Path file = dir.resolve("namespace-" + written.size() + ".yaml");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    String path = PREFIX + (namespace.isEmpty() ? "cluster-scoped" : namespace);
    written.put(path, new Written(file, starts));
    files.add(new SourceFile(file, path, FileKind.YAML, Files.size(file)));
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
    if (files != null) {
      throw new IllegalStateException("the specs are written already");
    }
    specs
        .values()
        .removeIf(
            s ->
                declared.test(
                    new ClusterLocation(context, s.namespace(), s.kind(), s.name(), null)));
  }

  /**
   * The cluster object and field a location in the specs' text points at; null when the location is
   * not in one object (a whole file).
   */
  public ClusterLocation locate(SourceLocation at) {
    Written file = written.get(at.path());
    Map.Entry<Integer, Spec> object = file == null ? null : file.starts().floorEntry(at.line());
    if (object == null) {
      return null;
    }
    Spec spec = object.getValue();
    Map.Entry<Integer, String> field = fields(at.path(), file).floorEntry(at.line());
    return new ClusterLocation(
        context,
        spec.namespace(),
        spec.kind(),
        spec.name(),
        field == null || field.getKey() < object.getKey() ? null : field.getValue());
  }

  private static String path(String kind, String ns, String name) {
    return PREFIX + (ns == null ? "" : ns + "/") + kind + "/" + name;
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
