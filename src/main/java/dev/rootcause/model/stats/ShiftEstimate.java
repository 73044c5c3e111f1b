package dev.rootcause.model.stats;

import java.util.Arrays;

/**
 * The Hodges-Lehmann estimate of how much larger candidate values are than baseline values: the
 * median of all n1·n2 differences (candidate − baseline), with the distribution-free confidence
 * interval of Lehmann (1975) / Hollander &amp; Wolfe, from the normal approximation of U: {@code k
 * = floor(n1·n2/2 − z·sqrt(n1·n2·(n1+n2+1)/12))}, interval {@code [D(k), D(n1·n2+1−k)]} of the
 * ordered differences. Order statistics of the differences are found by binary search over the
 * value with a two-pointer count, so no n1·n2 array is ever built.
 *
 * @param bounded false when the samples are too small for the interval at this confidence (then low
 *     and high are the smallest and largest differences)
 */
public record ShiftEstimate(
    double estimate, double low, double high, double confidence, boolean bounded)
    implements java.io.Serializable {

  public static ShiftEstimate of(long[] baseline, long[] candidate, double confidence) {
    int n1 = baseline.length;
    int n2 = candidate.length;
    if (n1 == 0 || n2 == 0) {
      throw new IllegalArgumentException(
          "both samples need values (got " + n1 + " and " + n2 + ")");
    }
    long[] x = baseline.clone();
    long[] y = candidate.clone();
    Arrays.sort(x);
    Arrays.sort(y);
    long total = (long) n1 * n2;
    double estimate =
        total % 2 == 1
            ? kth(x, y, (total + 1) / 2)
            : (kth(x, y, total / 2) + (double) kth(x, y, total / 2 + 1)) / 2.0;
    double z = Proportion.Stats.zForConfidence(confidence);
    long k = (long) Math.floor(total / 2.0 - z * Math.sqrt(total * (n1 + n2 + 1.0) / 12.0));
    boolean bounded = k >= 1;
    long kk = Math.max(1, k);
    return new ShiftEstimate(
        estimate, kth(x, y, kk), kth(x, y, total + 1 - kk), confidence, bounded);
  }

  /** The k-th smallest (1-based) of y[j] − x[i] over all pairs; x and y sorted ascending. */
  static long kth(long[] x, long[] y, long k) {
    long lo = y[0] - x[x.length - 1];
    long hi = y[y.length - 1] - x[0];
    while (lo < hi) {
      long mid = lo + ((hi - lo) >> 1);
      if (countAtMost(x, y, mid) >= k) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /** Pairs with y[j] − x[i] <= d. */
  static long countAtMost(long[] x, long[] y, long d) {
    long count = 0;
    int j = 0;
    for (long xi : x) {
      while (j < y.length && y[j] - xi <= d) {
        j++;
      }
      count += j;
    }
    return count;
  }
}
