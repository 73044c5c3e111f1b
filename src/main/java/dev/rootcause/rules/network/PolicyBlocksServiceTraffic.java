package dev.rootcause.rules.network;

import dev.rootcause.model.ClusterDns;
import dev.rootcause.model.Confidence;
import dev.rootcause.model.FindingKind;
import dev.rootcause.model.HostUse;
import dev.rootcause.model.Location;
import dev.rootcause.model.Severity;
import dev.rootcause.model.SystemModel;
import dev.rootcause.model.k8s.Ingress;
import dev.rootcause.model.k8s.NetworkPolicy;
import dev.rootcause.model.k8s.Service;
import dev.rootcause.model.k8s.ServicePort;
import dev.rootcause.model.k8s.Workload;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import dev.rootcause.rules.ServiceRule;
import dev.rootcause.rules.network.Policies.End;
import dev.rootcause.rules.network.Policies.Kind;
import dev.rootcause.rules.network.Policies.PodPort;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Seed 001: the policy in front of the app admitted only {@code app: frontend}, a label no pod had.
 * Traffic the repository shows is judged: a workload that calls the Service by name (env, nginx
 * config), an Ingress backend, a LoadBalancer; in both directions a policy can cut it. When it
 * shows no client (or the clients' host names are wrong), policies that admit nothing at all to the
 * Service's port are reported: see {@link UnseenClients}.
 */
@RuleSpec(
    id = "network/policy-blocks-service-traffic",
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "NetworkPolicies drop traffic that a Service's clients send to it",
    symptom =
        "connections to the Service hang until timeout (policies drop packets, no RST); the"
            + " caller logs ETIMEDOUT, a gateway answers 504",
    fix =
        "Add a NetworkPolicy rule that admits the client's pods on the pods' target port (ingress"
            + " of the destination; egress of the client when that is restricted too).")
public final class PolicyBlocksServiceTraffic implements ServiceRule {

  @Override
  public void check(Service service, RuleContext ctx) {
    SystemModel model = ctx.model();
    List<Workload> targets =
        model.workloadsSelectedBy(service).stream().filter(w -> !w.runsToCompletion()).toList();
    if (targets.isEmpty()) {
      return;
    }
    Set<String> reported = new HashSet<>();
    boolean clientShown = "LoadBalancer".equals(service.type());
    for (HostUse use : model.hostUses()) {
      if (use.workload() == null || !calls(use, service)) {
        continue;
      }
      clientShown = true;
      List<ServicePort> ports =
          service.ports().stream()
              .filter(p -> use.reference().port() == null || p.port() == use.reference().port())
              .toList();
      for (Workload target : targets) {
        if (target.equals(use.workload())) {
          continue;
        }
        Client client =
            new Client(
                End.of(use.workload()),
                use.reference().location(),
                use.workload().meta().displayName()
                    + " calls Service "
                    + service.name()
                    + " ("
                    + use.reference().via()
                    + ")",
                use.confidence(),
                use);
        String key = use.workload().meta().location() + ">" + target.meta().location();
        if (!reported.contains(key + " in") && ingress(ctx, service, ports, target, client)) {
          reported.add(key + " in");
        }
        if (!reported.contains(key + " out") && egress(ctx, service, ports, target, client)) {
          reported.add(key + " out");
        }
      }
    }
    for (Ingress ingress : model.ingresses()) {
      for (Ingress.Backend b : ingress.backends()) {
        if (!service.name().equals(b.serviceName())
            || !ingress.meta().sameNamespace(service.meta())) {
          continue;
        }
        clientShown = true;
        List<ServicePort> ports =
            service.ports().stream()
                .filter(
                    p ->
                        b.port() == null
                            || (b.port().isNamed()
                                ? b.port().name().equals(p.name())
                                : b.port().number() == p.port()))
                .toList();
        Client client =
            new Client(
                new End(Kind.UNSEEN_POD, null),
                b.location(),
                "Ingress "
                    + ingress.meta().name()
                    + " routes "
                    + (b.path() == null ? "" : b.path() + " ")
                    + "to Service "
                    + service.name()
                    + " through the ingress controller's pods",
                Confidence.CERTAIN,
                null);
        targets.forEach(t -> ingress(ctx, service, ports, t, client));
      }
    }
    if ("LoadBalancer".equals(service.type())) {
      Client client =
          new Client(
              new End(Kind.OUTSIDE, null),
              service.meta().location(),
              "Service " + service.name() + " is a LoadBalancer for clients outside the cluster",
              Confidence.CERTAIN,
              null);
      targets.forEach(t -> ingress(ctx, service, service.ports(), t, client));
    }
    if (!clientShown) {
      targets.forEach(t -> UnseenClients.check(ctx, service, t));
    }
  }

  /** Who sends the traffic, where the repository shows it, and how sure that link is. */
  private record Client(
      End end, Location shownAt, String description, Confidence confidence, HostUse use) {}

  private static boolean calls(HostUse use, Service service) {
    return ClusterDns.serviceName(use.reference().host(), use.namespace())
        .filter(n -> n.service().equals(service.name()))
        .filter(n -> service.meta().sameNamespace(n.namespace()))
        .isPresent();
  }

  /** Reports when the target's ingress policies admit the client on none of the ports. */
  private static boolean ingress(
      RuleContext ctx, Service service, List<ServicePort> ports, Workload target, Client client) {
    List<NetworkPolicy> isolating = Policies.isolatingIngress(ctx.model(), target);
    Blocked blocked = blocked(ctx.model(), isolating, true, client.end(), ports, target);
    if (blocked == null) {
      return false;
    }
    String admitted =
        switch (client.end().kind()) {
          case WORKLOAD ->
              "pods "
                  + Policies.labels(client.end().workload().podLabels())
                  + namespaceNote(client.end().workload(), target)
                  + " on port "
                  + blocked.podPort();
          case UNSEEN_POD ->
              "a namespaceSelector or ipBlock on port "
                  + blocked.podPort()
                  + ", so the ingress controller's pods cannot reach them";
          case OUTSIDE ->
              "an ipBlock on port "
                  + blocked.podPort()
                  + ", so clients outside the cluster cannot reach them";
        };
    var finding =
        ctx.report(
            blocked.primary(),
            client.description()
                + " on port "
                + blocked.port().port()
                + ", but "
                + names(isolating, "isolates", "isolate")
                + " "
                + target.meta().displayName()
                + " for ingress and no rule admits "
                + admitted
                + blocked.detail());
    evidence(finding, client, service, target, isolating);
    finding.fix(ingressFix(isolating.get(0), blocked, client, target));
    return true;
  }

  /** Reports when the client's egress policies admit the target on none of the ports. */
  private static boolean egress(
      RuleContext ctx, Service service, List<ServicePort> ports, Workload target, Client client) {
    Workload from = client.end().workload();
    List<NetworkPolicy> isolating = Policies.isolatingEgress(ctx.model(), from);
    Blocked blocked = blocked(ctx.model(), isolating, false, End.of(target), ports, target);
    if (blocked == null) {
      return false;
    }
    var finding =
        ctx.report(
            blocked.primary(),
            client.description()
                + " on port "
                + blocked.port().port()
                + ", but "
                + names(isolating, "restricts", "restrict")
                + " its egress and no rule"
                + " admits "
                + target.meta().displayName()
                + " pods ("
                + Policies.labels(target.podLabels())
                + ") on port "
                + blocked.podPort()
                + blocked.detail());
    evidence(finding, client, service, target, isolating);
    finding.fix(
        "Add an egress rule to "
            + Policies.name(isolating.get(0))
            + ": to podSelector "
            + oneLabel(target.podLabels())
            + namespaceFix(target, isolating.get(0))
            + ", port "
            + blocked.podPort().number()
            + ".");
    return true;
  }

  /**
   * Why the traffic is dropped on the first port: the rule it nearly matches and how it misses.
   * {@code primary} is where the fix goes. Null when some rule may admit it on some port.
   */
  private record Blocked(
      ServicePort port,
      PodPort podPort,
      Location primary,
      String detail,
      NetworkPolicy.Rule near,
      boolean peersMiss) {}

  private static Blocked blocked(
      SystemModel model,
      List<NetworkPolicy> isolating,
      boolean ingress,
      End other,
      List<ServicePort> ports,
      Workload dest) {
    if (isolating.isEmpty() || ports.isEmpty()) {
      return null;
    }
    Blocked first = null;
    for (ServicePort port : ports) {
      Optional<PodPort> podPort = Policies.podPort(port, dest);
      if (podPort.isEmpty()) {
        return null; // the targetPort does not resolve: another rule's finding, not ours
      }
      for (NetworkPolicy p : isolating) {
        for (NetworkPolicy.Rule r : ingress ? p.ingress() : p.egress()) {
          if (Policies.mayAdmit(model, p, r, other, podPort.get(), dest)) {
            return null;
          }
        }
      }
      if (first == null) {
        first = explain(model, isolating, ingress, other, port, podPort.get(), dest);
      }
    }
    return first;
  }

  private static Blocked explain(
      SystemModel model,
      List<NetworkPolicy> isolating,
      boolean ingress,
      End other,
      ServicePort port,
      PodPort podPort,
      Workload dest) {
    String field = ingress ? "from" : "to";
    for (NetworkPolicy p : isolating) {
      for (NetworkPolicy.Rule r : ingress ? p.ingress() : p.egress()) {
        if (Policies.portMayMatch(r, podPort, dest)) {
          String peers =
              r.peers().stream()
                  .map(PolicyBlocksServiceTraffic::describe)
                  .collect(Collectors.joining("; "));
          Location at =
              r.peers().stream()
                  .filter(x -> x.podSelector() != null)
                  .map(x -> (Location) x.podSelector().location())
                  .findFirst()
                  .orElse(r.location());
          return new Blocked(
              port,
              podPort,
              at,
              "; the rule for that port admits only " + field + " " + peers,
              r,
              true);
        }
      }
    }
    for (NetworkPolicy p : isolating) {
      for (NetworkPolicy.Rule r : ingress ? p.ingress() : p.egress()) {
        if (Policies.peersMayMatch(model, p, r, other)) {
          return new Blocked(
              port,
              podPort,
              r.location(),
              "; the rule that admits them allows only" + ports(r),
              r,
              false);
        }
      }
    }
    List<NetworkPolicy.Rule> rules =
        isolating.stream().flatMap(p -> (ingress ? p.ingress() : p.egress()).stream()).toList();
    String detail =
        rules.isEmpty()
            ? "; "
                + (isolating.size() == 1 ? "it has" : "they have")
                + " no "
                + (ingress ? "ingress" : "egress")
                + " rules (deny all)"
            : "; the rules admit only "
                + rules.stream()
                    .map(
                        r ->
                            field
                                + " "
                                + r.peers().stream()
                                    .map(PolicyBlocksServiceTraffic::describe)
                                    .collect(Collectors.joining(", "))
                                + " on"
                                + ports(r))
                    .collect(Collectors.joining("; "));
    return new Blocked(
        port, podPort, isolating.get(0).podSelector().location(), detail, null, false);
  }

  private static String ports(NetworkPolicy.Rule r) {
    List<String> ports = r.ports().stream().map(String::valueOf).distinct().toList();
    return ports.isEmpty()
        ? " any port"
        : (ports.size() == 1 ? " port " : " ports ") + String.join(", ", ports);
  }

  private static String describe(NetworkPolicy.Peer peer) {
    if (peer.ipBlock() != null) {
      return "ipBlock " + peer.ipBlock();
    }
    String pods =
        peer.podSelector() == null
            ? ""
            : "podSelector "
                + (peer.podSelector().isEmpty() ? "{}" : peer.podSelector().toString());
    if (peer.namespaceSelector() == null) {
      return pods;
    }
    String ns =
        "namespaceSelector "
            + (peer.namespaceSelector().isEmpty() ? "{}" : peer.namespaceSelector().toString());
    return pods.isEmpty() ? ns : ns + " and " + pods;
  }

  private static String ingressFix(
      NetworkPolicy policy, Blocked blocked, Client client, Workload target) {
    int port = blocked.podPort().number();
    return switch (client.end().kind()) {
      case OUTSIDE ->
          "Add an ingress rule to "
              + Policies.name(policy)
              + " that admits ipBlock"
              + " 0.0.0.0/0 (or the load balancer's ranges) on port "
              + port
              + ".";
      case UNSEEN_POD ->
          "Add an ingress rule to "
              + Policies.name(policy)
              + " that admits the"
              + " ingress controller's namespace (namespaceSelector kubernetes.io/metadata.name:"
              + " <its namespace>) on port "
              + port
              + ".";
      case WORKLOAD -> {
        Workload from = client.end().workload();
        if (blocked.near() != null && blocked.peersMiss()) {
          yield "Change the rule's "
              + "from.podSelector to "
              + oneLabel(from.podLabels())
              + namespaceFix(from, policy)
              + " (the labels of "
              + from.meta().displayName()
              + "), or add that peer beside it.";
        }
        if (blocked.near() != null) {
          yield "Add port "
              + port
              + " to the ports of the rule that admits "
              + from.meta().displayName()
              + ".";
        }
        yield "Add an ingress rule to "
            + Policies.name(policy)
            + ": from podSelector "
            + oneLabel(from.podLabels())
            + namespaceFix(from, policy)
            + ", port "
            + port
            + ".";
      }
    };
  }

  private static void evidence(
      RuleContext.FindingBuilder finding,
      Client client,
      Service service,
      Workload target,
      List<NetworkPolicy> isolating) {
    finding.confidence(client.confidence());
    finding.related(client.shownAt(), client.description());
    if (client.use() != null) {
      client.use().trail().forEach(e -> finding.related(e.location(), e.note()));
    }
    if (!service.meta().location().equals(client.shownAt())) {
      finding.related(
          service.meta().location(),
          "Service " + service.name() + " routes to " + target.meta().displayName());
    }
    finding.related(
        target.podLabelsLocation(),
        target.meta().displayName() + " pods are labelled " + Policies.labels(target.podLabels()));
    isolating.forEach(
        p ->
            finding.related(
                p.meta().location(),
                Policies.name(p)
                    + " selects these pods ("
                    + Policies.selector(p.podSelector())
                    + ")"));
  }

  /** {@code NetworkPolicy a isolates} or {@code NetworkPolicies a, b isolate}. */
  private static String names(List<NetworkPolicy> policies, String singular, String plural) {
    String list = policies.stream().map(p -> p.meta().name()).collect(Collectors.joining(", "));
    return policies.size() == 1
        ? "NetworkPolicy " + list + " " + singular
        : "NetworkPolicies " + list + " " + plural;
  }

  /** One label that identifies the pods, preferring the usual app keys. */
  private static String oneLabel(Map<String, String> labels) {
    for (String key : List.of("app", "app.kubernetes.io/name", "k8s-app", "name")) {
      if (labels.containsKey(key)) {
        return key + ": " + labels.get(key);
      }
    }
    return new TreeMap<>(labels)
        .entrySet().stream().findFirst().map(e -> e.getKey() + ": " + e.getValue()).orElse("{}");
  }

  private static String namespaceNote(Workload client, Workload target) {
    String ns = client.meta().namespace();
    return ns == null || ns.equals(target.meta().namespace()) ? "" : " of namespace " + ns;
  }

  private static String namespaceFix(Workload pods, NetworkPolicy policy) {
    String ns = pods.meta().namespace();
    return ns == null || ns.equals(policy.meta().namespace())
        ? ""
        : " with namespaceSelector kubernetes.io/metadata.name: " + ns;
  }
}
