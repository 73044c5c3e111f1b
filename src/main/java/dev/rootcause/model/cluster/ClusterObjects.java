package dev.rootcause.model.cluster;

import java.io.Serializable;
import java.util.List;

/**
 * Everything a diagnosis reads beside the pods' status: their specs and owners, the events
 * aggregated per object and reason, the Services with their Endpoints, and notes on what could not
 * be read (a forbidden kind), so "no finding" is only said of what was read.
 */
public record ClusterObjects(
    List<PodDetail> pods,
    List<ClusterEvent> events,
    List<ServiceState> services,
    List<String> notes)
    implements Serializable {
  public static final ClusterObjects NONE =
      new ClusterObjects(List.of(), List.of(), List.of(), List.of());

  public ClusterObjects {
    pods = List.copyOf(pods);
    events = List.copyOf(events);
    services = List.copyOf(services);
    notes = List.copyOf(notes);
  }
}
