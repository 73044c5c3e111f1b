package dev.rootcause.model.cluster;

import java.io.Serializable;
import java.util.List;

/**
 * Everything a diagnosis reads beside the pods' status: their specs and owners, the events
 * aggregated per object and reason, the Services with their Endpoints, the controllers with their
 * conditions, the nodes, claims, autoscalers, quotas and network policies, notes on what could not
 * be read (a forbidden kind), and the files of a dump read only in part, so "no finding" is only
 * said of what was read.
 */
public record ClusterObjects(
    List<PodDetail> pods,
    List<ClusterEvent> events,
    List<ServiceState> services,
    List<String> notes,
    List<WorkloadStatus> workloads,
    List<NodeState> nodes,
    List<ClaimState> claims,
    List<AutoscalerState> autoscalers,
    List<QuotaState> quotas,
    List<PolicyState> policies,
    List<DumpDamage> damaged)
    implements Serializable {
  public static final ClusterObjects NONE =
      new ClusterObjects(List.of(), List.of(), List.of(), List.of());

  public ClusterObjects {
    pods = List.copyOf(pods);
    events = List.copyOf(events);
    services = List.copyOf(services);
    notes = List.copyOf(notes);
    workloads = List.copyOf(workloads);
    nodes = List.copyOf(nodes);
    claims = List.copyOf(claims);
    autoscalers = List.copyOf(autoscalers);
    quotas = List.copyOf(quotas);
    policies = List.copyOf(policies);
    damaged = List.copyOf(damaged);
  }

  /** Pods, events and Services alone, as the first diagnoses read them. */
  public ClusterObjects(
      List<PodDetail> pods,
      List<ClusterEvent> events,
      List<ServiceState> services,
      List<String> notes) {
    this(
        pods, events, services, notes, List.of(), List.of(), List.of(), List.of(), List.of(),
        List.of(), List.of());
  }
}
