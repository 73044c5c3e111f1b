package dev.rootcause.collect.k8s;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Quantity;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Kubernetes API's own schema, as the fabric8 model classes on the classpath know it: which
 * apiVersion serves which kind, and which fields each type has (its Jackson properties). Built
 * once, on first use, from the {@code KubernetesResource} service files the model jars ship.
 */
final class KubeSchema {
  private static final String SERVICES = "META-INF/services/" + KubernetesResource.class.getName();
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** A field of a type: its name and its Java type (a bean, a list, a map or a scalar). */
  record Field(String name, JavaType type) {}

  // Loading every model class takes seconds on a busy machine: classes are loaded per kind asked
  // about, and all of them only for the rare object whose kind or group is unknown.
  private final Map<String, List<String>> classesBySimpleName;
  private final Map<String, Map<String, Class<?>>> kinds = new ConcurrentHashMap<>();
  private volatile Set<String> groups;
  private volatile List<String> allKinds;
  private final Map<Class<?>, Map<String, Field>> fields = new ConcurrentHashMap<>();

  private KubeSchema(Map<String, List<String>> classesBySimpleName) {
    this.classesBySimpleName = classesBySimpleName;
  }

  private static final class Holder {
    static final KubeSchema INSTANCE = load();
  }

  static KubeSchema get() {
    return Holder.INSTANCE;
  }

  private static KubeSchema load() {
    Map<String, List<String>> bySimpleName = new LinkedHashMap<>();
    for (String name : classNames(KubeSchema.class.getClassLoader())) {
      if (!name.endsWith("List")) {
        String simple = name.substring(name.lastIndexOf('.') + 1);
        bySimpleName.computeIfAbsent(simple, k -> new ArrayList<>()).add(name);
      }
    }
    return new KubeSchema(bySimpleName);
  }

  /** apiVersion to class for one kind; fabric8 names each resource class after its kind. */
  private Map<String, Class<?>> versions(String kind) {
    return kinds.computeIfAbsent(
        kind,
        k -> {
          Map<String, Class<?>> out = new LinkedHashMap<>();
          ClassLoader loader = KubeSchema.class.getClassLoader();
          for (String name : classesBySimpleName.getOrDefault(k, List.of())) {
            resource(name, loader)
                .filter(t -> k.equals(HasMetadata.getKind(t)))
                .ifPresent(t -> out.putIfAbsent(HasMetadata.getApiVersion(t), t));
          }
          return Map.copyOf(out);
        });
  }

  @SuppressWarnings("unchecked")
  private static Optional<Class<? extends HasMetadata>> resource(String name, ClassLoader loader) {
    try {
      Class<?> type = Class.forName(name, false, loader);
      return HasMetadata.class.isAssignableFrom(type)
          ? Optional.of((Class<? extends HasMetadata>) type)
          : Optional.empty();
    } catch (ClassNotFoundException | LinkageError e) {
      return Optional.empty(); // a model jar without one of its classes: that kind stays unknown
    }
  }

  /** Every kind and group: loads every model class, so only asked for unknown objects. */
  private void loadAll() {
    if (allKinds != null) {
      return;
    }
    Set<String> g = new TreeSet<>();
    List<String> k = new ArrayList<>();
    for (String simple : classesBySimpleName.keySet()) {
      Map<String, Class<?>> served = versions(simple);
      if (!served.isEmpty()) {
        k.add(simple);
        served.keySet().forEach(v -> g.add(group(v)));
      }
    }
    groups = Set.copyOf(g);
    allKinds = List.copyOf(k);
  }

  private static List<String> classNames(ClassLoader loader) {
    List<String> names = new ArrayList<>();
    try {
      Enumeration<URL> files = loader.getResources(SERVICES);
      while (files.hasMoreElements()) {
        try (BufferedReader in =
            new BufferedReader(
                new InputStreamReader(files.nextElement().openStream(), StandardCharsets.UTF_8))) {
          in.lines()
              .map(String::trim)
              .filter(l -> !l.isEmpty() && !l.startsWith("#"))
              .forEach(names::add);
        }
      }
    } catch (IOException e) {
      return names; // no schema: nothing is judged unknown
    }
    return names;
  }

  /**
   * The API group of an apiVersion: {@code apps} for {@code apps/v1}, {@code ""} for {@code v1}.
   */
  static String group(String apiVersion) {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  boolean isEmpty() {
    return classesBySimpleName.isEmpty();
  }

  /** The class of {@code kind} in {@code apiVersion}, when the API serves that pair. */
  Optional<Class<?>> type(String apiVersion, String kind) {
    return Optional.ofNullable(versions(kind).get(apiVersion));
  }

  /** The apiVersions that serve {@code kind}, empty for a kind the API does not have. */
  List<String> versionsOf(String kind) {
    return List.copyOf(versions(kind).keySet());
  }

  /** Every kind the API serves, for suggesting the one meant. */
  synchronized List<String> kinds() {
    loadAll();
    return allKinds;
  }

  /**
   * Whether the group is Kubernetes' own: the API requires a custom resource's group to hold a dot,
   * so an unqualified group ({@code apps}, {@code batch}, core) is built in, as are the {@code
   * *.k8s.io} groups the schema serves.
   */
  synchronized boolean knowsGroup(String apiVersion) {
    String group = group(apiVersion);
    if (!group.contains(".")) {
      return true;
    }
    if (!group.endsWith(".k8s.io")) {
      return false;
    }
    loadAll();
    return groups.contains(group);
  }

  /** The fields of a bean type; empty for a type that takes any key (a map, free-form JSON). */
  Map<String, Field> fieldsOf(Class<?> type) {
    return fields.computeIfAbsent(type, KubeSchema::introspect);
  }

  private static Map<String, Field> introspect(Class<?> type) {
    Map<String, Field> out = new LinkedHashMap<>();
    List<BeanPropertyDefinition> properties =
        MAPPER.getDeserializationConfig().introspect(MAPPER.constructType(type)).findProperties();
    for (BeanPropertyDefinition p : properties) {
      out.put(p.getName(), new Field(p.getName(), p.getPrimaryType()));
    }
    return Map.copyOf(out);
  }

  /** Whether values of this type are checked field by field (a fabric8 model bean). */
  static boolean isBean(JavaType type) {
    Class<?> raw = type.getRawClass();
    return raw.getName().startsWith("io.fabric8.kubernetes.api.model.")
        && raw != IntOrString.class
        && raw != Quantity.class
        && !raw.isEnum()
        // Free-form payloads (a ControllerRevision's data, a webhook's object) take any key.
        && !raw.getSimpleName().equals("AnyType")
        && !raw.getSimpleName().equals("RawExtension")
        && KubernetesResource.class.isAssignableFrom(raw);
  }

  static boolean isQuantity(JavaType type) {
    return type.getRawClass() == Quantity.class;
  }
}
