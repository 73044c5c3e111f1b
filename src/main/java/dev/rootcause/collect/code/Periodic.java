package dev.rootcause.collect.code;

import dev.rootcause.collect.syntax.Node;
import dev.rootcause.model.app.Hazard.RandomFailure.Trigger;
import java.util.Set;
import java.util.function.Function;

/**
 * A condition that holds on a fixed share of requests by the clock or a request counter: {@code
 * time.Now().Unix()%10 < 3}, {@code counter.incrementAndGet() % 5 == 0}. The Go and Java grammars
 * write a comparison and a modulo alike ({@code binary_expression} with {@code left}, {@code
 * operator}, {@code right}); the caller says which values are a clock or a counter.
 */
public final class Periodic {
  private Periodic() {}

  private static final Set<String> COMPARISONS = Set.of("<", "<=", ">", ">=", "==", "!=");

  /** The comparison found, at {@code at}, and the share of requests it holds on. */
  public record Found(Node at, Chance chance) {}

  /**
   * The first {@code value % n op k} in {@code condition} whose value {@code classify} calls a
   * clock or a counter (null: neither, as a shard key or a page size is); null when none.
   */
  public static Found find(Node condition, Function<Node, Trigger> classify) {
    Found[] found = {null};
    condition.visit(
        n -> {
          if (found[0] == null && n.is("binary_expression")) {
            found[0] = comparison(n, classify);
          }
          return found[0] == null;
        });
    return found[0];
  }

  private static Found comparison(Node n, Function<Node, Trigger> classify) {
    Node opNode = n.child("operator");
    String op = opNode == null ? "" : opNode.text();
    if (!COMPARISONS.contains(op)) {
      return null;
    }
    for (int side = 0; side < 2; side++) {
      Node mod = Expressions.unparen(n.child(side == 0 ? "left" : "right"));
      Integer k = integer(n.child(side == 0 ? "right" : "left"));
      if (mod == null
          || k == null
          || !mod.is("binary_expression")
          || mod.child("operator") == null
          || !mod.child("operator").text().equals("%")) {
        continue;
      }
      Integer modulus = integer(mod.child("right"));
      Node value = Expressions.unparen(mod.child("left"));
      Trigger trigger = modulus == null || value == null ? null : classify.apply(value);
      Chance chance = trigger == null ? null : Chance.periodic(modulus, op, k, side == 0, trigger);
      if (chance != null) {
        return new Found(n, chance);
      }
    }
    return null;
  }

  private static Integer integer(Node n) {
    Node e = Expressions.unparen(n);
    return e == null ? null : Numbers.integer(e.text().replace("_", ""));
  }

  /** The value a time in seconds or milliseconds is scaled down from: {@code x / 1000} is x. */
  public static Node unscaled(Node value) {
    Node v = Expressions.unparen(value);
    while (v != null
        && v.is("binary_expression")
        && v.child("operator") != null
        && v.child("operator").text().equals("/")
        && integer(v.child("right")) != null) {
      v = Expressions.unparen(v.child("left"));
    }
    return v;
  }
}
