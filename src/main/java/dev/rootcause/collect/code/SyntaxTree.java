package dev.rootcause.collect.code;

import dev.rootcause.model.SourceLocation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.treesitter.TSLanguage;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSSymbolType;
import org.treesitter.TSTree;
import org.treesitter.TSTreeCursor;

/**
 * A tree-sitter syntax tree copied into plain Java nodes in one cursor walk, so that analysis asks
 * its many questions in Java. Every call on a native node costs about a microsecond in the bundled
 * bindings, while cursor moves are cheap: the walk reads each node's type once, and its byte range
 * only when asked. Close it as soon as the analysis is done; that frees the native tree.
 */
final class SyntaxTree implements AutoCloseable {

  /** One grammar: its parser per thread (parsers are not thread-safe) and its node-type names. */
  static final class Grammar {
    private final TSLanguage language;
    private final ThreadLocal<TSParser> parsers;
    private final Set<String> named = new HashSet<>();
    private final Set<String> ambiguous = new HashSet<>();
    private final Map<Integer, String> fields = new HashMap<>();
    private final Set<String> leaves;

    /**
     * {@code leaves} are node types whose insides are never needed (string literals, comments):
     * the walk does not descend into them.
     */
    Grammar(Supplier<TSLanguage> language, Set<String> leaves) {
      this.language = language.get();
      this.leaves = Set.copyOf(leaves);
      this.parsers = ThreadLocal.withInitial(() -> {
        TSParser parser = new TSParser();
        parser.setLanguage(this.language);
        return parser;
      });
      Set<String> anonymous = new HashSet<>();
      for (int symbol = 0; symbol < this.language.symbolCount(); symbol++) {
        TSSymbolType kind = this.language.symbolType(symbol);
        String name = this.language.symbolName(symbol);
        if (kind == TSSymbolType.TSSymbolTypeRegular) {
          named.add(name);
        } else if (kind == TSSymbolType.TSSymbolTypeAnonymous) {
          anonymous.add(name);
        }
      }
      // Comments are extras that may sit between any two children; counting them as named would
      // shift every argument index, so they are kept only as unnamed children.
      named.removeIf(name -> name.endsWith("comment"));
      for (String name : anonymous) {
        if (named.contains(name)) {
          ambiguous.add(name);
        }
      }
      for (int id = 1; id <= this.language.fieldCount(); id++) {
        fields.put(id, this.language.fieldNameForId(id));
      }
    }
  }

  private final TSTree tree;
  private final String text;
  private final int[] charAtByte; // null when the text is ASCII, so bytes and chars coincide
  private final int[] lineStarts; // char offsets where each line starts
  private final SyntaxNode root;

  private SyntaxTree(TSTree tree, String text, Grammar grammar) {
    this.tree = tree;
    this.text = text;
    this.charAtByte = byteToChar(text);
    this.lineStarts = lineStarts(text);
    this.root = copy(tree, grammar);
  }

  /** Parses {@code text}; null when tree-sitter gives no tree at all. */
  static SyntaxTree parse(Grammar grammar, String text) {
    TSTree tree = grammar.parsers.get().parseString(null, text);
    if (tree == null) {
      return null;
    }
    try {
      return new SyntaxTree(tree, text, grammar);
    } catch (RuntimeException e) {
      tree.close();
      throw e;
    }
  }

  SyntaxNode root() {
    return root;
  }

  String source() {
    return text;
  }

  @Override
  public void close() {
    tree.close();
  }

  String text(SyntaxNode node) {
    return text.substring(charOffset(node.startByte()), charOffset(node.endByte()));
  }

  /** 1-based line and column (in characters) of where the node starts. */
  SourceLocation location(String path, SyntaxNode node) {
    int offset = charOffset(node.startByte());
    int line = lineOf(offset);
    return new SourceLocation(path, line + 1, offset - lineStarts[line] + 1);
  }

  int line(SyntaxNode node) {
    return lineOf(charOffset(node.startByte())) + 1;
  }

  private int lineOf(int charOffset) {
    int low = 0;
    int high = lineStarts.length - 1;
    while (low < high) {
      int mid = (low + high + 1) >>> 1;
      if (lineStarts[mid] <= charOffset) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    return low;
  }

  private int charOffset(int byteOffset) {
    if (charAtByte == null) {
      return Math.min(byteOffset, text.length());
    }
    return charAtByte[Math.min(byteOffset, charAtByte.length - 1)];
  }

  private static int[] byteToChar(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (bytes.length == text.length()) {
      return null;
    }
    int[] map = new int[bytes.length + 1];
    int b = 0;
    for (int c = 0; c < text.length(); c++) {
      char ch = text.charAt(c);
      int width;
      if (ch < 0x80) {
        width = 1;
      } else if (ch < 0x800) {
        width = 2;
      } else if (Character.isHighSurrogate(ch) && c + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(c + 1))) {
        width = 4;
      } else {
        width = 3;
      }
      for (int i = 0; i < width; i++) {
        map[b + i] = c;
      }
      b += width;
      if (width == 4) {
        c++;
      }
    }
    map[bytes.length] = text.length();
    return map;
  }

  private static int[] lineStarts(String text) {
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        starts.add(i + 1);
      }
    }
    int[] result = new int[starts.size()];
    for (int i = 0; i < result.length; i++) {
      result[i] = starts.get(i);
    }
    return result;
  }

  /** Pre-order walk with one cursor; a node's type is the only native read made for every node. */
  private SyntaxNode copy(TSTree tree, Grammar grammar) {
    TSNode rootNode = tree.getRootNode();
    SyntaxNode top = new SyntaxNode(this, null, rootNode.getType(), null, rootNode, true);
    try (TSTreeCursor cursor = new TSTreeCursor(rootNode)) {
      SyntaxNode current = top;
      boolean descend = !grammar.leaves.contains(top.type());
      while (true) {
        if (descend && cursor.gotoFirstChild()) {
          current = add(cursor, current, grammar);
        } else if (cursor.gotoNextSibling()) {
          current = add(cursor, current.parent(), grammar);
        } else {
          boolean moved = false;
          while (cursor.gotoParent()) {
            current = current.parent();
            if (cursor.gotoNextSibling()) {
              current = add(cursor, current.parent(), grammar);
              moved = true;
              break;
            }
          }
          if (!moved) {
            break;
          }
        }
        descend = !grammar.leaves.contains(current.type());
      }
    }
    top.freeze();
    return top;
  }

  private SyntaxNode add(TSTreeCursor cursor, SyntaxNode parent, Grammar grammar) {
    TSNode node = cursor.currentNode();
    String type = node.getType();
    int fieldId = cursor.currentFieldId();
    String field = fieldId == 0 ? null : grammar.fields.get(fieldId);
    boolean named = grammar.ambiguous.contains(type) ? node.isNamed() : grammar.named.contains(type);
    SyntaxNode child = new SyntaxNode(this, parent, type, field, node, named);
    parent.addChild(child);
    return child;
  }
}
