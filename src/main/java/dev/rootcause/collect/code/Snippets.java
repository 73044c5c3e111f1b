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

  /** What is wrong with a retry loop, given whether it waits between attempts and is capped. */
  public static String retryFlaw(boolean waits, boolean capped) {
    if (!waits && !capped) {
      return "tries again immediately and forever: no delay, no attempt limit";
    }
    return !waits ? "tries again immediately, with no delay between attempts"
        : "tries again forever, with no attempt limit";
  }

  /** A percentage for a probability in [0, 1], e.g. "about 30% of requests". */
  public static String share(double probability) {
    long pct = Math.round(probability * 100);
    return "about " + Math.max(1, pct) + "% of requests";
  }
}
