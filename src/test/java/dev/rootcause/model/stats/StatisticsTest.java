package dev.rootcause.model.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The canary statistics against reference values. Provenance: scipy 1.17.1 on this machine, {@code
 * scipy.stats.binomtest(k, n).proportion_ci(method="wilson")}, {@code
 * scipy.stats.mannwhitneyu(candidate, baseline, method="asymptotic", use_continuity=True)}, {@code
 * scipy.stats.fisher_exact([[cf, cok], [bf, bok]])}, and the pooled z formula with {@code
 * scipy.stats.norm.sf}. Hodges-Lehmann values are enumerated by hand (all n1·n2 differences).
 */
class StatisticsTest {
  private static final double EPS = 1e-9;

  @Test
  void wilsonIntervalOfHalfFailingMatchesScipy() {
    Proportion p = Proportion.wilson(10, 20);
    assertThat(p.rate()).isEqualTo(0.5);
    assertThat(p.low()).isCloseTo(0.2992980081982124, within(EPS));
    assertThat(p.high()).isCloseTo(0.7007019918017876, within(EPS));
  }

  @Test
  void wilsonIntervalAtTheEdgesStaysInsideZeroOne() {
    Proportion all = Proportion.wilson(20, 20);
    assertThat(all.low()).isCloseTo(0.8388748419471808, within(EPS));
    assertThat(all.high()).isEqualTo(1.0);
    Proportion none = Proportion.wilson(0, 20);
    assertThat(none.low()).isEqualTo(0.0);
    assertThat(none.high()).isCloseTo(0.16112515805281935, within(EPS));
    Proportion rare = Proportion.wilson(1, 1000);
    assertThat(rare.low()).isCloseTo(0.00017654637062607809, within(EPS));
    assertThat(rare.high()).isCloseTo(0.0056425585979579355, within(EPS));
  }

  @Test
  void mannWhitneyWithTiesMatchesScipyAsymptotic() {
    long[] baseline = {12, 15, 11, 18, 14, 13, 16, 20, 12, 15};
    long[] candidate = {17, 19, 15, 22, 18, 21, 16, 23, 20, 19};
    MannWhitney mw = MannWhitney.test(baseline, candidate);
    assertThat(mw.u()).isEqualTo(87.5);
    assertThat(mw.pGreater()).isCloseTo(0.00250454421342896, within(1e-12));
    assertThat(mw.pTwoSided()).isCloseTo(0.00500908842685792, within(1e-12));
  }

  @Test
  void mannWhitneyWithoutTiesMatchesScipyAsymptotic() {
    MannWhitney mw =
        MannWhitney.test(new long[] {11, 23, 35, 42, 59}, new long[] {28, 44, 61, 73, 80, 95});
    assertThat(mw.u()).isEqualTo(26.0);
    assertThat(mw.pGreater()).isCloseTo(0.027617126859031914, within(1e-12));
    assertThat(mw.pTwoSided()).isCloseTo(0.05523425371806383, within(1e-12));
  }

  @Test
  void mannWhitneyOfIdenticalSamplesFindsNoDifference() {
    MannWhitney mw = MannWhitney.test(new long[] {5, 5, 5}, new long[] {5, 5, 5, 5});
    assertThat(mw.pTwoSided()).isEqualTo(1.0);
    assertThat(mw.pGreater()).isEqualTo(0.5);
  }

  @Test
  void hodgesLehmannIsTheMedianOfPairwiseDifferencesWithItsInterval() {
    long[] baseline = {12, 15, 11, 18, 14, 13, 16, 20, 12, 15};
    long[] candidate = {17, 19, 15, 22, 18, 21, 16, 23, 20, 19};
    ShiftEstimate s = ShiftEstimate.of(baseline, candidate, 0.95);
    // 100 differences, sorted; median (50th + 51st) / 2 = 4.5. k = floor(50 - 1.96 * sqrt(175)) =
    // 24,
    // so the interval is [D(24), D(77)] = [2, 7].
    assertThat(s.estimate()).isEqualTo(4.5);
    assertThat(s.low()).isEqualTo(2);
    assertThat(s.high()).isEqualTo(7);
    assertThat(s.bounded()).isTrue();
  }

  @Test
  void hodgesLehmannOrderStatisticsAgreeWithBruteForce() {
    java.util.Random r = new java.util.Random(7);
    long[] x = r.longs(37, 0, 500).toArray();
    long[] y = r.longs(53, 100, 700).toArray();
    List<Long> diffs = new ArrayList<>();
    for (long a : x) {
      for (long b : y) {
        diffs.add(b - a);
      }
    }
    diffs.sort(null);
    long[] xs = x.clone();
    long[] ys = y.clone();
    Arrays.sort(xs);
    Arrays.sort(ys);
    for (long k : new long[] {1, 2, 100, 980, 981, diffs.size() - 1, diffs.size()}) {
      assertThat(ShiftEstimate.kth(xs, ys, k)).as("k=%d", k).isEqualTo(diffs.get((int) k - 1));
    }
  }

  @Test
  void hodgesLehmannOfTinySamplesSaysTheIntervalIsUnbounded() {
    ShiftEstimate s = ShiftEstimate.of(new long[] {10, 20}, new long[] {30}, 0.95);
    assertThat(s.estimate()).isEqualTo(15.0);
    assertThat(s.bounded()).isFalse();
  }

  @Test
  void fisherExactMatchesScipyForSeed004AllFailing() {
    RateComparison c = RateComparison.compare(0, 20, 20, 20);
    // Every expected cell is 10, but two observed cells are 0: the z-test would be unreliable.
    assertThat(c.method()).isEqualTo(RateComparison.FISHER);
    assertThat(c.pGreater()).isCloseTo(7.254444551924844e-12, within(1e-20));
    assertThat(c.pTwoSided()).isCloseTo(1.4508889103849688e-11, within(1e-19));
  }

  @Test
  void fisherExactMatchesScipyForSmallDifferences() {
    RateComparison small = RateComparison.compare(1, 20, 3, 20);
    assertThat(small.method()).isEqualTo(RateComparison.FISHER);
    assertThat(small.pGreater()).isCloseTo(0.30249480249480254, within(1e-12));
    assertThat(small.pTwoSided()).isCloseTo(0.6049896049896051, within(1e-12));
    RateComparison half = RateComparison.fisher(2, 20, 10, 20);
    assertThat(half.pGreater()).isCloseTo(0.006907073925983827, within(1e-12));
    assertThat(half.pTwoSided()).isCloseTo(0.013814147851967652, within(1e-12));
  }

  @Test
  void twoProportionZTestMatchesTheFormulaWhenCountsAreLarge() {
    RateComparison c = RateComparison.compare(12, 200, 30, 200);
    assertThat(c.method()).isEqualTo(RateComparison.Z_TEST);
    assertThat(c.z()).isCloseTo(2.935866762516073, within(1e-12));
    assertThat(c.pGreater()).isCloseTo(0.0016630857655603373, within(1e-12));
    assertThat(c.pTwoSided()).isCloseTo(0.0033261715311206745, within(1e-12));
  }
}
