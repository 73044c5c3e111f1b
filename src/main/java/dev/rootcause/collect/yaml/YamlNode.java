package dev.rootcause.collect.yaml;

import dev.rootcause.model.SourceLocation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A YAML node with the position it was written at, so every value a rule cites has a file:line.
 * Accessors are lenient: a missing key or a value of another type reads as absent, and readers
 * decide whether that deserves a note.
 */
public sealed interface YamlNode {

  SourceLocation location();

  /**
   * A scalar; {@code value} is null for YAML null ({@code ~}, {@code null}, nothing). {@code
   * literalBlock} when written as a {@code |} block: line k of the value is then on the line after
   * {@code location} plus k (an embedded config keeps its own line numbers).
   */
  record Scalar(String value, boolean plain, SourceLocation location, boolean literalBlock)
      implements YamlNode {

    public Scalar(String value, boolean plain, SourceLocation location) {
      this(value, plain, location, false);
    }

    /** The integer a plain or quoted all-digit scalar spells, if it does. */
    public Optional<Integer> asInt() {
      if (value == null || value.isEmpty() || value.length() > 9) {
        return Optional.empty();
      }
      for (int i = 0; i < value.length(); i++) {
        if (!Character.isDigit(value.charAt(i))) {
          return Optional.empty();
        }
      }
      return Optional.of(Integer.parseInt(value));
    }

    public boolean isNull() {
      return value == null;
    }
  }

  /** A sequence. */
  record Sequence(List<YamlNode> items, SourceLocation location) implements YamlNode {
    public Sequence {
      items = List.copyOf(items);
    }
  }

  /** A mapping with string keys, in written order; each entry keeps its key's position. */
  record Mapping(LinkedHashMap<String, Entry> entries, SourceLocation location)
      implements YamlNode {

    /** One {@code key: value} pair; {@code keyLocation} is where the key is written. */
    public record Entry(String key, SourceLocation keyLocation, YamlNode value) {}

    public Optional<YamlNode> get(String key) {
      Entry e = entries.get(key);
      return e == null ? Optional.empty() : Optional.of(e.value());
    }

    public boolean has(String key) {
      return entries.containsKey(key);
    }

    /** The line a field is written on (its key), or the mapping's own when absent. */
    public SourceLocation locationOf(String key) {
      Entry e = entries.get(key);
      return e == null ? location : e.keyLocation();
    }

    public Optional<Mapping> map(String key) {
      return get(key).filter(Mapping.class::isInstance).map(Mapping.class::cast);
    }

    public Optional<Sequence> seq(String key) {
      return get(key).filter(Sequence.class::isInstance).map(Sequence.class::cast);
    }

    public Optional<Scalar> scalar(String key) {
      return get(key).filter(Scalar.class::isInstance).map(Scalar.class::cast);
    }

    /** The string value of a scalar field, null when absent, null or not a scalar. */
    public String string(String key) {
      return scalar(key).map(Scalar::value).orElse(null);
    }

    public Optional<Integer> integer(String key) {
      return scalar(key).flatMap(Scalar::asInt);
    }

    /** Items of a sequence field that are mappings (others are skipped). */
    public List<Mapping> maps(String key) {
      return seq(key)
          .map(
              s ->
                  s.items().stream()
                      .filter(Mapping.class::isInstance)
                      .map(Mapping.class::cast)
                      .toList())
          .orElse(List.of());
    }

    /** Scalar values of a sequence field, as strings. */
    public List<String> strings(String key) {
      return seq(key)
          .map(
              s ->
                  s.items().stream()
                      .filter(Scalar.class::isInstance)
                      .map(n -> ((Scalar) n).value())
                      .filter(java.util.Objects::nonNull)
                      .toList())
          .orElse(List.of());
    }

    /** A {@code map[string]string} field such as labels; non-scalar values are skipped. */
    public Map<String, String> stringMap(String key) {
      Map<String, String> out = new LinkedHashMap<>();
      map(key)
          .ifPresent(
              m ->
                  m.entries()
                      .forEach(
                          (k, e) -> {
                            if (e.value() instanceof Scalar s && s.value() != null) {
                              out.put(k, s.value());
                            }
                          }));
      return out;
    }

    /** Follows a dotted path of mapping keys: {@code path("spec", "template", "spec")}. */
    public Optional<Mapping> path(String... keys) {
      Optional<Mapping> current = Optional.of(this);
      for (String k : keys) {
        current = current.flatMap(m -> m.map(k));
      }
      return current;
    }
  }
}
