package dev.rootcause.model.stats;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * {@code count} of {@code n} with its Wilson score interval: unlike the textbook p ± z·se it stays
 * inside [0, 1] and is honest for small n and for rates near 0 or 1 (20 of 20 failing gives
 * 83.9%-100%, not 100%-100%).
 */
public record Proportion(
    long count, long n, double rate, double low, double high, double confidence)
    implements java.io.Serializable {

  /** The 95% Wilson interval of {@code count} out of {@code n}. */
  public static Proportion wilson(long count, long n) {
    return wilson(count, n, 0.95);
  }

  public static Proportion wilson(long count, long n, double confidence) {
    if (count < 0 || n < 0 || count > n) {
      throw new IllegalArgumentException("need 0 <= count <= n, got " + count + " of " + n);
    }
    if (n == 0) {
      return new Proportion(0, 0, Double.NaN, 0, 1, confidence);
    }
    double z = Stats.zForConfidence(confidence);
    double p = (double) count / n;
    double z2 = z * z;
    double denom = 1 + z2 / n;
    double center = (p + z2 / (2.0 * n)) / denom;
    double half = z / denom * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
    // At 0 and n the bounds are exactly 0 and 1; rounding must not push them past.
    double low = count == 0 ? 0 : Math.max(0, center - half);
    double high = count == n ? 1 : Math.min(1, center + half);
    return new Proportion(count, n, p, low, high, confidence);
  }

  /** Internal helpers shared by the tests in this package. */
  static final class Stats {
    private static final NormalDistribution STANDARD = new NormalDistribution(null, 0, 1);

    private Stats() {}

    static double zForConfidence(double confidence) {
      return STANDARD.inverseCumulativeProbability(1 - (1 - confidence) / 2);
    }

    static double upperTail(double z) {
      return STANDARD.cumulativeProbability(-z);
    }
  }
}
