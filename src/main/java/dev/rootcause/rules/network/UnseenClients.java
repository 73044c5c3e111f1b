package dev.rootcause.rules.network;

import dev.rootcause.model.k8s.NetworkPolicy;
import dev.rootcause.model.k8s.PortRef;
import dev.rootcause.model.k8s.Service;
import dev.rootcause.model.k8s.ServicePort;
import dev.rootcause.model.k8s.Workload;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.network.Policies.PodPort;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The Service's clients are not in the repository (or call it by a wrong name), yet the policies
 * isolating its pods admit nobody on the Service's target port: a default-deny with no allow policy
 * beside it, or allow rules for other ports only. Whoever the clients are, they time out. Rules
 * whose peers select no pod are left to {@code network/policy-selects-nothing}.
 */
final class UnseenClients {
  private UnseenClients() {}

  static void check(RuleContext ctx, Service service, Workload target) {
    List<NetworkPolicy> isolating = Policies.isolatingIngress(ctx.model(), target);
    if (isolating.isEmpty()) {
      return;
    }
    for (ServicePort port : service.ports()) {
      Optional<PodPort> podPort = Policies.podPort(port, target);
      if (podPort.isEmpty()) {
        continue; // an unresolved targetPort is another rule's finding
      }
      boolean admitted =
          isolating.stream()
              .flatMap(p -> p.ingress().stream())
              .anyMatch(r -> Policies.portMayMatch(r, podPort.get(), target));
      if (admitted) {
        continue;
      }
      List<NetworkPolicy.Rule> rules =
          isolating.stream().flatMap(p -> p.ingress().stream()).toList();
      String why =
          rules.isEmpty()
              ? (isolating.size() == 1 ? "it has" : "they have") + " no ingress rules (deny all)"
              : (isolating.size() == 1 ? "its" : "their")
                  + " rules admit only "
                  + rules.stream()
                      .flatMap(r -> r.ports().stream())
                      .map(PortRef::toString)
                      .distinct()
                      .collect(Collectors.joining(", ", "port ", ""));
      NetworkPolicy first = isolating.get(0);
      var finding =
          ctx.report(
              first.podSelector().location(),
              "Service "
                  + service.name()
                  + " routes port "
                  + port.port()
                  + " to "
                  + target.meta().displayName()
                  + " on port "
                  + podPort.get()
                  + ", but "
                  + isolating.stream().map(Policies::name).collect(Collectors.joining(", "))
                  + (isolating.size() == 1 ? " isolates" : " isolate")
                  + " its pods for ingress and "
                  + why
                  + ": no client can reach the Service");
      finding.related(service.meta().location(), "Service " + service.name());
      isolating.forEach(
          p ->
              finding.related(
                  p.meta().location(),
                  Policies.name(p) + " selects pods " + Policies.selector(p.podSelector())));
      finding.fix(
          "Add a NetworkPolicy beside "
              + Policies.name(first)
              + " that admits the Service's clients to pods "
              + Policies.labels(target.podLabels())
              + " on port "
              + podPort.get().number()
              + " (ingress from their podSelector or namespaceSelector).");
      return;
    }
  }
}
