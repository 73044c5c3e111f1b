package dev.rootcause.collect.syntax;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Map;
import org.treesitter.TSLanguage;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSSymbolType;
import org.treesitter.TSTree;
import org.treesitter.TSTreeCursor;

/**
 * A source file parsed once by tree-sitter and copied into plain Java {@link Node}s, so extractors
 * walk it as often as they like without further native calls and the native tree is freed at once.
 * Parsers are not thread-safe: each thread keeps its own, one per grammar.
 */
public final class SyntaxTree {
  private static final ThreadLocal<Map<Grammar, Parser>> PARSERS =
      ThreadLocal.withInitial(() -> new EnumMap<>(Grammar.class));

  /**
   * CPU nanoseconds this thread has spent in tree-sitter's parser: where a large scan's time goes.
   */
  private static final ThreadLocal<long[]> PARSE_NANOS = ThreadLocal.withInitial(() -> new long[1]);

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final byte[] utf8;
  private Node root;
  private boolean hasErrors;
  private int firstErrorLine;

  private SyntaxTree(byte[] utf8) {
    this.utf8 = utf8;
  }

  /** Parses {@code text}; null when tree-sitter gives up (it normally recovers from errors). */
  public static SyntaxTree parse(Grammar grammar, String text) {
    Parser parser = PARSERS.get().computeIfAbsent(grammar, Parser::new);
    return parser.parse(text);
  }

  /** The CPU time this thread has spent inside tree-sitter parsing, in nanoseconds (monotonic). */
  public static long parseNanosOnThisThread() {
    return PARSE_NANOS.get()[0];
  }

  public Node root() {
    return root;
  }

  /**
   * Whether tree-sitter had to recover from syntax it did not understand (ERROR or MISSING nodes).
   */
  public boolean hasErrors() {
    return hasErrors;
  }

  /** The 1-based line of the first ERROR node, 0 when there is none or only MISSING tokens. */
  public int firstErrorLine() {
    return firstErrorLine;
  }

  String text(int start, int end) {
    return new String(utf8, start, end - start, StandardCharsets.UTF_8);
  }

  /**
   * The 1-based column in UTF-16 code units (as editors, Java strings and SARIF count) of the byte
   * at {@code start}, {@code byteColumn} (1-based, as tree-sitter counts) bytes into its line.
   */
  int utf16Column(int start, int byteColumn) {
    int units = 1;
    for (int i = start - byteColumn + 1; i < start; units++) {
      int lead = utf8[i] & 0xff;
      if (lead >= 0xf0) {
        units++; // a supplementary character: two UTF-16 units
        i += 4;
      } else {
        i += lead < 0x80 ? 1 : lead < 0xe0 ? 2 : 3;
      }
    }
    return units;
  }

  /**
   * One thread's parser for one grammar. The copy walks a tree cursor (cheap native calls) and
   * reads each node's start from the fields tree-sitter already filled in: through the binding's
   * public getters every node costs several JNI round trips, which made copying slower than
   * parsing.
   */
  private static final class Parser {
    private final TSParser parser = new TSParser();
    private final Grammar grammar;
    private final TSLanguage language;
    private final String[] typeBySymbol;
    private final boolean[] namedBySymbol;

    /** Anonymous in the grammar: the node's text is its type, a literal token. */
    private final boolean[] literalBySymbol;

    private final String[] fieldById;

    /** The native node the last copied node came from, to measure it without another call. */
    private TSNode lastNative;

    private boolean lastLiteral;

    Parser(Grammar grammar) {
      this.grammar = grammar;
      language = grammar.newLanguage();
      parser.setLanguage(language);
      typeBySymbol = new String[language.symbolCount() + 1];
      namedBySymbol = new boolean[typeBySymbol.length];
      literalBySymbol = new boolean[typeBySymbol.length];
      fieldById = new String[language.fieldCount() + 1];
    }

    SyntaxTree parse(String text) {
      long start = THREADS.getCurrentThreadCpuTime();
      TSTree tree = parser.parseString(null, text);
      PARSE_NANOS.get()[0] += THREADS.getCurrentThreadCpuTime() - start;
      if (tree == null) {
        return null;
      }
      try (tree;
          TSTreeCursor cursor = new TSTreeCursor(tree.getRootNode())) {
        SyntaxTree result = new SyntaxTree(text.getBytes(StandardCharsets.UTF_8));
        TSNode root = tree.getRootNode();
        result.hasErrors = root.hasError();
        // A broken file may hold zero-width MISSING tokens: measure every leaf natively there.
        copy(result, cursor, result.hasErrors || !grammar.anonymousNodesAreLiterals());
        lastNative = null; // the native tree is closed below
        if (result.hasErrors && result.firstErrorLine == 0) {
          result.firstErrorLine = firstMissingLine(root);
        }
        return result;
      }
    }

    /** Copies the tree in one pre-order walk, each node visited once. */
    private void copy(SyntaxTree into, TSTreeCursor cursor, boolean measureEveryLeaf) {
      Node root = node(into, cursor, null);
      into.root = root;
      if (!cursor.gotoFirstChild()) {
        root.end = NodeReader.endByte(lastNative);
        return;
      }
      // The native nodes of the copy's open ancestors, to measure each once its children are done.
      ArrayList<TSNode> open = new ArrayList<>();
      open.add(lastNative);
      Node parent = root;
      while (true) {
        Node current = node(into, cursor, parent);
        parent.children.add(current);
        boolean opaque = grammar.opaque(current.type(), into.utf8, current.start);
        if (!opaque && cursor.gotoFirstChild()) {
          open.add(lastNative);
          parent = current;
          continue;
        }
        // A literal token's width is its type's, so it needs no native call.
        current.end =
            !lastLiteral || opaque || measureEveryLeaf
                ? NodeReader.endByte(lastNative)
                : current.start + utf8Length(current.type());
        while (!cursor.gotoNextSibling()) {
          // A node ends where its last child ends (tree-sitter sums the children's sizes), unless a
          // token it does not show comes after; the root spans trailing whitespace.
          TSNode ended = open.remove(open.size() - 1);
          parent.end =
              parent.parent() == null || grammar.endsPastLastChild(parent.type())
                  ? NodeReader.endByte(ended)
                  : parent.children.get(parent.children.size() - 1).end;
          if (!cursor.gotoParent() || parent.parent() == null) {
            return;
          }
          parent = parent.parent();
        }
      }
    }

    private Node node(SyntaxTree tree, TSTreeCursor cursor, Node parent) {
      TSNode ts = cursor.currentNode();
      lastNative = ts;
      int symbol = NodeReader.symbol(ts);
      String type = type(symbol);
      lastLiteral = symbol >= 0 && symbol < literalBySymbol.length && literalBySymbol[symbol];
      int fieldId = cursor.currentFieldId();
      // ERROR lies outside the grammar's symbol table; tree-sitter counts it as named.
      boolean named =
          symbol >= 0 && symbol < namedBySymbol.length
              ? namedBySymbol[symbol]
              : type.equals("ERROR");
      Node node =
          new Node(
              tree,
              parent,
              type,
              fieldId == 0 ? null : field(fieldId),
              named,
              NodeReader.startByte(ts),
              NodeReader.startRow(ts) + 1,
              NodeReader.startColumn(ts) + 1);
      if (tree.firstErrorLine == 0 && type.equals("ERROR")) {
        tree.firstErrorLine = node.line();
      }
      return node;
    }

    /** The line of the first token tree-sitter invented to repair the file, 0 if none. */
    private static int firstMissingLine(TSNode node) {
      if (node.isMissing()) {
        return node.getStartPoint().getRow() + 1;
      }
      for (int i = 0; i < node.getChildCount(); i++) {
        TSNode child = node.getChild(i);
        if (child.hasError()) {
          int line = firstMissingLine(child);
          if (line > 0) {
            return line;
          }
        }
      }
      return 0;
    }

    private static int utf8Length(String token) {
      int n = 0;
      for (int i = 0; i < token.length(); i++) {
        char c = token.charAt(i);
        n += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
      }
      return n;
    }

    private String type(int symbol) {
      if (symbol < 0 || symbol >= typeBySymbol.length) {
        return "ERROR";
      }
      String type = typeBySymbol[symbol];
      if (type == null) {
        type = language.symbolName(symbol);
        TSSymbolType kind = language.symbolType(symbol);
        namedBySymbol[symbol] = kind == TSSymbolType.TSSymbolTypeRegular && grammar.named(type);
        literalBySymbol[symbol] = kind == TSSymbolType.TSSymbolTypeAnonymous;
        typeBySymbol[symbol] = type;
      }
      return type;
    }

    private String field(int id) {
      if (id >= fieldById.length) {
        return language.fieldNameForId(id);
      }
      String name = fieldById[id];
      if (name == null) {
        name = language.fieldNameForId(id);
        fieldById[id] = name;
      }
      return name;
    }
  }

  /**
   * Reads node positions, preferring the binding's own fields and its static natives (one JNI call
   * each) over the public getters (two each); falls back to the getters if the binding changes.
   */
  private static final class NodeReader {
    private static final VarHandle START;
    private static final VarHandle ROW;
    private static final VarHandle COLUMN;
    private static final MethodHandle SYMBOL;
    private static final MethodHandle END;

    static {
      VarHandle start = null;
      VarHandle row = null;
      VarHandle column = null;
      MethodHandle symbol = null;
      MethodHandle end = null;
      try {
        MethodHandles.Lookup node =
            MethodHandles.privateLookupIn(TSNode.class, MethodHandles.lookup());
        start = node.findVarHandle(TSNode.class, "context0", int.class);
        row = node.findVarHandle(TSNode.class, "context1", int.class);
        column = node.findVarHandle(TSNode.class, "context2", int.class);
        MethodHandles.Lookup natives =
            MethodHandles.privateLookupIn(TSParser.class, MethodHandles.lookup());
        MethodType intOfNode = MethodType.methodType(int.class, TSNode.class);
        symbol = natives.findStatic(TSParser.class, "ts_node_symbol", intOfNode);
        end = natives.findStatic(TSParser.class, "ts_node_end_byte", intOfNode);
      } catch (ReflectiveOperationException | RuntimeException e) {
        start = null; // the public getters below still work, only slower
      }
      boolean complete =
          start != null && row != null && column != null && symbol != null && end != null;
      START = complete ? start : null;
      ROW = complete ? row : null;
      COLUMN = complete ? column : null;
      SYMBOL = complete ? symbol : null;
      END = complete ? end : null;
    }

    static int startByte(TSNode n) {
      return START != null ? (int) START.get(n) : n.getStartByte();
    }

    static int startRow(TSNode n) {
      return ROW != null ? (int) ROW.get(n) : n.getStartPoint().getRow();
    }

    static int startColumn(TSNode n) {
      return COLUMN != null ? (int) COLUMN.get(n) : n.getStartPoint().getColumn();
    }

    static int symbol(TSNode n) {
      if (SYMBOL == null) {
        return n.getSymbol();
      }
      try {
        return (int) SYMBOL.invokeExact(n);
      } catch (Throwable e) {
        return n.getSymbol();
      }
    }

    static int endByte(TSNode n) {
      if (END == null) {
        return n.getEndByte();
      }
      try {
        return (int) END.invokeExact(n);
      } catch (Throwable e) {
        return n.getEndByte();
      }
    }
  }
}
