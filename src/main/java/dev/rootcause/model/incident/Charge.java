package dev.rootcause.model.incident;

import java.io.Serializable;

/**
 * What one resolved incident took from a service's error budget.
 *
 * @param share the fraction of the window's whole budget it used (0.3 for 6 of 20 minutes)
 * @param needsPostmortem more than 20% of the budget in one incident: the SRE workbook's policy
 */
public record Charge(
    String incidentId, String title, long downtimeSeconds, double share, boolean needsPostmortem)
    implements Serializable {

  /** The SRE workbook's threshold: one incident using more than this share needs a postmortem. */
  public static final double POSTMORTEM_SHARE = 0.20;
}
