package dev.rootcause.collect.code;

import dev.rootcause.model.app.Hazard;

/**
 * How likely a dice-roll, clock or counter condition in code is to be true ({@code random.random()
 * < 0.3}, {@code Math.floor(Math.random() * 4) === 0}), and the env var the rate is read from, if
 * any.
 */
public record Chance(double probability, String envVar, Hazard.RandomFailure.Trigger trigger) {

  public Chance(double probability, String envVar) {
    this(probability, envVar, Hazard.RandomFailure.Trigger.DICE);
  }

  /**
   * {@code value % modulus op k} where the value is the clock or a request counter: the share of
   * the residues that satisfy it (a clock in seconds spends equal time on each residue).
   */
  public static Chance periodic(
      long modulus, String op, long k, boolean valueOnLeft, Hazard.RandomFailure.Trigger trigger) {
    if (modulus < 2) {
      return null;
    }
    Chance share = dice(0, modulus - 1, op, k, valueOnLeft);
    return share == null ? null : new Chance(share.probability(), null, trigger);
  }

  /** A rate written as a number ("0.5"), or null when it is not one. */
  public static Chance parse(String number, String envVar) {
    try {
      return new Chance(Double.parseDouble(number.trim()), envVar);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  public Chance not() {
    return new Chance(1 - probability, envVar, trigger);
  }

  /**
   * {@code roll op threshold} where the roll is uniform in [0, 1): the threshold's share below or
   * above. {@code rollOnLeft} says which side of {@code op} the roll is on; null for == and !=.
   */
  public static Chance uniform(Chance threshold, String op, boolean rollOnLeft) {
    if (!op.equals("<") && !op.equals("<=") && !op.equals(">") && !op.equals(">=")) {
      return null;
    }
    double t = Math.max(0, Math.min(1, threshold.probability()));
    boolean below = rollOnLeft == op.startsWith("<");
    return new Chance(below ? t : 1 - t, threshold.envVar(), threshold.trigger());
  }

  /**
   * {@code roll op k} where the roll is a whole number uniform in [lo, hi]: the share of values
   * that satisfy it; null when the range is unreasonable.
   */
  public static Chance dice(long lo, long hi, String op, long k, boolean rollOnLeft) {
    if (hi < lo || hi - lo > 1_000_000) {
      return null;
    }
    String effective = rollOnLeft ? op : mirror(op);
    long hits = 0;
    for (long x = lo; x <= hi; x++) {
      hits += holds(x, effective, k) ? 1 : 0;
    }
    return new Chance((double) hits / (hi - lo + 1), null);
  }

  private static String mirror(String op) {
    return switch (op) {
      case "<" -> ">";
      case "<=" -> ">=";
      case ">" -> "<";
      case ">=" -> "<=";
      default -> op;
    };
  }

  private static boolean holds(long x, String op, long k) {
    return switch (op) {
      case "<" -> x < k;
      case "<=" -> x <= k;
      case ">" -> x > k;
      case ">=" -> x >= k;
      case "==", "===" -> x == k;
      case "!=", "!==" -> x != k;
      default -> false;
    };
  }
}
