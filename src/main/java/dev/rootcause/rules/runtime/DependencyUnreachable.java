package dev.rootcause.rules.runtime;

import dev.rootcause.model.ClusterLocation;
import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.cluster.ClusterState;
import dev.rootcause.model.cluster.ContainerLog;
import dev.rootcause.model.cluster.ContainerState;
import dev.rootcause.model.cluster.LogCause;
import dev.rootcause.model.cluster.LogLine;
import dev.rootcause.model.cluster.PodGroup;
import dev.rootcause.model.cluster.PodState;
import dev.rootcause.model.cluster.PolicyState;
import dev.rootcause.model.cluster.ServiceAddresses;
import dev.rootcause.model.cluster.ServiceRef;
import dev.rootcause.model.cluster.ServiceState;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import dev.rootcause.rules.SystemRule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A running service whose log says it cannot reach a host (not resolved, refused, timed out), told
 * against the cluster: the host names no Service that exists (the Services there are listed), a
 * Service with no ready endpoint, or one whose pods a NetworkPolicy isolates from the caller. An IP
 * counts as the Service whose ClusterIP it is, or whose selected pod has it. A host outside the
 * cluster, an IP no Service owns, or a Service that exists and serves is not judged. A container in
 * a crash loop is the crash loop's finding.
 */
@RuleSpec(
    id = "runtime/dependency-unreachable",
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Service calls a host that is no reachable Service in the cluster",
    symptom =
        "requests that need the dependency fail (500s, timeouts) while the pod stays Running and"
            + " Ready",
    fix =
        "Point the caller at the Service's real name (its env or config), and let the NetworkPolicy"
            + " of the callee admit the caller.")
public final class DependencyUnreachable implements SystemRule {
  private static final Set<LogCause.Kind> CONNECTION =
      Set.of(
          LogCause.Kind.HOST_NOT_FOUND,
          LogCause.Kind.CONNECTION_REFUSED,
          LogCause.Kind.CONNECTION_TIMEOUT);

  @Override
  public void check(RuleContext ctx) {
    ClusterState cluster = Symptoms.cluster(ctx);
    if (cluster == null || cluster.objects().services().isEmpty()) {
      return;
    }
    Set<String> namespaces = new HashSet<>();
    cluster.objects().services().forEach(s -> namespaces.add(s.namespace()));
    ServiceAddresses addresses = new ServiceAddresses(cluster);
    for (PodGroup group : cluster.podGroups()) {
      Map<String, Failed> byHost = new LinkedHashMap<>();
      for (PodState pod : group.pods()) {
        for (ContainerState c : pod.containers()) {
          if ("CrashLoopBackOff".equals(c.reason())) {
            continue;
          }
          ContainerLog log = cluster.log(pod, c.name());
          if (log == null) {
            continue;
          }
          for (LogLine line : log.lines()) {
            LogCause cause = line.cause();
            if (cause == null || !CONNECTION.contains(cause.kind())) {
              continue;
            }
            ServiceAddresses.Target target = addresses.of(cause.subject(), pod.namespace());
            if (target == null || !namespaces.contains(target.ref().namespace())) {
              continue;
            }
            ServiceRef ref = target.ref();
            Failed before = byHost.get(ref.toString());
            byHost.put(
                ref.toString(),
                before == null
                    ? new Failed(ref, target.via(), cause, pod, c.name(), line, 1)
                    : new Failed(
                        ref,
                        before.via(),
                        before.cause(),
                        before.pod(),
                        before.container(),
                        before.first(),
                        before.lines() + 1));
          }
        }
      }
      for (Failed failed : byHost.values()) {
        judge(ctx, cluster, group, failed);
      }
    }
  }

  /** The lines of one caller that fail to reach one Service, the first of them quoted. */
  private record Failed(
      ServiceRef ref,
      String via,
      LogCause cause,
      PodState pod,
      String container,
      LogLine first,
      int lines) {}

  private static void judge(RuleContext ctx, ClusterState cluster, PodGroup group, Failed f) {
    ServiceState service =
        cluster.objects().services().stream()
            .filter(
                s -> s.namespace().equals(f.ref().namespace()) && s.name().equals(f.ref().name()))
            .findFirst()
            .orElse(null);
    String why;
    Severity severity = Severity.HIGH;
    String fix;
    if (service == null) {
      why =
          "no Service "
              + f.ref().name()
              + " exists in "
              + f.ref().namespace()
              + others(cluster, f.ref());
      String closest = closest(cluster, f.ref());
      fix =
          "Point container "
              + f.container()
              + " of "
              + group.owner().name()
              + (closest == null
                  ? " at a Service that exists"
                  : " at Service " + closest + ", the one that exists,")
              + " where its env or config names "
              + f.cause().subject()
              + "; or create Service "
              + f.ref().name()
              + ".";
    } else {
      List<PodState> behind = cluster.selectedBy(service);
      boolean ready =
          (service.endpointsRead() && service.readyAddresses() > 0)
              || behind.stream().anyMatch(PodState::runningAndReady);
      if (!ready && !service.selector().isEmpty()) {
        why = "Service " + service.name() + " has no ready endpoint";
        severity = Severity.MEDIUM;
        fix = "Make the pods of Service " + service.name() + " Ready (the finding on the Service).";
      } else {
        PolicyState isolating = isolating(cluster, f.pod(), behind);
        if (isolating == null) {
          return; // it exists and serves: a blip, or a cause this cannot see
        }
        why =
            "NetworkPolicy "
                + isolating.name()
                + " isolates the pods of Service "
                + service.name()
                + " and admits "
                + (isolating.fromPods().isEmpty()
                    ? "no pod"
                    : "only "
                        + String.join(
                            " or ", isolating.fromPods().stream().map(Symptoms::labels).toList()))
                + ", not "
                + group.owner().name()
                + " ("
                + Symptoms.labels(f.pod().labels())
                + ")";
        fix =
            "Admit "
                + group.owner().name()
                + " in NetworkPolicy "
                + isolating.name()
                + ": a from.podSelector matching "
                + Symptoms.labels(f.pod().labels())
                + ".";
      }
    }
    ClusterLocation where = cluster.fixTarget(f.pod(), ".spec.containers{" + f.container() + "}");
    ClusterLocation logAt = cluster.logLocation(cluster.log(f.pod(), f.container()));
    var finding =
        ctx.report(
                where,
                group.owner().name()
                    + " cannot reach "
                    + f.cause().subject()
                    + (f.via() == null ? "" : " (" + f.via() + ")")
                    + ": "
                    + f.lines()
                    + (f.lines() == 1 ? " log line says " : " log lines say ")
                    + f.cause().kind().meaning()
                    + ", e.g. "
                    + Symptoms.quote(f.first())
                    + "; "
                    + why)
            .subject(Symptoms.subject(where))
            .related(
                logAt, f.pod().name() + "/" + f.container() + " log: " + Symptoms.quote(f.first()))
            .severity(severity)
            .fix(fix);
    if (severity == Severity.MEDIUM) {
      finding.symptom(
          "calls to the Service fail until its pods are Ready: a consequence, reported on the"
              + " Service");
    }
  }

  /** The first NetworkPolicy that isolates the Service's pods from the caller, or null. */
  private static PolicyState isolating(
      ClusterState cluster, PodState caller, List<PodState> behind) {
    for (PodState target : behind) {
      List<PolicyState> applying =
          cluster.objects().policies().stream()
              .filter(p -> p.isolatesIngress() && p.appliesTo(target.namespace(), target.labels()))
              .toList();
      if (!applying.isEmpty()
          && applying.stream().noneMatch(p -> p.admits(caller.namespace(), caller.labels()))) {
        return applying.get(0);
      }
    }
    return null;
  }

  private static String others(ClusterState cluster, ServiceRef ref) {
    List<String> names = new ArrayList<>();
    cluster.objects().services().stream()
        .filter(s -> s.namespace().equals(ref.namespace()))
        .map(ServiceState::name)
        .sorted()
        .limit(8)
        .forEach(names::add);
    return names.isEmpty() ? "" : " (the Services there: " + String.join(", ", names) + ")";
  }

  /** {@code (database-service?)}: a Service whose name holds the host's, or the reverse. */
  private static String closest(ClusterState cluster, ServiceRef ref) {
    return cluster.objects().services().stream()
        .filter(s -> s.namespace().equals(ref.namespace()))
        .map(ServiceState::name)
        .filter(n -> n.contains(ref.name()) || ref.name().contains(n))
        .sorted()
        .findFirst()
        .orElse(null);
  }
}
