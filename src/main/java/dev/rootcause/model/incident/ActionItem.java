package dev.rootcause.model.incident;

import java.io.Serializable;

/**
 * One follow-up of a postmortem, in the SRE workbook's three kinds, with the evidence it came from.
 *
 * @param source what it was derived from: a rule id, "budget", "timeline"
 */
public record ActionItem(Kind kind, String text, String source) implements Serializable {

  /** Prevent it recurring, detect it sooner, or limit the damage next time. */
  public enum Kind {
    PREVENT,
    DETECT,
    MITIGATE
  }
}
