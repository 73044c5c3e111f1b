package dev.rootcause.model.incident;

import java.io.Serializable;
import java.time.Instant;

/**
 * One line of an incident's timeline: when (epoch seconds), what kind of event, and its text.
 *
 * @param status for a {@link Kind#STATUS} entry the status it moved to, otherwise null
 */
public record TimelineEntry(long at, Kind kind, Status status, String text)
    implements Serializable {

  /** What happened at that moment. */
  public enum Kind {
    OPENED,
    NOTE,
    STATUS,
    EVIDENCE,
    LESSON
  }

  public Instant instant() {
    return Instant.ofEpochSecond(at);
  }
}
