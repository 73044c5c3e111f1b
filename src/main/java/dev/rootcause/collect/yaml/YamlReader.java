package dev.rootcause.collect.yaml;

import dev.rootcause.model.CollectionProblem;
import dev.rootcause.model.SourceLocation;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.AnchorNode;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads every document of a YAML file into {@link YamlNode} trees with positions. Hostile input is
 * bounded: aliases may not expand a document past {@link #MAX_NODES} nodes (billion-laughs), and
 * each problem becomes one {@link CollectionProblem} naming the file and line. Documents before a
 * syntax error are kept.
 */
public final class YamlReader {
  /** More nodes than any real manifest has; an alias bomb hits it long before memory runs out. */
  public static final int MAX_NODES = 250_000;

  private YamlReader() {}

  /** The documents read, and the problems met; never throws on bad input. */
  public record Result(List<YamlDocument> documents, List<CollectionProblem> problems) {}

  public static Result read(String path, String text) {
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel(path)
            .setAllowDuplicateKeys(false)
            .setMaxAliasesForCollections(100)
            .setAllowRecursiveKeys(false)
            .setCodePointLimit(Math.max(text.length() + 1, 3 * 1024 * 1024))
            .setUseMarks(true)
            .build();
    List<YamlDocument> docs = new ArrayList<>();
    List<CollectionProblem> problems = new ArrayList<>();
    try {
      Iterator<Node> it = new Compose(settings).composeAllFromString(text).iterator();
      int index = 0;
      while (it.hasNext()) {
        Node node = it.next();
        Converter converter = new Converter(path);
        YamlNode root = converter.convert(node);
        int start = node.getStartMark().map(m -> m.getLine() + 1).orElse(1);
        int end = node.getEndMark().map(m -> m.getLine() + 1).orElse(start);
        docs.add(new YamlDocument(path, index++, root, start, end));
      }
    } catch (MarkedYamlEngineException e) {
      Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
      SourceLocation where = mark.map(m -> position(path, m)).orElse(SourceLocation.file(path));
      problems.add(CollectionProblem.skipped(where, "malformed YAML: " + oneLine(e.getProblem())
          + (docs.isEmpty() ? "" : " (the " + docs.size() + " document(s) before it were read)")));
    } catch (TooLarge e) {
      problems.add(CollectionProblem.skipped(e.where, e.getMessage()));
    } catch (YamlEngineException e) {
      problems.add(CollectionProblem.skipped(SourceLocation.file(path),
          "malformed YAML: " + oneLine(e.getMessage())));
    } catch (StackOverflowError e) {
      // Deeply nested flow collections ([[[[...]]]]) recurse in the parser itself.
      problems.add(CollectionProblem.skipped(SourceLocation.file(path),
          "YAML nested too deeply to read"));
    }
    return new Result(docs, problems);
  }

  static SourceLocation position(String path, Mark mark) {
    return new SourceLocation(path, mark.getLine() + 1, mark.getColumn() + 1);
  }

  private static String oneLine(String s) {
    return s == null ? "unknown error" : s.replaceAll("\\s+", " ").trim();
  }

  /** Thrown when aliases would expand a document beyond {@link #MAX_NODES}. */
  private static final class TooLarge extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient SourceLocation where;

    TooLarge(SourceLocation where) {
      super("YAML expands to more than " + MAX_NODES + " nodes through aliases (alias bomb?)");
      this.where = where;
    }
  }

  /** Turns snakeyaml nodes into positioned {@link YamlNode}s, counting every node it makes. */
  private static final class Converter {
    private final String path;
    private int budget = MAX_NODES;
    private final Map<Node, Boolean> inProgress = new IdentityHashMap<>();

    Converter(String path) {
      this.path = path;
    }

    YamlNode convert(Node node) {
      if (--budget < 0) {
        throw new TooLarge(location(node));
      }
      if (node instanceof AnchorNode anchor) {
        return convert(anchor.getRealNode());
      }
      if (inProgress.containsKey(node)) {
        // A recursive alias (&a [*a]) has no finite tree: cut it.
        return new YamlNode.Scalar(null, true, location(node));
      }
      inProgress.put(node, true);
      try {
        return switch (node) {
          case ScalarNode s -> new YamlNode.Scalar(
              s.getTag().equals(Tag.NULL) ? null : s.getValue(), s.isPlain(), location(s),
              s.getScalarStyle() == ScalarStyle.LITERAL);
          case SequenceNode s -> {
            List<YamlNode> items = new ArrayList<>(s.getValue().size());
            for (Node item : s.getValue()) {
              items.add(convert(item));
            }
            yield new YamlNode.Sequence(items, location(s));
          }
          case MappingNode m -> convertMap(m);
          default -> new YamlNode.Scalar(null, true, location(node));
        };
      } finally {
        inProgress.remove(node);
      }
    }

    private YamlNode.Mapping convertMap(MappingNode m) {
      LinkedHashMap<String, YamlNode.Mapping.Entry> entries = new LinkedHashMap<>();
      for (NodeTuple t : m.getValue()) {
        Node keyNode = t.getKeyNode();
        String key = keyNode instanceof ScalarNode s ? s.getValue() : String.valueOf(keyNode);
        YamlNode value = convert(t.getValueNode());
        if (key.equals("<<")) {
          // YAML 1.1 merge key, which Kubernetes' YAML library honours: explicit keys win.
          mergeInto(entries, value);
          continue;
        }
        entries.put(key, new YamlNode.Mapping.Entry(key, location(keyNode), value));
      }
      return new YamlNode.Mapping(entries, location(m));
    }

    private static void mergeInto(LinkedHashMap<String, YamlNode.Mapping.Entry> entries, YamlNode value) {
      List<YamlNode> sources = value instanceof YamlNode.Sequence s ? s.items() : List.of(value);
      for (YamlNode source : sources) {
        if (source instanceof YamlNode.Mapping map) {
          map.entries().forEach(entries::putIfAbsent);
        }
      }
    }

    private SourceLocation location(Node node) {
      return node.getStartMark()
          .map(mark -> position(path, mark))
          .orElse(SourceLocation.file(path));
    }
  }
}
