package dev.rootcause.collect.render;

import dev.rootcause.collect.yaml.YamlNode;
import dev.rootcause.collect.yaml.YamlNode.Mapping;
import dev.rootcause.collect.yaml.YamlNode.Sequence;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 6902 JSON patches over positioned trees (kustomize's {@code patchesJson6902} and {@code
 * patches} whose body is a list of operations): add, replace, remove, copy, move and test; a value
 * the patch writes keeps the patch's line.
 */
final class JsonPatch {
  private JsonPatch() {}

  /** Thrown when an operation cannot apply, with kustomize's kind of message. */
  static final class Failed extends Exception {
    private static final long serialVersionUID = 1L;

    Failed(String message) {
      super(message);
    }
  }

  static YamlNode apply(YamlNode doc, Sequence operations) throws Failed {
    YamlNode current = doc;
    for (YamlNode op : operations.items()) {
      if (!(op instanceof Mapping m) || m.string("op") == null || m.string("path") == null) {
        throw new Failed("a JSON patch operation needs 'op' and 'path'");
      }
      String path = m.string("path");
      switch (m.string("op")) {
        case "add", "replace" -> {
          YamlNode value = m.get("value").orElseThrow(() -> new Failed(path + ": no 'value'"));
          current = set(current, pointer(path), 0, value, m.string("op").equals("add"));
        }
        case "remove" -> current = remove(current, pointer(path), 0);
        case "copy", "move" -> {
          String from = m.string("from");
          if (from == null) {
            throw new Failed(path + ": no 'from'");
          }
          YamlNode value = get(current, pointer(from));
          if (m.string("op").equals("move")) {
            current = remove(current, pointer(from), 0);
          }
          current = set(current, pointer(path), 0, value, true);
        }
        case "test" -> get(current, pointer(path));
        default -> throw new Failed("unknown JSON patch op '" + m.string("op") + "'");
      }
    }
    return current;
  }

  private static List<String> pointer(String path) {
    List<String> parts = new ArrayList<>();
    if (path.isEmpty() || path.equals("/")) {
      return parts;
    }
    for (String p : path.substring(1).split("/", -1)) {
      parts.add(p.replace("~1", "/").replace("~0", "~"));
    }
    return parts;
  }

  private static YamlNode get(YamlNode node, List<String> parts) throws Failed {
    YamlNode current = node;
    for (String p : parts) {
      if (current instanceof Mapping m && m.has(p)) {
        current = m.get(p).orElseThrow();
      } else if (current instanceof Sequence s && index(p, s.items().size() - 1) >= 0) {
        current = s.items().get(index(p, s.items().size() - 1));
      } else {
        throw new Failed("path /" + String.join("/", parts) + " does not exist");
      }
    }
    return current;
  }

  private static YamlNode set(
      YamlNode node, List<String> parts, int at, YamlNode value, boolean add) throws Failed {
    if (at == parts.size()) {
      return value;
    }
    String p = parts.get(at);
    boolean last = at == parts.size() - 1;
    if (node instanceof Mapping m) {
      if (!m.has(p) && (!last || !add)) {
        throw new Failed("path /" + String.join("/", parts) + " does not exist");
      }
      YamlNode child = m.has(p) ? m.get(p).orElseThrow() : null;
      YamlNode updated = last ? value : set(child, parts, at + 1, value, add);
      // The value the patch wrote is where the field is now set.
      return YamlTrees.with(m, p, last || !m.has(p) ? value.location() : m.locationOf(p), updated);
    }
    if (node instanceof Sequence s) {
      int size = s.items().size();
      if (last && add) {
        int i = p.equals("-") ? size : index(p, size);
        if (i < 0) {
          throw new Failed("index " + p + " out of range in /" + String.join("/", parts));
        }
        List<YamlNode> items = new ArrayList<>(s.items());
        items.add(i, value);
        return new Sequence(items, s.location());
      }
      int i = index(p, size - 1);
      if (i < 0) {
        throw new Failed("index " + p + " out of range in /" + String.join("/", parts));
      }
      return YamlTrees.withItem(
          s, i, last ? value : set(s.items().get(i), parts, at + 1, value, add));
    }
    throw new Failed("path /" + String.join("/", parts) + " does not exist");
  }

  private static YamlNode remove(YamlNode node, List<String> parts, int at) throws Failed {
    String p = parts.get(at);
    boolean last = at == parts.size() - 1;
    if (node instanceof Mapping m && m.has(p)) {
      return last
          ? YamlTrees.without(m, p)
          : YamlTrees.with(m, p, m.locationOf(p), remove(m.get(p).orElseThrow(), parts, at + 1));
    }
    if (node instanceof Sequence s && index(p, s.items().size() - 1) >= 0) {
      int i = index(p, s.items().size() - 1);
      if (last) {
        List<YamlNode> items = new ArrayList<>(s.items());
        items.remove(i);
        return new Sequence(items, s.location());
      }
      return YamlTrees.withItem(s, i, remove(s.items().get(i), parts, at + 1));
    }
    throw new Failed("path /" + String.join("/", parts) + " does not exist");
  }

  /** The index {@code p} spells when it is within 0..max, else -1. */
  private static int index(String p, int max) {
    if (p.isEmpty() || p.length() > 6 || !p.chars().allMatch(Character::isDigit)) {
      return -1;
    }
    int i = Integer.parseInt(p);
    return i <= max ? i : -1;
  }
}
