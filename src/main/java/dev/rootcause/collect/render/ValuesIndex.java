package dev.rootcause.collect.render;

import dev.rootcause.collect.yaml.YamlNode;
import dev.rootcause.collect.yaml.YamlNode.Mapping;
import dev.rootcause.collect.yaml.YamlNode.Scalar;
import dev.rootcause.model.SourceLocation;
import java.util.ArrayList;
import java.util.List;

/**
 * The values files of one render, in the order Helm layers them (the chart's values.yaml first), so
 * a rendered value can be traced to the line that set it: the last file that defines the key wins,
 * as in Helm, and only when the rendered text is that value is the line given.
 */
final class ValuesIndex {
  private final List<Mapping> files;

  ValuesIndex(List<Mapping> files) {
    this.files = List.copyOf(files);
  }

  static final ValuesIndex NONE = new ValuesIndex(List.of());

  /** The line that set {@code ref} when the rendered value is exactly it, else {@code fallback}. */
  SourceLocation locate(String ref, String rendered, SourceLocation fallback) {
    Mapping.Entry entry = lastDefinition(ref);
    if (entry != null && entry.value() instanceof Scalar s && rendered.equals(s.value())) {
      return entry.keyLocation();
    }
    return fallback;
  }

  /**
   * The line, under {@code ref} (a block passed through {@code toYaml}), of the only leaf named
   * {@code key} holding {@code rendered}; {@code fallback} when there is none or several.
   */
  SourceLocation locateLeaf(String ref, String key, String rendered, SourceLocation fallback) {
    Mapping.Entry entry = lastDefinition(ref);
    if (entry == null || key == null) {
      return fallback;
    }
    if (entry.value() instanceof Scalar s) {
      return rendered.equals(s.value()) ? entry.keyLocation() : fallback;
    }
    List<SourceLocation> hits = new ArrayList<>();
    leaves(entry.value(), key, rendered, hits);
    return hits.size() == 1 ? hits.get(0) : fallback;
  }

  private static void leaves(YamlNode node, String key, String value, List<SourceLocation> hits) {
    if (node instanceof Mapping m) {
      m.entries()
          .forEach(
              (k, e) -> {
                if (k.equals(key) && e.value() instanceof Scalar s && value.equals(s.value())) {
                  hits.add(e.keyLocation());
                } else {
                  leaves(e.value(), key, value, hits);
                }
              });
    } else if (node instanceof YamlNode.Sequence q) {
      q.items().forEach(i -> leaves(i, key, value, hits));
    }
  }

  private Mapping.Entry lastDefinition(String ref) {
    String[] keys = ref.split("\\.");
    for (int f = files.size() - 1; f >= 0; f--) {
      Mapping current = files.get(f);
      Mapping.Entry found = null;
      for (int k = 0; k < keys.length && current != null; k++) {
        found = current.entries().get(keys[k]);
        current = found != null && found.value() instanceof Mapping m ? m : null;
        if (found == null) {
          break;
        }
        if (k < keys.length - 1 && current == null) {
          found = null;
        }
      }
      if (found != null) {
        return found;
      }
    }
    return null;
  }
}
