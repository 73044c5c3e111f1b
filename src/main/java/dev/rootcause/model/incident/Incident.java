package dev.rootcause.model.incident;

import java.io.Serializable;
import java.util.List;

/**
 * One incident as the store holds it: its record, timeline (oldest first) and attached evidence.
 *
 * @param impactStart explicit start of user-facing impact (epoch seconds), or 0 when not given
 * @param impactEnd explicit end of user-facing impact (epoch seconds), or 0 when not given
 */
public record Incident(
    String id,
    String title,
    IncidentSeverity severity,
    Status status,
    List<String> services,
    long openedAt,
    long impactStart,
    long impactEnd,
    List<TimelineEntry> timeline,
    List<RootCause> rootCauses)
    implements Serializable {

  public Incident {
    services = List.copyOf(services);
    timeline = List.copyOf(timeline);
    rootCauses = List.copyOf(rootCauses);
  }

  /** When it was resolved (the last move to resolved), or 0 while open. */
  public long resolvedAt() {
    return status.open() ? 0 : firstStatus(Status.RESOLVED);
  }

  /** The first time the incident reached {@code status}, or 0 if it never did. */
  public long firstStatus(Status wanted) {
    for (TimelineEntry e : timeline) {
      if (e.kind() == TimelineEntry.Kind.STATUS && e.status() == wanted) {
        return e.at();
      }
    }
    return 0;
  }

  /** When users started to be hurt: the explicit impact start, else the moment it was opened. */
  public long impactFrom() {
    return impactStart > 0 ? impactStart : openedAt;
  }

  /** When users stopped being hurt: the explicit impact end, else resolution (0 while open). */
  public long impactTo() {
    return impactEnd > 0 ? impactEnd : resolvedAt();
  }

  /** User-facing downtime in seconds; 0 until the impact has an end. */
  public long downtimeSeconds() {
    long to = impactTo();
    return to == 0 ? 0 : Math.max(0, to - impactFrom());
  }

  public List<TimelineEntry> notes() {
    return timeline.stream().filter(e -> e.kind() == TimelineEntry.Kind.NOTE).toList();
  }
}
