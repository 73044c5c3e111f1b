package dev.rootcause.rules.network;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.HostUse;
import dev.rootcause.model.Location;
import dev.rootcause.model.Severity;
import dev.rootcause.model.SystemModel;
import dev.rootcause.model.k8s.LabelSelector;
import dev.rootcause.model.k8s.NetworkPolicy;
import dev.rootcause.model.k8s.PortRef;
import dev.rootcause.model.k8s.Workload;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import dev.rootcause.rules.WorkloadRule;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The classic egress lock-out: a pod whose egress is restricted must be allowed to reach the
 * cluster DNS (port 53 in kube-system), or every name it calls fails to resolve.
 */
@RuleSpec(
    id = "network/egress-blocks-dns",
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "NetworkPolicy restricts a workload's egress without allowing DNS",
    symptom =
        "every call by name fails after the resolver's timeout: getaddrinfo EAI_AGAIN,"
            + " \"temporary failure in name resolution\", although the destination is up",
    fix =
        "Add an egress rule to namespaceSelector kubernetes.io/metadata.name: kube-system,"
            + " podSelector k8s-app: kube-dns, on port 53 over UDP and TCP.")
public final class EgressBlocksDns implements WorkloadRule {

  private static final Set<String> DNS_PORT_NAMES = Set.of("dns", "dns-tcp", "domain");
  private static final String DNS_NAMESPACE = "kube-system";

  @Override
  public void check(Workload workload, RuleContext ctx) {
    SystemModel model = ctx.model();
    List<NetworkPolicy> isolating = Policies.isolatingEgress(model, workload);
    if (isolating.isEmpty()) {
      return;
    }
    for (NetworkPolicy p : isolating) {
      for (NetworkPolicy.Rule r : p.egress()) {
        if (allowsDns(model, p, r)) {
          return;
        }
      }
    }
    Optional<HostUse> byName =
        model.hostUses().stream()
            .filter(u -> workload.equals(u.workload()))
            .filter(u -> u.reference().isName())
            .findFirst();
    boolean reachesPods =
        isolating.stream()
            .flatMap(p -> p.egress().stream())
            .flatMap(r -> r.peers().stream())
            .anyMatch(peer -> peer.podSelector() != null || peer.namespaceSelector() != null);
    if (byName.isEmpty() && !reachesPods) {
      return; // no sign that this workload looks names up
    }
    NetworkPolicy first = isolating.get(0);
    Optional<NetworkPolicy.Rule> localDns =
        first.egress().stream()
            .filter(r -> r.ports().stream().anyMatch(EgressBlocksDns::isDnsPort))
            .findFirst();
    Location at =
        localDns
            .map(NetworkPolicy.Rule::location)
            .or(() -> first.egress().stream().findFirst().map(NetworkPolicy.Rule::location))
            .orElse(first.podSelector().location());
    String why =
        localDns
            .map(
                r ->
                    r.peers().stream().allMatch(x -> x.namespaceSelector() == null)
                        ? "its rule for port 53 selects pods in "
                            + namespaceOf(first)
                            + ", not the cluster DNS in kube-system (a podSelector without"
                            + " namespaceSelector stays in the policy's namespace)"
                        : "its rule for port 53 reaches no pod in kube-system, where the cluster"
                            + " DNS runs")
            .orElse("no egress rule allows port 53 to kube-system");
    String calls =
        byName
            .map(
                u -> ": lookups of " + u.reference().host() + " (" + u.reference().via() + ") fail")
            .orElse(": every name lookup fails");
    var finding =
        ctx.report(
            at,
            Policies.name(first)
                + " restricts the egress of "
                + workload.meta().displayName()
                + " and "
                + why
                + calls);
    isolating.forEach(
        p ->
            finding.related(
                p.meta().location(),
                Policies.name(p)
                    + " restricts egress of pods "
                    + Policies.selector(p.podSelector())));
    byName.ifPresent(
        u ->
            finding.related(
                u.reference().location(),
                workload.meta().displayName()
                    + " calls "
                    + u.hostPort()
                    + " ("
                    + u.reference().via()
                    + ")"));
    finding.fix(
        "Add an egress rule to "
            + Policies.name(first)
            + ": to namespaceSelector kubernetes.io/metadata.name: kube-system with podSelector"
            + " k8s-app: kube-dns, ports 53 UDP and 53 TCP.");
  }

  /** Whether a rule may let DNS queries through to the cluster DNS pods in kube-system. */
  private static boolean allowsDns(SystemModel model, NetworkPolicy policy, NetworkPolicy.Rule r) {
    boolean port = r.ports().isEmpty() || r.ports().stream().anyMatch(EgressBlocksDns::isDnsPort);
    if (!port) {
      return false;
    }
    if (r.peers().isEmpty()) {
      return true;
    }
    for (NetworkPolicy.Peer peer : r.peers()) {
      if (peer.ipBlock() != null
          || peer.podSelector() == null && peer.namespaceSelector() == null) {
        return true; // a node-local cache or the DNS service range may sit in it
      }
      LabelSelector ns = peer.namespaceSelector();
      if (ns == null
          ? DNS_NAMESPACE.equals(policy.meta().namespace())
          : Policies.namespaceMayMatch(model, ns, DNS_NAMESPACE)) {
        return true; // the DNS pods' own labels differ by distribution: any selector may match
      }
    }
    return false;
  }

  private static boolean isDnsPort(PortRef p) {
    return p.isNamed() ? DNS_PORT_NAMES.contains(p.name()) : p.number() == 53;
  }

  private static String namespaceOf(NetworkPolicy p) {
    return p.meta().namespace() == null ? "its own namespace" : "namespace " + p.meta().namespace();
  }
}
