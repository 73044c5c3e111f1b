package dev.rootcause.collect.code;

import dev.rootcause.collect.syntax.Node;
import java.util.Set;

/**
 * Which loop or function a node is in, whether it runs only on some paths, and whether a block
 * leaves a loop, over any grammar: only the node types of loops, functions, branches and the
 * raising statement differ per language.
 */
public record ControlFlow(
    Set<String> loops, Set<String> functions, Set<String> branches, String raise) {

  public ControlFlow {
    loops = Set.copyOf(loops);
    functions = Set.copyOf(functions);
    branches = Set.copyOf(branches);
  }

  /** Whether a node inside {@code fn} runs only on some paths through it (a branch, a handler). */
  public boolean conditional(Node n, Node fn) {
    for (Node p = n.parent(); p != null && p != fn; p = p.parent()) {
      if (branches.contains(p.type())) {
        return true;
      }
    }
    return false;
  }

  /** Whether a node inside {@code fn} is in a loop that catches errors: a retry loop's body. */
  public boolean insideRetryLoop(Node n, Node fn) {
    for (Node p = n.parent(); p != null && p != fn; p = p.parent()) {
      if (loops.contains(p.type()) && !p.descendants("try_statement").isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /** The function (or lambda) a node is inside, or null at module level. */
  public Node enclosingFunction(Node n) {
    for (Node p = n.parent(); p != null; p = p.parent()) {
      if (functions.contains(p.type())) {
        return p;
      }
    }
    return null;
  }

  /** The loop a node is inside, or the function that stops the search first, or null. */
  public Node nearestLoop(Node n) {
    for (Node p = n.parent(); p != null; p = p.parent()) {
      if (loops.contains(p.type()) || functions.contains(p.type())) {
        return p;
      }
    }
    return null;
  }

  /** Whether a block leaves this loop: returns from the loop's function, or breaks out of it. */
  public boolean leavesLoopFrom(Node block, Node loop) {
    for (Node n : block.descendants("return_statement")) {
      if (enclosingFunction(n) == enclosingFunction(loop)) {
        return true;
      }
    }
    for (Node n : block.descendants("break_statement")) {
      if (nearestLoop(n) == loop) {
        return true;
      }
    }
    return false;
  }

  /** Whether a block can leave whatever runs it: a raise or throw, a return, a break. */
  public boolean leaves(Node block) {
    return !block.descendants(raise).isEmpty()
        || !block.descendants("return_statement").isEmpty()
        || !block.descendants("break_statement").isEmpty();
  }
}
