package dev.rootcause.model.incident;

import java.io.Serializable;

/**
 * One follow-up of a postmortem, in the SRE workbook's three kinds, with its priority and the
 * evidence it came from.
 *
 * @param source what it was derived from: a rule id, "budget", "timeline"
 */
public record ActionItem(Kind kind, String text, String source, Priority priority)
    implements Serializable {

  /** An item of the default priority, P1. */
  public ActionItem(Kind kind, String text, String source) {
    this(kind, text, source, Priority.P1);
  }

  /** Prevent it recurring, detect it sooner, or limit the damage next time. */
  public enum Kind {
    PREVENT,
    DETECT,
    MITIGATE
  }

  /**
   * P0: the system is still exposed (an unverified fix of a critical or high cause, a spent
   * budget); P1: keep it from recurring (CI gates, smoke tests, rollback, detection gaps); P2:
   * sooner warning next time.
   */
  public enum Priority {
    P0,
    P1,
    P2
  }
}
