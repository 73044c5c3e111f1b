package dev.rootcause.model.incident;

import java.io.Serializable;

/**
 * A service's objective as an error budget: the share of events allowed to be bad, and the downtime
 * that share allows over a rolling window.
 *
 * @param objective how it was stated, for people: "99.9% over 30d", "20m downtime over 1y", "p95 <
 *     2s over 30d"
 * @param target the share of good events (0.999; 0.95 for p95 under the latency)
 * @param latencyMicros for a latency objective, the threshold a good response is under; else 0
 */
public record Slo(
    String service,
    long windowSeconds,
    long budgetSeconds,
    String objective,
    Kind kind,
    double target,
    long latencyMicros)
    implements Serializable {

  /** What a bad event is: a failed request (or downtime), or a response slower than the bound. */
  public enum Kind {
    AVAILABILITY,
    LATENCY
  }

  /** An availability objective (or an SLA's allowed downtime) over its window. */
  public Slo(String service, long windowSeconds, long budgetSeconds, String objective) {
    this(
        service,
        windowSeconds,
        budgetSeconds,
        objective,
        Kind.AVAILABILITY,
        1.0 - (double) budgetSeconds / windowSeconds,
        0);
  }

  /** The share of events that may be bad: the budget as a ratio (0.001 for 99.9%). */
  public double allowedBadShare() {
    return 1.0 - target;
  }
}
