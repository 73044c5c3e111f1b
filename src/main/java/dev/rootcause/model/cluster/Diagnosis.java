package dev.rootcause.model.cluster;

import dev.rootcause.model.ScanResult;
import java.io.Serializable;
import java.util.List;

/**
 * What {@code diagnose} reports: its findings as a scan's, and the summary of its first screen.
 *
 * @param events the events read, so a step after the diagnosis can date its symptoms (an incident's
 *     first CrashLoopBackOff)
 */
public record Diagnosis(ScanResult result, DiagnosisSummary summary, List<ClusterEvent> events)
    implements Serializable {

  public Diagnosis {
    events = List.copyOf(events);
  }

  /** A diagnosis with no events kept. */
  public Diagnosis(ScanResult result, DiagnosisSummary summary) {
    this(result, summary, List.of());
  }
}
