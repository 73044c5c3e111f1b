package dev.rootcause.model.incident;

import java.io.Serializable;
import java.util.List;

/**
 * A service's error budget over its window ending now: what was allowed, used and is left.
 *
 * @param burnRate budget spent in the last day over what a day may spend (1.0 lasts the window)
 * @param alerts the burn-rate alerts replayed over the probes recorded in the window; empty when
 *     none were recorded
 * @param measuredRequests requests the recorded probes sent in the window (0 when none)
 */
public record Budget(
    Slo slo,
    long consumedSeconds,
    double burnRate,
    List<Charge> charges,
    List<BurnAlert> alerts,
    long measuredRequests)
    implements Serializable {

  public Budget {
    charges = List.copyOf(charges);
    alerts = List.copyOf(alerts);
  }

  /** A budget charged from incidents alone, with no recorded probes. */
  public Budget(Slo slo, long consumedSeconds, double burnRate, List<Charge> charges) {
    this(slo, consumedSeconds, burnRate, charges, List.of(), 0);
  }

  public long remainingSeconds() {
    return slo.budgetSeconds() - consumedSeconds;
  }

  /** The fraction of the budget used; over 1.0 once breached. */
  public double used() {
    return slo.budgetSeconds() == 0 ? 1.0 : (double) consumedSeconds / slo.budgetSeconds();
  }

  public boolean breached() {
    return consumedSeconds > slo.budgetSeconds();
  }
}
