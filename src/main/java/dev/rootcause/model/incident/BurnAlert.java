package dev.rootcause.model.incident;

import java.io.Serializable;

/**
 * One multi-window burn-rate alert of the SRE workbook replayed over recorded probes: it fires when
 * both its long and its short window burn the budget faster than its factor.
 *
 * @param name "page" (1h/5m at 14.4x) or "ticket" (6h/30m at 6x)
 * @param firedAt the first moment both windows were over the factor, or 0 if it never fired
 * @param longBurn the long window's burn rate then (or at its peak, if it never fired)
 * @param shortBurn the short window's burn rate at that same moment
 */
public record BurnAlert(
    String name,
    long longWindowSeconds,
    long shortWindowSeconds,
    double factor,
    long firedAt,
    double longBurn,
    double shortBurn)
    implements Serializable {

  public boolean fired() {
    return firedAt > 0;
  }
}
