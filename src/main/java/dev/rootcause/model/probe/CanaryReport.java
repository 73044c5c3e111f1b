package dev.rootcause.model.probe;

import dev.rootcause.model.stats.MannWhitney;
import dev.rootcause.model.stats.RateComparison;
import dev.rootcause.model.stats.ShiftEstimate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Baseline against candidate under the same load at the same time, and the decision: ROLLBACK when
 * the candidate fails significantly more often (two-proportion z-test, or Fisher's exact test for
 * small counts), or is significantly slower (Mann-Whitney U) by more than the tolerated slowdown
 * (Hodges-Lehmann shift); PROMOTE otherwise.
 *
 * @param latency null when a side has no successful response to compare
 * @param shift null when a side has no successful response to compare
 * @param toleranceMicros the slowdown accepted before latency alone causes a rollback
 */
public record CanaryReport(
    EndpointResult baseline,
    EndpointResult candidate,
    RateComparison errors,
    MannWhitney latency,
    ShiftEstimate shift,
    double alpha,
    long toleranceMicros,
    Decision decision,
    List<String> reasons)
    implements java.io.Serializable {

  /** The verdict on the candidate. */
  public enum Decision {
    PROMOTE,
    ROLLBACK
  }

  public CanaryReport {
    reasons = List.copyOf(reasons);
  }

  /**
   * Decides.
   *
   * @param alpha significance level of each one-sided test (0.05)
   * @param maxSlowdownFraction slowdown tolerated as a fraction of the baseline median (0.10)
   * @param minSlowdownMicros slowdown always tolerated, however fast the baseline (1 ms)
   */
  public static CanaryReport decide(
      EndpointResult baseline,
      EndpointResult candidate,
      double alpha,
      double maxSlowdownFraction,
      long minSlowdownMicros) {
    List<String> reasons = new ArrayList<>();
    boolean rollback = false;
    long nb = baseline.requests();
    long nc = candidate.requests();
    if (nb == 0 || nc == 0) {
      reasons.add(
          (nc == 0 ? "the candidate" : "the baseline")
              + " completed no request: nothing to"
              + " compare");
      return new CanaryReport(
          baseline,
          candidate,
          null,
          null,
          null,
          alpha,
          minSlowdownMicros,
          Decision.ROLLBACK,
          reasons);
    }
    RateComparison errors = RateComparison.compare(baseline.failed(), nb, candidate.failed(), nc);
    String rates =
        Units.percent((double) candidate.failed() / nc)
            + " of candidate requests failed"
            + " vs "
            + Units.percent((double) baseline.failed() / nb)
            + " of baseline ("
            + errors.method()
            + ", one-sided p="
            + p(errors.pGreater())
            + ")";
    if (errors.pGreater() < alpha) {
      rollback = true;
      reasons.add("the candidate fails more often: " + rates);
    } else if (candidate.succeeded() == 0) {
      rollback = true;
      reasons.add(
          "the candidate never succeeded ("
              + candidate.failed()
              + " of "
              + nc
              + " failed); the baseline fails as much, so it is broken too");
    } else {
      reasons.add("error rates do not differ significantly: " + rates);
    }

    MannWhitney mw = null;
    ShiftEstimate shift = null;
    long baseMedian = baseline.latency().p50();
    long tolerance = Math.max(minSlowdownMicros, Math.round(baseMedian * maxSlowdownFraction));
    long[] b = baseline.successLatencies();
    long[] c = candidate.successLatencies();
    if (b.length > 0 && c.length > 0) {
      mw = MannWhitney.test(b, c);
      shift = ShiftEstimate.of(b, c, 0.95);
      String stats =
          "Hodges-Lehmann shift "
              + signed(shift.estimate())
              + " (95% CI "
              + signed(shift.low())
              + " to "
              + signed(shift.high())
              + "), Mann-Whitney U="
              + String.format(Locale.ROOT, "%.1f", mw.u())
              + ", z="
              + String.format(Locale.ROOT, "%.2f", mw.z())
              + ", one-sided p="
              + p(mw.pGreater());
      boolean significant = mw.pGreater() < alpha;
      boolean material = shift.estimate() > tolerance;
      if (significant && material) {
        rollback = true;
        reasons.add(
            "the candidate is slower by more than the tolerated "
                + Units.micros(tolerance)
                + ": "
                + stats);
      } else if (significant) {
        reasons.add(
            "the candidate is significantly but not materially slower (within "
                + Units.micros(tolerance)
                + "): "
                + stats);
      } else {
        reasons.add(
            "latency does not differ significantly (tolerance "
                + Units.micros(tolerance)
                + "): "
                + stats);
      }
    } else {
      reasons.add(
          "latency not compared: "
              + (c.length == 0 ? "the candidate" : "the baseline")
              + " had no successful response");
    }
    return new CanaryReport(
        baseline,
        candidate,
        errors,
        mw,
        shift,
        alpha,
        tolerance,
        rollback ? Decision.ROLLBACK : Decision.PROMOTE,
        reasons);
  }

  static String p(double p) {
    return p < 0.0001
        ? String.format(Locale.ROOT, "%.1e", p)
        : String.format(Locale.ROOT, "%.4f", p);
  }

  private static String signed(double micros) {
    return (micros >= 0 ? "+" : "-") + Units.micros(Math.abs(micros));
  }
}
