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

  // kind -> apiVersion -> class
  private final Map<String, Map<String, Class<?>>> kinds;
  private final Set<String> groups;
  private final Map<Class<?>, Map<String, Field>> fields = new ConcurrentHashMap<>();

  private KubeSchema(Map<String, Map<String, Class<?>>> kinds, Set<String> groups) {
    this.kinds = kinds;
    this.groups = groups;
  }

  private static final class Holder {
    static final KubeSchema INSTANCE = load();
  }

  static KubeSchema get() {
    return Holder.INSTANCE;
  }

  private static KubeSchema load() {
    Map<String, Map<String, Class<?>>> kinds = new LinkedHashMap<>();
    Set<String> groups = new TreeSet<>();
    ClassLoader loader = KubeSchema.class.getClassLoader();
    for (String name : classNames(loader)) {
      Class<?> type;
      try {
        type = Class.forName(name, false, loader);
      } catch (ClassNotFoundException | LinkageError e) {
        continue; // a model jar without one of its classes: that kind stays unknown
      }
      if (!HasMetadata.class.isAssignableFrom(type) || name.endsWith("List")) {
        continue;
      }
      @SuppressWarnings("unchecked")
      Class<? extends HasMetadata> resource = (Class<? extends HasMetadata>) type;
      String apiVersion = HasMetadata.getApiVersion(resource);
      String kind = HasMetadata.getKind(resource);
      if (apiVersion == null || kind == null) {
        continue;
      }
      kinds.computeIfAbsent(kind, k -> new LinkedHashMap<>()).putIfAbsent(apiVersion, type);
      groups.add(group(apiVersion));
    }
    return new KubeSchema(kinds, groups);
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
    return kinds.isEmpty();
  }

  /** The class of {@code kind} in {@code apiVersion}, when the API serves that pair. */
  Optional<Class<?>> type(String apiVersion, String kind) {
    return Optional.ofNullable(kinds.getOrDefault(kind, Map.of()).get(apiVersion));
  }

  /** The apiVersions that serve {@code kind}, empty for a kind the API does not have. */
  List<String> versionsOf(String kind) {
    return List.copyOf(kinds.getOrDefault(kind, Map.of()).keySet());
  }

  /** Every kind the API serves, for suggesting the one meant. */
  List<String> kinds() {
    return List.copyOf(kinds.keySet());
  }

  /** Whether the group is Kubernetes' own (or one fabric8 models), not a CRD's unknown to us. */
  boolean knowsGroup(String apiVersion) {
    return groups.contains(group(apiVersion));
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
