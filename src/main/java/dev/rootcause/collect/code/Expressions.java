package dev.rootcause.collect.code;

import dev.rootcause.collect.syntax.Node;
import java.util.List;

/**
 * Questions the Go and Java readers ask of expressions alike: both grammars name a call's arguments
 * and a parenthesized expression the same.
 */
public final class Expressions {
  private Expressions() {}

  /** The expression inside any parentheses around {@code node}. */
  public static Node unparen(Node node) {
    Node n = node;
    while (n != null && n.is("parenthesized_expression") && n.namedChild(0) != null) {
      n = n.namedChild(0);
    }
    return n;
  }

  /** A call's arguments, empty when it has none. */
  public static List<Node> arguments(Node call) {
    Node args = call.child("arguments");
    return args == null ? List.of() : args.namedChildren();
  }

  /** A call's argument at {@code index}, or null. */
  public static Node argument(Node call, int index) {
    Node args = call.child("arguments");
    return args == null ? null : args.namedChild(index);
  }

  /** The node's text, empty for a missing node. */
  public static String textOf(Node node) {
    return node == null ? "" : node.text();
  }

  /**
   * The body of a double-quoted Go or Java string with its common escapes ({@code \n \t \" \\})
   * undone; null when it holds another escape, whose value we do not guess.
   */
  public static String unescape(String body) {
    if (body.indexOf('\\') < 0) {
      return body;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < body.length(); i++) {
      char ch = body.charAt(i);
      if (ch != '\\') {
        out.append(ch);
        continue;
      }
      if (++i >= body.length()) {
        return null;
      }
      switch (body.charAt(i)) {
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case '"' -> out.append('"');
        case '\\' -> out.append('\\');
        default -> {
          return null;
        }
      }
    }
    return out.toString();
  }
}
