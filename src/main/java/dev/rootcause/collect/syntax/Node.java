package dev.rootcause.collect.syntax;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One node of a {@link SyntaxTree}: its grammar type, the field it fills in its parent, its byte
 * range and 1-based position, and its children (named and anonymous, in source order).
 */
public final class Node {
  private final SyntaxTree tree;
  private final Node parent;
  private final String type;
  private final String field;
  private final boolean named;
  final int start;
  int end;
  private final int line;
  private final int byteColumn;
  final List<Node> children = new ArrayList<>(2);
  private List<Node> namedChildren;
  private String text;

  Node(
      SyntaxTree tree,
      Node parent,
      String type,
      String field,
      boolean named,
      int start,
      int line,
      int byteColumn) {
    this.tree = tree;
    this.parent = parent;
    this.type = type;
    this.field = field;
    this.named = named;
    this.start = start;
    this.line = line;
    this.byteColumn = byteColumn;
  }

  public String type() {
    return type;
  }

  public boolean is(String type) {
    return this.type.equals(type);
  }

  public boolean isAny(String... types) {
    for (String t : types) {
      if (type.equals(t)) {
        return true;
      }
    }
    return false;
  }

  /** The field this node fills in its parent ({@code function}, {@code arguments}), or null. */
  public String field() {
    return field;
  }

  /**
   * Whether the grammar calls this node a part rather than punctuation or a keyword; comments are
   * not parts in grammars that say so (see {@link Grammar}).
   */
  public boolean named() {
    return named;
  }

  public Node parent() {
    return parent;
  }

  public int line() {
    return line;
  }

  /** The 1-based column in UTF-16 code units, as editors and SARIF count: not in bytes. */
  public int column() {
    return tree.utf16Column(start, byteColumn);
  }

  public int startByte() {
    return start;
  }

  public int endByte() {
    return end;
  }

  /** The source text this node spans. */
  public String text() {
    if (text == null) {
      text = tree.text(start, end);
    }
    return text;
  }

  public List<Node> children() {
    return children;
  }

  /** Named children only: what the grammar calls the node's parts, without punctuation. */
  public List<Node> namedChildren() {
    if (namedChildren == null) {
      List<Node> out = new ArrayList<>(children.size());
      for (Node c : children) {
        if (c.named) {
          out.add(c);
        }
      }
      namedChildren = Collections.unmodifiableList(out);
    }
    return namedChildren;
  }

  /** The first child filling {@code field}, or null. */
  public Node child(String field) {
    for (Node c : children) {
      if (field.equals(c.field)) {
        return c;
      }
    }
    return null;
  }

  /** Every child filling {@code field}. */
  public List<Node> children(String field) {
    List<Node> out = new ArrayList<>(1);
    for (Node c : children) {
      if (field.equals(c.field)) {
        out.add(c);
      }
    }
    return out;
  }

  /** The first child of this type, or null. */
  public Node firstOfType(String type) {
    for (Node c : children) {
      if (c.type.equals(type)) {
        return c;
      }
    }
    return null;
  }

  /** The named child at {@code index}, or null. */
  public Node namedChild(int index) {
    List<Node> parts = namedChildren();
    return index >= 0 && index < parts.size() ? parts.get(index) : null;
  }

  /** Whether an anonymous child is this token: an operator ({@code ==}) or a keyword. */
  public boolean hasToken(String token) {
    for (Node c : children) {
      if (!c.named && c.type.equals(token)) {
        return true;
      }
    }
    return false;
  }

  /** The nearest ancestor (not this node) of one of these types, or null. */
  public Node ancestor(String... types) {
    for (Node n = parent; n != null; n = n.parent) {
      if (n.isAny(types)) {
        return n;
      }
    }
    return null;
  }

  /** Whether {@code other} is this node or lies inside it. */
  public boolean contains(Node other) {
    return other.start >= start && other.end <= end;
  }

  /** Visits this node and its descendants in source order. */
  public void walk(Consumer<Node> visitor) {
    walk(n -> true, visitor);
  }

  /**
   * Visits this node and its descendants in source order, not descending into nodes (other than
   * this one) for which {@code descend} is false; those are still visited themselves.
   */
  public void walk(Predicate<Node> descend, Consumer<Node> visitor) {
    visit(
        n -> {
          visitor.accept(n);
          return n == this || descend.test(n);
        });
  }

  /**
   * Visits this node and its descendants in source order, one call each; where {@code enter}
   * answers false (this node included), the walk skips that node's descendants.
   */
  public void visit(Predicate<Node> enter) {
    // Iterative: deeply nested expressions must not overflow the stack.
    ArrayList<Node> stack = new ArrayList<>();
    stack.add(this);
    while (!stack.isEmpty()) {
      Node n = stack.remove(stack.size() - 1);
      if (enter.test(n)) {
        for (int i = n.children.size() - 1; i >= 0; i--) {
          stack.add(n.children.get(i));
        }
      }
    }
  }

  /** Every descendant (and this node) of the given type, in source order. */
  public List<Node> descendants(String type) {
    List<Node> out = new ArrayList<>();
    walk(
        n -> {
          if (n.type.equals(type)) {
            out.add(n);
          }
        });
    return out;
  }

  @Override
  public String toString() {
    return type + "@" + line + ":" + column();
  }
}
