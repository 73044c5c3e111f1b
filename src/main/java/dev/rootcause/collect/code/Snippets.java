package dev.rootcause.collect.code;

import dev.rootcause.collect.syntax.Node;

/** Short, one-line renderings of code for messages. */
public final class Snippets {
  private static final int MAX = 60;

  private Snippets() {}

  /** The node's text on one line, cut to a readable length. */
  public static String of(Node node) {
    return shorten(node.text());
  }

  public static String shorten(String text) {
    String one = text.replaceAll("\\s+", " ").trim();
    return one.length() <= MAX ? one : one.substring(0, MAX - 3) + "...";
  }
}
