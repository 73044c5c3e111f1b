package dev.rootcause.pipeline;

import dev.rootcause.model.incident.BurnAlert;
import dev.rootcause.model.incident.ProbeSample;
import dev.rootcause.model.incident.Slo;
import java.util.ArrayList;
import java.util.List;

/**
 * The SRE workbook's multi-window, multi-burn-rate alerts, replayed over recorded probes: at the
 * end of each recorded run, each window's burn rate is its bad-event share over the share the
 * objective allows; an alert fires when both its windows are over its factor.
 */
public final class BurnRates {
  /** Pages: 2% of a 30-day budget spent in one hour. */
  public static final Alert PAGE = new Alert("page", 3_600, 300, 14.4);

  /** Tickets: 5% of a 30-day budget spent in six hours. */
  public static final Alert TICKET = new Alert("ticket", 6 * 3_600, 30 * 60, 6);

  private BurnRates() {}

  /** One alert's rule: its two windows (seconds) and the burn rate both must exceed. */
  public record Alert(String name, long longWindow, long shortWindow, double factor) {}

  /** Both alerts over the samples (oldest first); none when nothing was recorded. */
  public static List<BurnAlert> replay(Slo slo, List<ProbeSample> samples) {
    if (samples.stream().mapToLong(ProbeSample::requests).sum() == 0) {
      return List.of();
    }
    return List.of(replay(PAGE, slo, samples), replay(TICKET, slo, samples));
  }

  /** The first moment the alert would have fired, or its peak long-window burn if it never did. */
  static BurnAlert replay(Alert alert, Slo slo, List<ProbeSample> samples) {
    double peakLong = 0;
    double peakShort = 0;
    for (ProbeSample s : samples) {
      long t = s.end();
      double longBurn = burn(slo, samples, t, alert.longWindow());
      double shortBurn = burn(slo, samples, t, alert.shortWindow());
      if (longBurn > alert.factor() && shortBurn > alert.factor()) {
        return new BurnAlert(
            alert.name(),
            alert.longWindow(),
            alert.shortWindow(),
            alert.factor(),
            t,
            longBurn,
            shortBurn);
      }
      if (longBurn > peakLong) {
        peakLong = longBurn;
        peakShort = shortBurn;
      }
    }
    return new BurnAlert(
        alert.name(),
        alert.longWindow(),
        alert.shortWindow(),
        alert.factor(),
        0,
        peakLong,
        peakShort);
  }

  /**
   * The burn rate of the window {@code (t - window, t]}: the bad share of the runs that ended in it
   * over the share the objective allows (1.0 spends the budget exactly over the SLO's window).
   */
  public static double burn(Slo slo, List<ProbeSample> samples, long t, long window) {
    long requests = 0;
    long bad = 0;
    for (ProbeSample s : samples) {
      if (s.end() > t - window && s.end() <= t) {
        requests += s.requests();
        bad += s.badFor(slo);
      }
    }
    double allowed = slo.allowedBadShare();
    if (requests == 0 || allowed <= 0) {
      return 0;
    }
    return (double) bad / requests / allowed;
  }

  /** Runs of the samples in the window: for a sentence, "{@code 12 runs, 240 requests}". */
  static List<ProbeSample> within(List<ProbeSample> samples, long from, long to) {
    List<ProbeSample> out = new ArrayList<>();
    for (ProbeSample s : samples) {
      if (s.end() >= from && s.end() <= to) {
        out.add(s);
      }
    }
    return out;
  }
}
