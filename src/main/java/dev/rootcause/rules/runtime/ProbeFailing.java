package dev.rootcause.rules.runtime;

import dev.rootcause.model.ClusterLocation;
import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.cluster.ClusterEvent;
import dev.rootcause.model.cluster.ClusterState;
import dev.rootcause.model.cluster.ContainerSpec;
import dev.rootcause.model.cluster.ContainerState;
import dev.rootcause.model.cluster.ListenLines;
import dev.rootcause.model.cluster.PodDetail;
import dev.rootcause.model.cluster.PodGroup;
import dev.rootcause.model.cluster.PodState;
import dev.rootcause.model.cluster.ProbeFailure;
import dev.rootcause.model.cluster.ProbeSpec;
import dev.rootcause.model.probe.Units;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import dev.rootcause.rules.SystemRule;

/**
 * A liveness probe that fails until the kubelet restarts the container, or a readiness probe that
 * keeps a pod out of its Service, with what the probe met (the kubelet's events): a port nothing
 * listens on, a path that answers an error, a handler slower than the timeout. One readiness
 * failure while a pod starts is normal and not reported.
 */
@RuleSpec(
    id = "runtime/probe-failing",
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Liveness or readiness probe keeps failing",
    symptom =
        "liveness: the kubelet restarts a container that was serving; readiness: the pod is"
            + " taken out of its Service",
    fix =
        "Probe the port and path the application serves, with a timeout above the handler's"
            + " latency under load.")
public final class ProbeFailing implements SystemRule {

  @Override
  public void check(RuleContext ctx) {
    ClusterState cluster = Symptoms.cluster(ctx);
    if (cluster == null) {
      return;
    }
    for (PodGroup group : cluster.podGroups()) {
      for (String probe : new String[] {"Liveness", "Readiness"}) {
        for (Symptoms.Sick s :
            Symptoms.sick(group, (p, c) -> failing(cluster, p, c, probe) != null)) {
          report(ctx, cluster, group, s, failing(cluster, s.pod(), s.container(), probe));
        }
      }
    }
  }

  /** The aggregated event of a failing probe that matters, or null. */
  private static ClusterEvent failing(
      ClusterState cluster, PodState pod, ContainerState c, String probe) {
    ClusterEvent event =
        cluster.events(pod).stream()
            .filter(
                e ->
                    e.aboutContainer(c.name())
                        && e.probeFailure() != null
                        && e.probeFailure().probe().equals(probe))
            .findFirst()
            .orElse(null);
    if (event == null) {
      return null;
    }
    PodDetail detail = cluster.detail(pod);
    ContainerSpec spec = detail == null ? null : detail.container(c.name());
    ProbeSpec declared =
        spec == null ? null : probe.equals("Liveness") ? spec.liveness() : spec.readiness();
    int threshold = declared == null ? 3 : declared.failureThreshold();
    if (probe.equals("Liveness")) {
      return cluster.killedByLiveness(pod, c.name()) || event.count() >= threshold ? event : null;
    }
    return !c.ready() && event.count() >= threshold ? event : null;
  }

  private static void report(
      RuleContext ctx, ClusterState cluster, PodGroup group, Symptoms.Sick s, ClusterEvent event) {
    ContainerState c = s.container();
    ProbeFailure failure = event.probeFailure();
    boolean liveness = failure.probe().equals("Liveness");
    PodDetail detail = cluster.detail(s.pod());
    ContainerSpec spec = detail == null ? null : detail.container(c.name());
    ProbeSpec declared = spec == null ? null : liveness ? spec.liveness() : spec.readiness();
    String field =
        ".spec.containers{"
            + c.name()
            + "}"
            + (declared == null ? "" : liveness ? ".livenessProbe" : ".readinessProbe");
    ClusterLocation where = cluster.fixTarget(s.pod(), field);
    String effect =
        liveness
            ? (cluster.killedByLiveness(s.pod(), c.name())
                ? ", the kubelet restarted it " + Units.count(c.restartCount(), "time")
                : "")
            : ", the pod is not Ready";
    Served served =
        failure.kind() == ProbeFailure.Kind.CONNECTION_REFUSED
            ? served(cluster, group, c.name(), spec, liveness, failure.port())
            : null;
    var finding =
        ctx.report(
                where,
                s.who(group)
                    + " "
                    + failure.probe().toLowerCase(java.util.Locale.ROOT)
                    + " probe fails "
                    + Units.count(event.count(), "time")
                    + ": "
                    + what(failure, spec, declared)
                    + (served == null ? "" : "; " + served.proof())
                    + effect)
            .subject(Symptoms.subject(where))
            .related(s.pod().object(), "event " + event.summary())
            .related(
                s.pod().containerStatus(c.name()),
                "status " + c.display() + ", " + Units.count(c.restartCount(), "restart"))
            .fix(
                served != null
                    ? servedFix(served, c.name(), spec, liveness)
                    : fix(failure, spec, declared, liveness, c.name()));
    if (served != null && served.at() != null) {
      finding.related(served.at(), served.note());
    }
  }

  /**
   * Where the app really listens, when the cluster shows it: the port its own start-up line states,
   * else the port of the container's other probe while that one passes.
   *
   * @param proof how the finding words it; at and note locate it among the evidence
   */
  private record Served(int port, String proof, ClusterLocation at, String note) {}

  private static Served served(
      ClusterState cluster,
      PodGroup group,
      String container,
      ContainerSpec spec,
      boolean liveness,
      String failingPort) {
    Integer failing = spec == null ? null : spec.resolve(failingPort);
    for (PodState pod : group.pods()) {
      var log = cluster.log(pod, container);
      ListenLines.Stated stated = ListenLines.stated(log);
      if (stated != null && (failing == null || stated.port() != failing)) {
        return new Served(
            stated.port(),
            "its log says it listens on "
                + stated.port()
                + " ("
                + Symptoms.quote(stated.line())
                + ")",
            cluster.logLocation(log),
            "start-up line " + Symptoms.quote(stated.line()));
      }
    }
    ProbeSpec other = spec == null ? null : liveness ? spec.readiness() : spec.liveness();
    Integer otherPort = other == null ? null : spec.resolve(other.port());
    String otherProbe = liveness ? "Readiness" : "Liveness";
    if (otherPort == null || otherPort.equals(failing)) {
      return null;
    }
    for (PodState pod : group.pods()) {
      if (cluster.events(pod).stream()
          .anyMatch(
              e ->
                  e.aboutContainer(container)
                      && e.probeFailure() != null
                      && e.probeFailure().probe().equals(otherProbe))) {
        return null;
      }
    }
    return new Served(
        otherPort,
        "its "
            + otherProbe.toLowerCase(java.util.Locale.ROOT)
            + " probe on port "
            + otherPort
            + " passes",
        null,
        null);
  }

  private static String servedFix(
      Served served, String container, ContainerSpec spec, boolean liveness) {
    String point =
        "Point the "
            + (liveness ? "livenessProbe" : "readinessProbe")
            + " at port "
            + served.port()
            + ", where "
            + container
            + " listens";
    if (spec != null && spec.ports().contains(served.port())) {
      return point + " (the container already declares it).";
    }
    return point
        + ", and declare containerPort "
        + served.port()
        + " (and change a Service targetPort that writes the old port) so the probes, the"
        + " Service and the app agree.";
  }

  private static String what(ProbeFailure failure, ContainerSpec spec, ProbeSpec declared) {
    return switch (failure.kind()) {
      case CONNECTION_REFUSED ->
          "connection refused on port "
              + failure.port()
              + (spec == null || spec.ports().isEmpty()
                  ? ""
                  : declaredElsewhere(spec, failure.port())
                      ? ", the container declares " + spec.ports()
                      : "")
              + ": nothing listens there";
      case HTTP_ERROR ->
          (declared == null || declared.path() == null ? "the path" : "GET " + declared.path())
              + " answers "
              + failure.status();
      case TIMEOUT ->
          "no answer within "
              + (declared == null
                  ? "the timeout"
                  : declared.timeoutSeconds() + "s (timeoutSeconds)");
      case OTHER -> "the probe fails";
    };
  }

  private static boolean declaredElsewhere(ContainerSpec spec, String port) {
    return port != null && !spec.ports().contains(spec.resolve(port));
  }

  private static String fix(
      ProbeFailure failure,
      ContainerSpec spec,
      ProbeSpec declared,
      boolean liveness,
      String container) {
    String probe = liveness ? "livenessProbe" : "readinessProbe";
    Integer failing = spec == null ? null : spec.resolve(failure.port());
    return switch (failure.kind()) {
      case CONNECTION_REFUSED ->
          spec != null && spec.ports().size() == 1 && !spec.ports().get(0).equals(failing)
              ? "Set the "
                  + probe
                  + " port to "
                  + spec.ports().get(0)
                  + ", the port the container serves on."
              : failing != null && spec.ports().contains(failing)
                  // The probe is on the declared port and nothing listens there: the declaration
                  // is as wrong as the probe, so moving one to the other fixes nothing.
                  ? "Nothing listens on port "
                      + failing
                      + ", the port "
                      + container
                      + " declares: find the port the app listens on (its start-up log, or"
                      + " `kubectl exec POD -c "
                      + container
                      + " -- netstat -ltn`) and make containerPort, the probes and the Service's"
                      + " targetPort use it, or make the app listen on "
                      + failing
                      + "."
                  : "Set the " + probe + " port to the one the application listens on.";
      case HTTP_ERROR ->
          "Point the "
              + probe
              + " path at a route the application serves with 200"
              + " (a health route).";
      case TIMEOUT ->
          "Raise the "
              + probe
              + " timeoutSeconds above the health route's latency"
              + " under load"
              + (declared == null ? "" : " (now " + declared.timeoutSeconds() + "s)")
              + ", and keep the route free of slow work.";
      case OTHER ->
          "Read the probe's events (kubectl describe pod) and make the probe match what"
              + " the application serves.";
    };
  }
}
