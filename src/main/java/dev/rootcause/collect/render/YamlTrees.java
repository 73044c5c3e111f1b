package dev.rootcause.collect.render;

import dev.rootcause.collect.yaml.YamlNode;
import dev.rootcause.collect.yaml.YamlNode.Mapping;
import dev.rootcause.collect.yaml.YamlNode.Scalar;
import dev.rootcause.collect.yaml.YamlNode.Sequence;
import dev.rootcause.model.SourceLocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Builds YAML trees out of other trees' nodes, so a rendered object is made of the nodes its
 * sources wrote and every value keeps the file and line that set it (a base, a patch, a template, a
 * values file).
 */
final class YamlTrees {
  private YamlTrees() {}

  /** The same tree with every position passed through {@code where}. */
  static YamlNode relocate(YamlNode node, UnaryOperator<SourceLocation> where) {
    return switch (node) {
      case Scalar s -> new Scalar(s.value(), s.plain(), where.apply(s.location()), false);
      case Sequence q ->
          new Sequence(
              q.items().stream().map(i -> relocate(i, where)).toList(), where.apply(q.location()));
      case Mapping m -> {
        LinkedHashMap<String, Mapping.Entry> entries = new LinkedHashMap<>();
        m.entries()
            .forEach(
                (k, e) ->
                    entries.put(
                        k,
                        new Mapping.Entry(
                            k, where.apply(e.keyLocation()), relocate(e.value(), where))));
        yield new Mapping(entries, where.apply(m.location()));
      }
    };
  }

  /** A copy of {@code m} with {@code key} set to {@code value}, written at {@code keyAt}. */
  static Mapping with(Mapping m, String key, SourceLocation keyAt, YamlNode value) {
    LinkedHashMap<String, Mapping.Entry> entries = new LinkedHashMap<>(m.entries());
    entries.put(key, new Mapping.Entry(key, keyAt, value));
    return new Mapping(entries, m.location());
  }

  /** A copy of {@code m} without {@code key}. */
  static Mapping without(Mapping m, String key) {
    LinkedHashMap<String, Mapping.Entry> entries = new LinkedHashMap<>(m.entries());
    entries.remove(key);
    return new Mapping(entries, m.location());
  }

  /** An empty mapping written at {@code at}. */
  static Mapping emptyAt(SourceLocation at) {
    return new Mapping(new LinkedHashMap<>(), at);
  }

  /** A string scalar written at {@code at}. */
  static Scalar text(String value, SourceLocation at) {
    return new Scalar(value, false, at);
  }

  /** A copy of the sequence with item {@code index} replaced. */
  static Sequence withItem(Sequence s, int index, YamlNode item) {
    List<YamlNode> items = new ArrayList<>(s.items());
    items.set(index, item);
    return new Sequence(items, s.location());
  }
}
