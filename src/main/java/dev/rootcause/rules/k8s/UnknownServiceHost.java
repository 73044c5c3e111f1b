package dev.rootcause.rules.k8s;

import dev.rootcause.model.ClusterDns;
import dev.rootcause.model.Confidence;
import dev.rootcause.model.FindingKind;
import dev.rootcause.model.HostUse;
import dev.rootcause.model.Severity;
import dev.rootcause.model.SystemModel;
import dev.rootcause.model.k8s.Service;
import dev.rootcause.model.k8s.ServicePort;
import dev.rootcause.model.k8s.Workload;
import dev.rootcause.rules.Names;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import dev.rootcause.rules.SystemRule;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Seed 002: order-service's DATABASE_URL pointed at {@code database:8080}; the Service was {@code
 * database-service}. Hosts come from env values (literal or from ConfigMaps), nginx configs and
 * code; only the host and port are ever printed, never the value (it may hold a password).
 */
@RuleSpec(
    id = "k8s/unknown-service-host",
    explains = {"runtime/dependency-unreachable", "runtime/crash-loop-back-off"},
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary =
        "Workload is configured to reach a host or port that no Service in its namespace"
            + " provides",
    symptom =
        "getaddrinfo ENOTFOUND or connection refused in the caller's logs; 502 from the"
            + " gateway in front of it",
    fix =
        "Point the URL at the name and port of an existing Service (or create the Service it"
            + " names).")
public final class UnknownServiceHost implements SystemRule {

  /** Kinds that never make a Service of their own name; any other kind (an operator's) may. */
  private static final Set<String> BUILT_IN_KINDS =
      Set.of(
          "Deployment",
          "StatefulSet",
          "DaemonSet",
          "ReplicaSet",
          "ReplicationController",
          "Job",
          "CronJob",
          "Pod",
          "ConfigMap",
          "Secret",
          "Ingress",
          "NetworkPolicy",
          "HorizontalPodAutoscaler",
          "ServiceAccount",
          "Role",
          "RoleBinding",
          "ClusterRole",
          "ClusterRoleBinding",
          "PersistentVolumeClaim",
          "PersistentVolume",
          "PodDisruptionBudget",
          "Namespace",
          "LimitRange",
          "ResourceQuota",
          "StorageClass",
          "Endpoints",
          "EndpointSlice",
          "Service");

  @Override
  public void check(RuleContext ctx) {
    SystemModel model = ctx.model();
    Set<String> seen = new HashSet<>();
    for (HostUse use : model.hostUses()) {
      String host = use.reference().host();
      if (!SystemModel.looksLikeClusterHost(host) || host.equals("kubernetes")) {
        continue;
      }
      Optional<ClusterDns.ServiceName> name = ClusterDns.serviceName(host, use.namespace());
      if (name.isEmpty()
          || !seen.add(
              use.reference().location() + " " + use.hostPort() + " " + name.get().namespace())) {
        continue;
      }
      List<Service> there = servicesThere(model, name.get(), use.namespace());
      if (there.isEmpty()) {
        continue; // the repository declares no Service there: unknown is not wrong
      }
      Optional<Service> service = model.serviceForHost(host, use.namespace());
      if (service.isPresent()) {
        checkPort(use, service.get(), model, ctx);
        continue;
      }
      // A workload does not mean its own Service when it names another: never suggest that one.
      Workload caller = use.workload();
      List<Service> others =
          caller == null
              ? there
              : there.stream()
                  .filter(s -> !s.routesToPods() || !s.selector().matches(caller.podLabels()))
                  .toList();
      missing(use, name.get(), others, model, ctx);
    }
  }

  /**
   * The Services that may answer in the namespace a host names. A Service declared without a
   * namespace lives wherever its manifests are applied: that is the caller's namespace, never one
   * the host names explicitly (a Helm chart's {@code db.data.svc.cluster.local} is another team's).
   */
  private static List<Service> servicesThere(
      SystemModel model, ClusterDns.ServiceName name, String callerNamespace) {
    List<Service> there = model.servicesIn(name.namespace());
    if (name.namespace() == null || name.namespace().equals(callerNamespace)) {
      return there;
    }
    return there.stream().filter(s -> name.namespace().equals(s.meta().namespace())).toList();
  }

  private static void missing(
      HostUse use,
      ClusterDns.ServiceName name,
      List<Service> there,
      SystemModel model,
      RuleContext ctx) {
    boolean operatorMade =
        model.objects().stream()
            .filter(o -> !BUILT_IN_KINDS.contains(o.kind()) && o.sameNamespace(name.namespace()))
            .anyMatch(o -> o.name().equals(name.service()));
    if (operatorMade) {
      return; // an operator's resource of that name usually brings its Service along
    }
    Integer port = use.reference().port();
    Optional<Service> closest =
        Names.closest(
            name.service(),
            there.stream().sorted(Comparator.comparing((Service s) -> !exposes(s, port))).toList(),
            Service::name);
    // No name is close, but one Service alone serves that port: postgres://db:5432 ->
    // orders-postgres.
    List<Service> onPort = there.stream().filter(s -> exposes(s, port)).toList();
    boolean byPort = closest.isEmpty() && onPort.size() == 1;
    if (byPort) {
      closest = Optional.of(onPort.get(0));
    }
    Optional<Workload> sameName =
        model.workloadsIn(name.namespace()).stream()
            .filter(w -> w.name().equals(name.service()))
            .findFirst();
    String ns = name.namespace() == null ? "the namespace" : "namespace " + name.namespace();
    StringBuilder message =
        new StringBuilder(
            who(use)
                + " points to "
                + use.hostPort()
                + ", but "
                + ns
                + " has no Service "
                + name.service());
    if (sameName.isPresent()) {
      message
          .append(" (")
          .append(sameName.get().meta().displayName())
          .append(" exists, but no Service of that name exposes it)");
    } else if (byPort) {
      message
          .append("; Service ")
          .append(closest.get().name())
          .append(" is the only one there on port ")
          .append(port);
    } else if (closest.isPresent()) {
      message
          .append("; Service ")
          .append(closest.get().name())
          .append(" (port ")
          .append(ports(closest.get()))
          .append(") is the closest name");
    } else {
      message.append(" (unless one is installed outside these manifests: Helm chart, operator)");
    }
    var finding = ctx.report(use.reference().location(), message.toString());
    evidence(finding, use);
    symptom(finding, use);
    if (sameName.isPresent()) {
      finding
          .related(sameName.get().meta().location(), sameName.get().meta().displayName())
          .fix(
              "Create a Service named "
                  + name.service()
                  + " selecting "
                  + sameName.get().meta().displayName()
                  + " pods.");
    } else if (closest.isPresent()) {
      Service s = closest.get();
      int to = exposes(s, port) ? port : s.ports().isEmpty() ? -1 : s.ports().get(0).port();
      finding
          .related(s.meta().location(), "Service " + s.name() + " listens on " + ports(s))
          .fix(
              "Point "
                  + use.reference().via()
                  + " at "
                  + s.name()
                  + (to < 0 ? "" : ":" + to)
                  + ".");
    } else {
      finding.severity(Severity.MEDIUM).confidence(Confidence.LIKELY);
    }
  }

  private static void checkPort(HostUse use, Service service, SystemModel model, RuleContext ctx) {
    Integer port = use.reference().port();
    if (port == null
        || service.ports().isEmpty()
        || "ExternalName".equals(service.type())
        || exposes(service, port)) {
      return;
    }
    Optional<ServicePort> byTarget =
        service.ports().stream()
            .filter(p -> !p.targetPort().isNamed() && p.targetPort().number().equals(port))
            .findFirst();
    if (service.headless() && (byTarget.isPresent() || podsListenOn(model, service, port))) {
      return; // a headless name resolves to the pods themselves: their ports are reachable
    }
    StringBuilder message =
        new StringBuilder(
            who(use)
                + " points to "
                + use.hostPort()
                + ", but Service "
                + service.name()
                + " listens on "
                + ports(service));
    byTarget.ifPresent(
        p ->
            message
                .append("; ")
                .append(port)
                .append(
                    " is its targetPort, the" + " pods' side: clients connect to the Service port ")
                .append(p.port()));
    var finding = ctx.report(use.reference().location(), message.toString());
    evidence(finding, use);
    finding.symptom(
        "connection refused or a timeout on "
            + use.hostPort()
            + ": the Service forwards only the ports it declares");
    service
        .ports()
        .forEach(
            p ->
                finding.related(
                    p.location(),
                    "Service "
                        + service.name()
                        + " port "
                        + p.port()
                        + " -> targetPort "
                        + p.targetPort()));
    Optional<ServicePort> only =
        byTarget.or(
            () ->
                service.ports().size() == 1
                    ? Optional.of(service.ports().get(0))
                    : Optional.empty());
    only.ifPresent(
        p ->
            finding.fix(
                "Point " + use.reference().via() + " at " + service.name() + ":" + p.port() + "."));
  }

  private static String who(HostUse use) {
    return use.reference().via()
        + (use.workload() == null ? "" : " of " + use.workload().meta().displayName());
  }

  private static void evidence(RuleContext.FindingBuilder finding, HostUse use) {
    finding.subject(
        use.workload() == null
            ? use.reference().location().path()
            : use.workload().meta().displayName()
                + (use.container() == null ? "" : " container " + use.container().name()));
    finding.confidence(use.confidence());
    use.trail().forEach(e -> finding.related(e.location(), e.note()));
  }

  private static void symptom(RuleContext.FindingBuilder finding, HostUse use) {
    if (use.reference().via().startsWith("nginx")) {
      finding.symptom(
          "nginx refuses to start (\"host not found in upstream\"): CrashLoopBackOff,"
              + " and every request through the gateway fails");
    } else {
      finding.symptom(
          "getaddrinfo ENOTFOUND "
              + use.reference().host()
              + " in the caller's logs; its requests fail, and the gateway in front answers 502");
    }
  }

  private static boolean exposes(Service s, Integer port) {
    return port != null && s.ports().stream().anyMatch(p -> p.port() == port);
  }

  private static boolean podsListenOn(SystemModel model, Service s, int port) {
    return model.workloadsSelectedBy(s).stream()
        .flatMap(w -> w.containers().stream())
        .flatMap(c -> c.ports().stream())
        .anyMatch(p -> p.number() == port);
  }

  private static String ports(Service s) {
    return s.ports().isEmpty()
        ? "no ports"
        : s.ports().stream().map(p -> String.valueOf(p.port())).collect(Collectors.joining(", "));
  }
}
