package dev.rootcause.model.stats;

import org.apache.commons.math3.distribution.HypergeometricDistribution;

/**
 * Whether a candidate fails more often than a baseline: the pooled two-proportion z-test, or
 * Fisher's exact test when a cell of the 2×2 table is expected to hold fewer than 5 (where the
 * normal approximation is poor) or a cell holds fewer than 5 (a side that never or always fails, as
 * seed 004's v2 with 20 of 20 requests failing).
 *
 * @param method {@code "two-proportion z-test"} or {@code "Fisher's exact test"}
 * @param z the z statistic (candidate rate minus baseline rate), NaN for Fisher
 * @param pGreater one-sided p-value: the candidate's failure rate is higher
 * @param pTwoSided two-sided p-value
 */
public record RateComparison(
    long baselineFailures,
    long baselineN,
    long candidateFailures,
    long candidateN,
    String method,
    double z,
    double pGreater,
    double pTwoSided)
    implements java.io.Serializable {

  public static final String Z_TEST = "two-proportion z-test";
  public static final String FISHER = "Fisher's exact test";

  public static RateComparison compare(
      long baselineFailures, long baselineN, long candidateFailures, long candidateN) {
    if (baselineN <= 0 || candidateN <= 0) {
      throw new IllegalArgumentException("both sides need requests");
    }
    long failures = baselineFailures + candidateFailures;
    long n = baselineN + candidateN;
    long successes = n - failures;
    double minExpected =
        Math.min(
            Math.min((double) failures * baselineN / n, (double) failures * candidateN / n),
            Math.min((double) successes * baselineN / n, (double) successes * candidateN / n));
    long minObserved =
        Math.min(
            Math.min(baselineFailures, baselineN - baselineFailures),
            Math.min(candidateFailures, candidateN - candidateFailures));
    if (minExpected < 5 || minObserved < 5) {
      return fisher(baselineFailures, baselineN, candidateFailures, candidateN);
    }
    return zTest(baselineFailures, baselineN, candidateFailures, candidateN);
  }

  public static RateComparison zTest(
      long baselineFailures, long baselineN, long candidateFailures, long candidateN) {
    double p1 = (double) baselineFailures / baselineN;
    double p2 = (double) candidateFailures / candidateN;
    double pooled = (double) (baselineFailures + candidateFailures) / (baselineN + candidateN);
    double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / baselineN + 1.0 / candidateN));
    if (se == 0) {
      return new RateComparison(
          baselineFailures, baselineN, candidateFailures, candidateN, Z_TEST, 0, 0.5, 1);
    }
    double z = (p2 - p1) / se;
    return new RateComparison(
        baselineFailures,
        baselineN,
        candidateFailures,
        candidateN,
        Z_TEST,
        z,
        Proportion.Stats.upperTail(z),
        Math.min(1, 2 * Proportion.Stats.upperTail(Math.abs(z))));
  }

  public static RateComparison fisher(
      long baselineFailures, long baselineN, long candidateFailures, long candidateN) {
    int population = Math.toIntExact(baselineN + candidateN);
    int failures = Math.toIntExact(baselineFailures + candidateFailures);
    int draws = Math.toIntExact(candidateN);
    int observed = Math.toIntExact(candidateFailures);
    HypergeometricDistribution h =
        new HypergeometricDistribution(null, population, failures, draws);
    double pGreater = h.upperCumulativeProbability(observed);
    // Two-sided as scipy.stats.fisher_exact: every table at most as likely as the one observed.
    double pObserved = h.probability(observed);
    double pTwo = 0;
    for (int k = h.getSupportLowerBound(); k <= h.getSupportUpperBound(); k++) {
      double p = h.probability(k);
      if (p <= pObserved * (1 + 1e-7)) {
        pTwo += p;
      }
    }
    return new RateComparison(
        baselineFailures,
        baselineN,
        candidateFailures,
        candidateN,
        FISHER,
        Double.NaN,
        Math.min(1, pGreater),
        Math.min(1, pTwo));
  }
}
