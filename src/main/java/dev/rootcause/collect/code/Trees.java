package dev.rootcause.collect.code;

import dev.rootcause.collect.syntax.Node;
import java.util.function.Predicate;

/** Searches of a syntax tree the readers of every grammar ask, in source order. */
public final class Trees {
  private Trees() {}

  /** The first node under {@code root} (itself included) that matches, or null. */
  public static Node first(Node root, Predicate<Node> match) {
    Node[] found = {null};
    root.visit(
        n -> {
          if (found[0] == null && match.test(n)) {
            found[0] = n;
          }
          return found[0] == null;
        });
    return found[0];
  }

  /**
   * Whether a node under {@code root} matches, not looking inside nodes of type {@code skip} (a
   * nested function's body runs later, if ever).
   */
  public static boolean any(Node root, String skip, Predicate<Node> match) {
    boolean[] found = {false};
    root.visit(
        n -> {
          if (found[0] || n.is(skip)) {
            return false;
          }
          found[0] = match.test(n);
          return !found[0];
        });
    return found[0];
  }
}
