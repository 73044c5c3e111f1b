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
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.events.Event;
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
import org.snakeyaml.engine.v2.parser.Parser;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Reads every document of a YAML file into {@link YamlNode} trees with positions. Hostile input is
 * bounded: aliases may not add more than {@link #MAX_NODES} nodes to a document, or as many as the
 * file has characters if that is more (billion-laughs), nor refer to themselves, and collections
 * may not nest deeper than {@link #MAX_DEPTH}. Nodes written out in the file cost nothing against
 * that budget: a 3,800-pod {@code kubectl get pods -o yaml} has millions and no alias. Each problem
 * becomes one {@link CollectionProblem} naming the file and line. Documents before a syntax error
 * are kept.
 */
public final class YamlReader {
  /**
   * Nodes aliases may add to a document (at least; a larger file may add as many as it has
   * characters): more than any real CI file's merge keys, and an alias bomb hits it long before
   * memory runs out.
   */
  public static final int MAX_NODES = 250_000;

  /**
   * Deeper than any real manifest or CRD schema nests; reading is recursive, and a limit met early
   * gives a position where a stack overflow gives none.
   */
  public static final int MAX_DEPTH = 1_000;

  /**
   * Aliases cost nothing until expanded, and expansion is bounded by {@link #MAX_NODES}; a CI file
   * with a merge key per job easily has hundreds.
   */
  private static final int MAX_ALIASES = 10_000;

  private YamlReader() {}

  /** The documents read, and the problems met; never throws on bad input. */
  public record Result(List<YamlDocument> documents, List<CollectionProblem> problems) {}

  public static Result read(String path, String text) {
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel(path)
            .setAllowDuplicateKeys(false)
            .setMaxAliasesForCollections(MAX_ALIASES)
            .setAllowRecursiveKeys(false)
            .setCodePointLimit(Math.max(text.length() + 1, 3 * 1024 * 1024))
            .setUseMarks(true)
            .build();
    List<YamlDocument> docs = new ArrayList<>();
    List<CollectionProblem> problems = new ArrayList<>();
    try {
      Iterator<Node> it =
          new Composer(
              settings,
              new DepthLimit(new ParserImpl(settings, new StreamReader(settings, text)), path));
      int index = 0;
      while (it.hasNext()) {
        Node node = it.next();
        Converter converter = new Converter(path, Math.max(MAX_NODES, text.length()));
        YamlNode root = converter.convert(node);
        int start = node.getStartMark().map(m -> m.getLine() + 1).orElse(1);
        int end = node.getEndMark().map(m -> m.getLine() + 1).orElse(start);
        docs.add(new YamlDocument(path, index++, root, start, end));
      }
    } catch (MarkedYamlEngineException e) {
      Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
      SourceLocation where = mark.map(m -> position(path, m)).orElse(SourceLocation.file(path));
      problems.add(
          CollectionProblem.skipped(
              where,
              "malformed YAML: "
                  + oneLine(e.getProblem())
                  + (docs.isEmpty()
                      ? ""
                      : " (the " + docs.size() + " document(s) before it were read)")));
    } catch (Refused e) {
      problems.add(CollectionProblem.skipped(e.where, e.getMessage()));
    } catch (YamlEngineException e) {
      problems.add(
          CollectionProblem.skipped(
              SourceLocation.file(path), "malformed YAML: " + oneLine(e.getMessage())));
    } catch (OutOfMemoryError e) {
      // A backstop: the reader checks the heap before reading, but other files read at once.
      docs.clear();
      problems.add(
          CollectionProblem.skipped(
              SourceLocation.file(path),
              "too large to hold in memory as a YAML tree; give the JVM more heap or split the file"));
    } catch (StackOverflowError e) {
      // A backstop: DepthLimit should stop deep nesting before the recursive composer overflows.
      problems.add(
          CollectionProblem.skipped(SourceLocation.file(path), "YAML nested too deeply to read"));
    }
    return new Result(docs, problems);
  }

  static SourceLocation position(String path, Mark mark) {
    return new SourceLocation(path, mark.getLine() + 1, mark.getColumn() + 1);
  }

  private static String oneLine(String s) {
    return s == null ? "unknown error" : s.replaceAll("\\s+", " ").trim();
  }

  /** YAML that parses but is refused: an alias bomb, a recursive alias, nesting too deep. */
  private static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient SourceLocation where;

    Refused(SourceLocation where, String why) {
      super(why);
      this.where = where;
    }
  }

  /** Counts open collections as the composer pulls events, and refuses past {@link #MAX_DEPTH}. */
  private static final class DepthLimit implements Parser {
    private final Parser parser;
    private final String path;
    private int depth;

    DepthLimit(Parser parser, String path) {
      this.parser = parser;
      this.path = path;
    }

    @Override
    public boolean checkEvent(Event.ID id) {
      return parser.checkEvent(id);
    }

    @Override
    public Event peekEvent() {
      return parser.peekEvent();
    }

    @Override
    public boolean hasNext() {
      return parser.hasNext();
    }

    @Override
    public Event next() {
      Event event = parser.next();
      switch (event.getEventId()) {
        case SequenceStart, MappingStart -> {
          if (++depth > MAX_DEPTH) {
            throw new Refused(
                event.getStartMark().map(m -> position(path, m)).orElse(SourceLocation.file(path)),
                "YAML nested more than " + MAX_DEPTH + " levels deep; not read");
          }
        }
        case SequenceEnd, MappingEnd -> depth--;
        default -> {}
      }
      return event;
    }
  }

  /**
   * Turns snakeyaml nodes into positioned {@link YamlNode}s, counting the nodes made again for an
   * alias (an alias is the anchored node itself, met a second time).
   */
  private static final class Converter {
    private final String path;
    private final int limit;
    private int budget;
    private int insideAlias;
    private final Map<Node, Boolean> inProgress = new IdentityHashMap<>();
    private final Map<Node, Boolean> converted = new IdentityHashMap<>();

    Converter(String path, int limit) {
      this.path = path;
      this.limit = limit;
      this.budget = limit;
    }

    YamlNode convert(Node node) {
      if (node instanceof AnchorNode anchor) {
        return convert(anchor.getRealNode());
      }
      // Only an anchored node can be met again; remembering only those keeps the map small.
      boolean alias = node.getAnchor().isPresent() && converted.put(node, Boolean.TRUE) != null;
      if (alias) {
        insideAlias++;
      }
      try {
        if (insideAlias > 0 && --budget < 0) {
          throw new Refused(
              location(node),
              "YAML expands to more than "
                  + limit
                  + " nodes through aliases (alias bomb?); not read");
        }
        return convertOnce(node);
      } finally {
        if (alias) {
          insideAlias--;
        }
      }
    }

    private YamlNode convertOnce(Node node) {
      if (inProgress.containsKey(node)) {
        // A recursive alias (&a [*a]) has no finite tree; Kubernetes refuses it too.
        String anchor = node.getAnchor().map(a -> " &" + a.getValue()).orElse("");
        throw new Refused(
            location(node),
            "YAML anchor"
                + anchor
                + " contains an alias to itself (a structure that never ends); not read");
      }
      inProgress.put(node, true);
      try {
        return switch (node) {
          case ScalarNode s ->
              new YamlNode.Scalar(
                  s.getTag().equals(Tag.NULL) ? null : s.getValue(),
                  s.isPlain(),
                  location(s),
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
        // Non-scalar keys are refused by the parser (setAllowNonScalarKeys is off); the fallback
        // must not print the node, which for an alias bomb would be astronomically long.
        String key =
            keyNode instanceof ScalarNode s ? s.getValue() : "(" + keyNode.getNodeType() + ")";
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

    private static void mergeInto(
        LinkedHashMap<String, YamlNode.Mapping.Entry> entries, YamlNode value) {
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
