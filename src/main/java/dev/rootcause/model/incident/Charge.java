package dev.rootcause.model.incident;

import java.io.Serializable;

/**
 * What one resolved incident took from a service's error budget.
 *
 * @param share the fraction of the window's whole budget it used (0.3 for 6 of 20 minutes)
 * @param needsPostmortem more than 20% of the budget in one incident: the SRE workbook's policy
 * @param at when the charge was complete: the end of the incident's impact (epoch seconds)
 * @param measuredRequests requests probes measured during the impact (0: charged by time alone)
 * @param measuredBad of those, the bad ones: the charge is the impact's length times their share
 */
public record Charge(
    String incidentId,
    String title,
    long downtimeSeconds,
    double share,
    boolean needsPostmortem,
    long at,
    long measuredRequests,
    long measuredBad)
    implements Serializable {

  /** A charge of the whole impact window, with no probe measurement. */
  public Charge(
      String incidentId,
      String title,
      long downtimeSeconds,
      double share,
      boolean needsPostmortem) {
    this(incidentId, title, downtimeSeconds, share, needsPostmortem, 0, 0, 0);
  }

  /** True when probes measured the impact, so the charge is their bad-event share. */
  public boolean measured() {
    return measuredRequests > 0;
  }

  /** The SRE workbook's threshold: one incident using more than this share needs a postmortem. */
  public static final double POSTMORTEM_SHARE = 0.20;
}
