package dev.rootcause.model.stats;

import java.util.Arrays;

/**
 * The Mann-Whitney U test of whether a candidate's values tend to be larger than a baseline's:
 * ranks, not means, so a few very slow requests cannot dominate. Normal approximation with the tie
 * correction and a continuity correction of 0.5, as scipy.stats.mannwhitneyu(method="asymptotic").
 *
 * @param u the U statistic of the candidate: pairs where the candidate is larger, ties counting
 *     half
 * @param z the standardized U for the one-sided test, continuity-corrected
 * @param pGreater one-sided p-value: the candidate is stochastically larger
 * @param pTwoSided two-sided p-value
 */
public record MannWhitney(
    int nBaseline, int nCandidate, double u, double z, double pGreater, double pTwoSided)
    implements java.io.Serializable {

  public static MannWhitney test(long[] baseline, long[] candidate) {
    int n1 = baseline.length;
    int n2 = candidate.length;
    if (n1 == 0 || n2 == 0) {
      throw new IllegalArgumentException(
          "both samples need values (got " + n1 + " and " + n2 + ")");
    }
    int n = n1 + n2;
    long[] all = new long[n];
    System.arraycopy(baseline, 0, all, 0, n1);
    System.arraycopy(candidate, 0, all, n1, n2);
    // Sort the values with their origin: the candidate flag rides in an index array.
    Integer[] idx = new Integer[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (a, b) -> Long.compare(all[a], all[b]));
    double rankSumCandidate = 0;
    double tieTerm = 0;
    for (int i = 0; i < n; ) {
      int j = i;
      while (j + 1 < n && all[idx[j + 1]] == all[idx[i]]) {
        j++;
      }
      double rank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        if (idx[k] >= n1) {
          rankSumCandidate += rank;
        }
      }
      double t = j - i + 1;
      tieTerm += t * t * t - t;
      i = j + 1;
    }
    double u = rankSumCandidate - n2 * (n2 + 1) / 2.0;
    double mean = (double) n1 * n2 / 2.0;
    double var = (double) n1 * n2 / 12.0 * ((n + 1) - tieTerm / ((double) n * (n - 1)));
    if (var <= 0) {
      // Every value equal: no evidence either way.
      return new MannWhitney(n1, n2, u, 0, 0.5, 1);
    }
    double sd = Math.sqrt(var);
    double z = (u - mean - 0.5) / sd;
    double pGreater = Proportion.Stats.upperTail(z);
    double uMax = Math.max(u, (double) n1 * n2 - u);
    double zTwo = (uMax - mean - 0.5) / sd;
    double pTwo = Math.min(1, 2 * Proportion.Stats.upperTail(zTwo));
    return new MannWhitney(n1, n2, u, z, pGreater, pTwo);
  }
}
