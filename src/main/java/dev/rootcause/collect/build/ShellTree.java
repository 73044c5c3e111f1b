package dev.rootcause.collect.build;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSTree;
import org.treesitter.TreeSitterBash;

/**
 * A tree-sitter-bash parse copied into plain Java nodes. Every call into the native tree costs
 * microseconds, and the analysis revisits nodes (loop bodies once per word, functions per call):
 * copying once with the fewest calls per node and walking the copy is several times faster.
 */
final class ShellTree {
  /** Node types whose children carry field names the analysis asks for. */
  private static final Set<String> FIELD_PARENTS = Set.of("command", "variable_assignment",
      "for_statement", "if_statement", "elif_clause", "case_item", "function_definition", "subscript",
      "expansion", "redirected_statement", "while_statement");

  /** Parsers are not thread-safe and collectors run in parallel: one per thread. */
  private static final ThreadLocal<TSParser> PARSER = ThreadLocal.withInitial(() -> {
    TSParser parser = new TSParser();
    parser.setLanguage(new TreeSitterBash());
    return parser;
  });

  private ShellTree() {}

  /** One syntax node: its type, byte range in the UTF-8 text, 0-based row, children and their fields. */
  record Node(String type, boolean named, int start, int end, int row, List<Node> children,
      List<String> fields) {

    List<Node> namedChildren() {
      List<Node> out = new ArrayList<>(children.size());
      for (Node c : children) {
        if (c.named) {
          out.add(c);
        }
      }
      return out;
    }

    /** The first child in field {@code name}, or null. */
    Node field(String name) {
      for (int i = 0; i < children.size(); i++) {
        if (name.equals(fields.get(i))) {
          return children.get(i);
        }
      }
      return null;
    }

    String fieldOf(int i) {
      return fields.get(i);
    }

    boolean isError() {
      return type.equals("ERROR");
    }
  }

  /** The parsed text and whether tree-sitter met anything it could not read. */
  record Parsed(Node root, boolean hasError) {}

  static Parsed parse(String text, byte[] utf8) {
    TSTree tree = PARSER.get().parseString(null, text);
    TSNode root = tree.getRootNode();
    int[] newlines = newlineOffsets(utf8);
    return new Parsed(copy(root, newlines), root.hasError());
  }

  private static Node copy(TSNode node, int[] newlines) {
    String type = node.getType();
    int start = node.getStartByte();
    int count = node.getChildCount();
    List<Node> children = new ArrayList<>(count);
    List<String> fields = new ArrayList<>(count);
    boolean withFields = FIELD_PARENTS.contains(type);
    for (int i = 0; i < count; i++) {
      children.add(copy(node.getChild(i), newlines));
      fields.add(withFields ? node.getFieldNameForChild(i) : null);
    }
    return new Node(type, node.isNamed(), start, node.getEndByte(), row(newlines, start),
        children, fields);
  }

  private static int[] newlineOffsets(byte[] utf8) {
    int n = 0;
    for (byte b : utf8) {
      if (b == '\n') {
        n++;
      }
    }
    int[] out = new int[n];
    int k = 0;
    for (int i = 0; i < utf8.length; i++) {
      if (utf8[i] == '\n') {
        out[k++] = i;
      }
    }
    return out;
  }

  /** Rows are counted from the newlines before {@code offset}, not asked of the native tree. */
  private static int row(int[] newlines, int offset) {
    int lo = 0;
    int hi = newlines.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (newlines[mid] < offset) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
