package dev.rootcause.collect.code;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.treesitter.TSNode;

/**
 * One node of a {@link SyntaxTree}: its type, the field it fills in its parent, its children. The
 * byte range is read from the native node on first use only (most nodes are never asked).
 */
final class SyntaxNode {
  private static final SyntaxNode[] NONE = new SyntaxNode[0];

  private final SyntaxTree tree;
  private final SyntaxNode parent;
  private final String type;
  private final String field;
  private final boolean named;
  private TSNode node;
  private int start = -1;
  private int end = -1;
  private List<SyntaxNode> building;
  private SyntaxNode[] children = NONE;
  private SyntaxNode[] namedChildren = NONE;
  private String text;

  SyntaxNode(SyntaxTree tree, SyntaxNode parent, String type, String field, TSNode node,
      boolean named) {
    this.tree = tree;
    this.parent = parent;
    this.type = type;
    this.field = field;
    this.node = node;
    this.named = named;
  }

  void addChild(SyntaxNode child) {
    if (building == null) {
      building = new ArrayList<>(4);
    }
    building.add(child);
  }

  /** Turns the child lists into arrays, bottom-up, once the walk is done. */
  void freeze() {
    List<SyntaxNode> stack = new ArrayList<>();
    stack.add(this);
    while (!stack.isEmpty()) {
      SyntaxNode n = stack.remove(stack.size() - 1);
      if (n.building != null) {
        n.children = n.building.toArray(NONE);
        n.building = null;
        int count = 0;
        for (SyntaxNode c : n.children) {
          if (c.named) {
            count++;
          }
        }
        n.namedChildren = new SyntaxNode[count];
        int i = 0;
        for (SyntaxNode c : n.children) {
          if (c.named) {
            n.namedChildren[i++] = c;
          }
          stack.add(c);
        }
      }
    }
  }

  String type() {
    return type;
  }

  boolean is(String t) {
    return type.equals(t);
  }

  String field() {
    return field;
  }

  boolean named() {
    return named;
  }

  SyntaxNode parent() {
    return parent;
  }

  SyntaxNode[] children() {
    return children;
  }

  SyntaxNode[] namedChildren() {
    return namedChildren;
  }

  /** The named child at {@code index}, or null. */
  SyntaxNode named(int index) {
    return index < namedChildren.length ? namedChildren[index] : null;
  }

  /** The first child filling {@code name}, or null. */
  SyntaxNode child(String name) {
    for (SyntaxNode c : children) {
      if (name.equals(c.field)) {
        return c;
      }
    }
    return null;
  }

  /** The first named child of type {@code t}, or null. */
  SyntaxNode childOfType(String t) {
    for (SyntaxNode c : namedChildren) {
      if (c.type.equals(t)) {
        return c;
      }
    }
    return null;
  }

  /** Whether an unnamed token with this text is a direct child (an operator, a keyword). */
  boolean hasToken(String token) {
    for (SyntaxNode c : children) {
      if (!c.named && c.type.equals(token)) {
        return true;
      }
    }
    return false;
  }

  int startByte() {
    if (start < 0) {
      start = node.getStartByte();
    }
    return start;
  }

  int endByte() {
    if (end < 0) {
      end = node.getEndByte();
    }
    return end;
  }

  String text() {
    if (text == null) {
      text = tree.text(this);
    }
    return text;
  }

  int line() {
    return tree.line(this);
  }

  boolean isAncestorOf(SyntaxNode other) {
    for (SyntaxNode p = other.parent; p != null; p = p.parent) {
      if (p == this) {
        return true;
      }
    }
    return false;
  }

  /** The nearest proper ancestor of one of these types, or null. */
  SyntaxNode ancestor(Predicate<SyntaxNode> test) {
    for (SyntaxNode p = parent; p != null; p = p.parent) {
      if (test.test(p)) {
        return p;
      }
    }
    return null;
  }

  /**
   * Visits this node and its descendants in document order; {@code enter} returning false skips a
   * node's subtree.
   */
  void walk(Predicate<SyntaxNode> enter) {
    List<SyntaxNode> stack = new ArrayList<>();
    stack.add(this);
    while (!stack.isEmpty()) {
      SyntaxNode n = stack.remove(stack.size() - 1);
      if (enter.test(n)) {
        for (int i = n.children.length - 1; i >= 0; i--) {
          stack.add(n.children[i]);
        }
      }
    }
  }

  /** Every descendant (and this node) of type {@code t}, in document order. */
  List<SyntaxNode> descendants(String t) {
    List<SyntaxNode> found = new ArrayList<>();
    walk(n -> {
      if (n.type.equals(t)) {
        found.add(n);
      }
      return true;
    });
    return found;
  }

  void forEachNamed(Consumer<SyntaxNode> action) {
    for (SyntaxNode c : namedChildren) {
      action.accept(c);
    }
  }

  @Override
  public String toString() {
    return type;
  }
}
