package dev.rootcause.rules.runtime;

import dev.rootcause.model.ClusterLocation;
import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.cluster.ClusterState;
import dev.rootcause.model.cluster.ContainerState;
import dev.rootcause.model.cluster.PodState;
import dev.rootcause.model.cluster.ServiceState;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import dev.rootcause.rules.SystemRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A Service with a selector and no ready endpoint, and why: its selector matches no pod (the labels
 * the pods carry are listed), or the pods it matches are not Ready (each with its status). A
 * Service reached from outside (LoadBalancer, NodePort) is the first hop of users: critical.
 */
@RuleSpec(
    id = "runtime/service-without-endpoints",
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Service has no ready endpoint",
    symptom =
        "connections to the Service are refused or time out: 503 from the ingress, connection"
            + " refused from callers",
    fix = "Make the selector match the labels of the pod template, and the pods it selects Ready.")
public final class ServiceWithoutEndpoints implements SystemRule {
  private static final int EXAMPLES = 3;

  @Override
  public void check(RuleContext ctx) {
    ClusterState cluster = Symptoms.cluster(ctx);
    if (cluster == null) {
      return;
    }
    for (ServiceState service : cluster.objects().services()) {
      if (service.selector().isEmpty()
          || "ExternalName".equals(service.type())
          || (service.endpointsRead() && service.readyAddresses() > 0)) {
        continue; // endpoints managed by hand, or the Endpoints say it is served
      }
      List<PodState> selected = cluster.selectedBy(service);
      if (selected.stream().anyMatch(PodState::runningAndReady)) {
        continue;
      }
      ClusterLocation where =
          new ClusterLocation(
              cluster.context(), service.namespace(), "Service", service.name(), ".spec.selector");
      String name =
          "Service " + service.name() + (service.exposed() ? " (" + service.type() + ")" : "");
      var f =
          selected.isEmpty()
              ? ctx.report(
                      where,
                      name
                          + " has no endpoints: its selector "
                          + selector(service)
                          + " matches no pod"
                          + carried(cluster, service))
                  .fix(
                      "Set the selector of Service "
                          + service.name()
                          + " to the labels of the pod"
                          + " template of the workload it fronts; if that workload creates no pod"
                          + " (a quota, an admission policy), fix that instead.")
              : ctx.report(
                      where,
                      name
                          + " has no endpoints: the "
                          + selected.size()
                          + " pod(s) its selector matches are not Ready: "
                          + why(selected))
                  .severity(service.exposed() ? Severity.HIGH : Severity.MEDIUM)
                  .symptom("connections to the Service fail until its pods are Ready")
                  .fix(
                      "Fix why the selected pods are not Ready: the finding on their workload when"
                          + " there is one (this one then follows from it), else their readiness"
                          + " probe, events and last log (kubectl describe pod, kubectl logs).");
      f.subject(Symptoms.subject(where));
      for (PodState p : selected.stream().limit(EXAMPLES).toList()) {
        f.related(p.location(), p.name() + " " + p.status() + (p.ready() ? "" : ", not Ready"));
      }
      if (service.exposed() && selected.isEmpty()) {
        f.severity(Severity.CRITICAL);
      }
    }
  }

  private static String selector(ServiceState service) {
    List<String> pairs = new ArrayList<>();
    new java.util.TreeMap<>(service.selector()).forEach((k, v) -> pairs.add(k + "=" + v));
    return String.join(",", pairs);
  }

  /** What the pods of the namespace carry under the selector's keys: where the typo shows. */
  private static String carried(ClusterState cluster, ServiceState service) {
    TreeSet<String> values = new TreeSet<>();
    for (PodState p : cluster.servingPods()) {
      if (!p.namespace().equals(service.namespace())) {
        continue;
      }
      for (Map.Entry<String, String> e : service.selector().entrySet()) {
        String v = p.labels().get(e.getKey());
        if (v != null) {
          values.add(e.getKey() + "=" + v);
        }
      }
    }
    if (values.isEmpty()) {
      return "";
    }
    List<String> shown = values.stream().limit(6).toList();
    return "; the pods carry "
        + String.join(", ", shown)
        + (values.size() > shown.size() ? ", ..." : "");
  }

  private static String why(List<PodState> pods) {
    List<String> out = new ArrayList<>();
    for (PodState p : pods.stream().limit(EXAMPLES).toList()) {
      String reason = p.status();
      for (ContainerState c : p.containers()) {
        if (!c.ready()) {
          reason =
              c.name()
                  + " "
                  + c.display()
                  + (c.state() == ContainerState.State.RUNNING ? ", not Ready" : "");
          break;
        }
      }
      out.add(p.name() + " (" + reason + ")");
    }
    return String.join(", ", out) + (pods.size() > EXAMPLES ? ", ..." : "");
  }
}
