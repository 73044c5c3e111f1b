package dev.rootcause.collect.k8s;

import com.fasterxml.jackson.databind.JavaType;
import dev.rootcause.collect.Facts;
import dev.rootcause.collect.yaml.YamlNode;
import dev.rootcause.collect.yaml.YamlNode.Mapping;
import dev.rootcause.collect.yaml.YamlNode.Scalar;
import dev.rootcause.collect.yaml.YamlNode.Sequence;
import dev.rootcause.model.SourceLocation;
import dev.rootcause.model.k8s.EnumFields;
import dev.rootcause.model.k8s.ManifestObject;
import dev.rootcause.model.k8s.ManifestObject.Check;
import dev.rootcause.model.k8s.ManifestObject.FieldValue;
import dev.rootcause.model.k8s.ManifestObject.TypeCheck;
import dev.rootcause.model.k8s.ManifestObject.UnknownField;
import dev.rootcause.model.k8s.ObjectMeta;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks one manifest document against the API's schema ({@link KubeSchema}): whether its
 * apiVersion and kind are served, which keys its kind does not have, and the values the API parses
 * (quantities, enums, Secret data); with what its pods and routes name ({@link ObjectRefsReader}),
 * the result is one {@link ManifestObject} in the file's facts.
 */
final class ManifestChecker {
  private static final Set<String> OBJECT_BODY =
      Set.of("spec", "data", "stringData", "rules", "subjects", "roleRef", "template");

  private final List<UnknownField> unknown = new ArrayList<>();
  private final List<FieldValue> values = new ArrayList<>();
  private final KubeSchema schema;

  private ManifestChecker(KubeSchema schema) {
    this.schema = schema;
  }

  /** A document read as an object: its type checked, its fields walked when the type is served. */
  static void object(Mapping object, ObjectMeta meta, Facts facts) {
    KubeSchema schema = KubeSchema.get();
    if (schema.isEmpty()) {
      return;
    }
    ManifestChecker checker = new ManifestChecker(schema);
    Optional<Class<?>> type = schema.type(meta.apiVersion(), meta.kind());
    List<String> versions = schema.versionsOf(meta.kind());
    boolean knownGroup = type.isPresent() || schema.knowsGroup(meta.apiVersion());
    type.ifPresent(t -> checker.walk(object, t, FieldPath.ROOT, null));
    if (type.isPresent() && meta.kind().equals("Secret")) {
      checker.secretData(object);
    }
    TypeCheck check =
        new TypeCheck(
            true,
            true,
            type.isPresent(),
            knownGroup,
            versions,
            versions.isEmpty() && knownGroup ? schema.kinds() : List.of());
    facts
        .model()
        .detail(
            new ManifestObject(
                meta,
                check,
                checker.unknown,
                checker.values,
                fingerprint(object),
                ObjectRefsReader.pod(meta.kind(), object),
                meta.kind().equals("Ingress") ? ObjectRefsReader.ingress(object) : null));
  }

  /**
   * A document with metadata and a body but no apiVersion or no kind: the API refuses it, and it is
   * otherwise dropped without a word. Other YAML (compose, CI, values) has no metadata.name.
   */
  static void document(Mapping root, String path, int endLine, Facts facts) {
    Optional<Mapping> metadata = root.map("metadata");
    boolean attempt =
        metadata.map(m -> m.string("name") != null).orElse(false)
            && root.entries().keySet().stream()
                .anyMatch(
                    k ->
                        OBJECT_BODY.contains(k)
                            || k.equalsIgnoreCase("kind")
                            || k.equalsIgnoreCase("apiVersion"));
    String file = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    if (!attempt || file.startsWith("kustomization.")) {
      return;
    }
    KubeSchema schema = KubeSchema.get();
    String apiVersion = root.string("apiVersion");
    String kind = root.string("kind");
    ObjectMeta meta =
        new ObjectMeta(
            apiVersion,
            kind == null ? "" : kind,
            metadata.get().string("name"),
            metadata.get().string("namespace"),
            metadata.get().stringMap("labels"),
            Map.of(),
            root.location(),
            Math.max(endLine, root.location().line()));
    ManifestChecker checker = new ManifestChecker(schema);
    Map<String, KubeSchema.Field> top =
        Map.of(
            "apiVersion", new KubeSchema.Field("apiVersion", null),
            "kind", new KubeSchema.Field("kind", null));
    for (Mapping.Entry e : root.entries().values()) {
      if (!top.containsKey(e.key())
          && (e.key().equalsIgnoreCase("kind") || e.key().equalsIgnoreCase("apiVersion"))) {
        checker.unknown.add(
            new UnknownField("", e.key(), List.copyOf(top.keySet()), null, e.keyLocation()));
      }
    }
    List<String> versions = kind == null ? List.of() : schema.versionsOf(kind);
    facts
        .model()
        .detail(
            new ManifestObject(
                meta,
                new TypeCheck(
                    apiVersion != null,
                    kind != null,
                    false,
                    apiVersion == null || schema.knowsGroup(apiVersion),
                    versions,
                    kind != null && versions.isEmpty() ? schema.kinds() : List.of()),
                checker.unknown,
                List.of(),
                fingerprint(root),
                null,
                null));
  }

  // ---- the schema walk -------------------------------------------------------------------------

  /**
   * Where the walk is, as a chain built only into text when something is recorded there: most
   * fields are fine, and a string per field visited was most of the walk's cost.
   */
  private record FieldPath(FieldPath parent, String key, int index) {
    static final FieldPath ROOT = new FieldPath(null, "", -1);

    FieldPath child(String name) {
      return new FieldPath(this, name, -1);
    }

    FieldPath item(int i) {
      return new FieldPath(this, null, i);
    }

    @Override
    public String toString() {
      if (parent == null) {
        return "";
      }
      String above = parent.toString();
      return key == null ? above + "[" + index + "]" : join(above, key);
    }
  }

  private void walk(Mapping node, Class<?> type, FieldPath at, Map<String, KubeSchema.Field> up) {
    Map<String, KubeSchema.Field> fields = schema.fieldsOf(type);
    if (fields.isEmpty()) {
      return;
    }
    for (Mapping.Entry e : node.entries().values()) {
      KubeSchema.Field field = fields.get(e.key());
      if (field == null) {
        unknown.add(
            new UnknownField(
                at.toString(),
                e.key(),
                List.copyOf(new java.util.TreeSet<>(fields.keySet())),
                belongsAt(e.key(), fields, up, at.toString()),
                e.keyLocation()));
        continue;
      }
      descend(e.value(), field.type(), at.child(e.key()), type.getSimpleName(), e.key(), fields);
    }
  }

  private void descend(
      YamlNode value,
      JavaType type,
      FieldPath at,
      String owner,
      String field,
      Map<String, KubeSchema.Field> ownerFields) {
    if (value instanceof Scalar s && s.value() != null) {
      if (KubeSchema.isQuantity(type)) {
        values.add(
            new FieldValue(Check.QUANTITY, owner, field, at.toString(), s.value(), s.location()));
      } else if (EnumFields.isEnum(owner, field)) {
        values.add(
            new FieldValue(Check.ENUM, owner, field, at.toString(), s.value(), s.location()));
      } else if (!scalarFits(s, type.getRawClass())) {
        Check check = isBoolean(type.getRawClass()) ? Check.BOOLEAN : Check.INTEGER;
        values.add(new FieldValue(check, owner, field, at.toString(), s.value(), s.location()));
      }
    } else if (type.isCollectionLikeType() && value instanceof Sequence seq) {
      for (int i = 0; i < seq.items().size(); i++) {
        descend(seq.items().get(i), type.getContentType(), at.item(i), owner, field, ownerFields);
      }
    } else if (type.isMapLikeType() && value instanceof Mapping m) {
      for (Mapping.Entry e : m.entries().values()) {
        descend(e.value(), type.getContentType(), at.child(e.key()), owner, field, ownerFields);
      }
    } else if (KubeSchema.isBean(type) && value instanceof Mapping m) {
      walk(m, type.getRawClass(), at, ownerFields);
    }
  }

  /**
   * Whether the API's strict JSON decoding takes this scalar for a field of {@code raw} type: an
   * integer field wants unquoted digits ({@code containerPort: "8080"} is a string), a boolean
   * field an unquoted true or false. Other types (strings, int-or-string) take anything here.
   */
  private static boolean scalarFits(Scalar s, Class<?> raw) {
    String v = s.value().trim().toLowerCase(Locale.ROOT);
    if (isBoolean(raw)) {
      // kubectl reads YAML 1.1, where yes/no/on/off are booleans too
      return s.plain() && YAML11_BOOLEANS.contains(v);
    }
    if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class) {
      // a plain scalar of another shape (hex, 1_000, 8080.0) is left alone: only what is surely
      // a string is judged
      return s.plain() && !v.isEmpty() && !v.chars().allMatch(Character::isLetter);
    }
    return true;
  }

  private static final Set<String> YAML11_BOOLEANS =
      Set.of("true", "false", "yes", "no", "on", "off", "y", "n");

  private static boolean isBoolean(Class<?> raw) {
    return raw == Boolean.class || raw == boolean.class;
  }

  /** A level next to this one that has the field: the enclosing type, or a child of this one. */
  private String belongsAt(
      String key,
      Map<String, KubeSchema.Field> here,
      Map<String, KubeSchema.Field> up,
      String path) {
    if (up != null && up.containsKey(key)) {
      int dot = path.lastIndexOf('.');
      String parent = dot < 0 ? "" : path.substring(0, dot);
      return parent.isEmpty() ? "the top level" : parent;
    }
    // Of several children with the field (containers, initContainers), the plainest name.
    String best = null;
    for (KubeSchema.Field child : here.values()) {
      JavaType t = child.type();
      JavaType bean = t.isCollectionLikeType() ? t.getContentType() : t;
      boolean has = KubeSchema.isBean(bean) && schema.fieldsOf(bean.getRawClass()).containsKey(key);
      if (has && (best == null || child.name().length() < best.length())) {
        best = child.name();
        if (t.isCollectionLikeType()) {
          best += "[]";
        }
      }
    }
    if (best != null) {
      return join(path, best);
    }
    return null;
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** Secret data the API decodes as base64 (RFC 4648, padded; line breaks ignored). */
  private void secretData(Mapping secret) {
    secret
        .map("data")
        .ifPresent(
            data -> {
              for (Mapping.Entry e : data.entries().values()) {
                if (e.value() instanceof Scalar s && s.value() != null && !base64(s.value())) {
                  values.add(
                      new FieldValue(
                          Check.BASE64, "Secret", "data", "data." + e.key(), null, s.location()));
                }
              }
            });
  }

  private static boolean base64(String text) {
    String compact = text.replace("\n", "").replace("\r", "");
    if (compact.length() % 4 != 0) {
      return false;
    }
    try {
      Base64.getDecoder().decode(compact);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  // ---- fingerprint ---------------------------------------------------------------------------

  /**
   * A hash of the content in which key order does not count: the same object written in another
   * order is the same. 64 bits compared only between objects of one kind, namespace and name.
   */
  static String fingerprint(Mapping object) {
    return HexFormat.of().toHexDigits(hash(object));
  }

  private static long hash(YamlNode node) {
    return switch (node) {
      case Scalar s -> mix(s.value() == null ? 0x9E3779B97F4A7C15L : s.value().hashCode() + 1L);
      case Sequence seq -> {
        long h = 0x51A5L;
        for (YamlNode item : seq.items()) {
          h = mix(h * 31 + hash(item));
        }
        yield h;
      }
      case Mapping m -> {
        // A sum of mixed (key, value) pairs does not depend on the order they were written in.
        long h = 0x3A9L;
        for (Mapping.Entry e : m.entries().values()) {
          h += mix(e.key().hashCode() * 0x100000001B3L + hash(e.value()));
        }
        yield mix(h);
      }
    };
  }

  /** splitmix64's finaliser: every input bit moves about half of the output bits. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  static SourceLocation keyAt(Mapping m, String key) {
    return m.has(key) ? m.locationOf(key) : m.location();
  }
}
