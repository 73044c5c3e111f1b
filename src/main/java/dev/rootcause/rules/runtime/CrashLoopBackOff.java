package dev.rootcause.rules.runtime;

import dev.rootcause.model.ClusterLocation;
import dev.rootcause.model.Confidence;
import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.cluster.ClusterState;
import dev.rootcause.model.cluster.ContainerLog;
import dev.rootcause.model.cluster.ContainerState;
import dev.rootcause.model.cluster.LogCause;
import dev.rootcause.model.cluster.LogLine;
import dev.rootcause.model.cluster.PodGroup;
import dev.rootcause.model.cluster.PodState;
import dev.rootcause.model.cluster.ServiceAddresses;
import dev.rootcause.model.cluster.SourceFrame;
import dev.rootcause.model.cluster.StackTraces;
import dev.rootcause.model.probe.Units;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import dev.rootcause.rules.SystemRule;
import java.util.List;

/**
 * A container that keeps exiting, with the cause its last log proves: a missing env var, a module
 * or file not found, permission denied, an address in use, a dependency refused or not resolved, an
 * entrypoint not in the image. A container the runtime could not start ({@code StartError}, {@code
 * RunContainerError}) has no log: the runtime's message in its status is read the same way. Deaths
 * by the OOM killer or by a failing liveness probe are the rules of those causes.
 */
@RuleSpec(
    id = "runtime/crash-loop-back-off",
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Container keeps exiting at start-up (CrashLoopBackOff)",
    symptom =
        "CrashLoopBackOff: the pod never becomes Ready and its Service has no endpoint from it",
    fix =
        "Read the quoted line of the last log (kubectl logs --previous), fix what it names in the"
            + " workload's spec or the image, and roll out again.")
public final class CrashLoopBackOff implements SystemRule {

  @Override
  public void check(RuleContext ctx) {
    ClusterState cluster = Symptoms.cluster(ctx);
    if (cluster == null) {
      return;
    }
    for (PodGroup group : cluster.podGroups()) {
      boolean retried = Symptoms.retriedToSuccess(cluster, group);
      for (Symptoms.Sick s :
          Symptoms.sick(
              group,
              (p, c) ->
                  crashing(cluster, p, c)
                      && !(retried && c.state() == ContainerState.State.TERMINATED))) {
        report(ctx, cluster, group, s);
      }
    }
  }

  private static boolean crashing(ClusterState cluster, PodState pod, ContainerState c) {
    boolean loop =
        c.state() == ContainerState.State.WAITING && "CrashLoopBackOff".equals(c.reason());
    boolean failed =
        c.state() == ContainerState.State.TERMINATED
            && ("Error".equals(c.reason()) || c.failedToStart());
    boolean notStarted = c.state() == ContainerState.State.WAITING && c.failedToStart();
    return (loop || failed || notStarted)
        && !"OOMKilled".equals(c.lastReason())
        && !cluster.killedByLiveness(pod, c.name());
  }

  private static void report(
      RuleContext ctx, ClusterState cluster, PodGroup group, Symptoms.Sick s) {
    ContainerState c = s.container();
    String container = ".spec.containers{" + c.name() + "}";
    ClusterLocation where = cluster.fixTarget(s.pod(), container);
    String symptom =
        s.who(group)
            + " "
            + c.display()
            + " ("
            + Units.count(c.restartCount(), "restart")
            + (c.lastExitCode() == null ? "" : ", last exit code " + c.lastExitCode())
            + ")";
    ContainerLog log = cluster.log(s.pod(), c.name());
    LogLine proof =
        log == null
            ? null
            : log.lines().stream().filter(l -> l.cause() != null).findFirst().orElse(null);
    ClusterLocation logAt = log == null ? null : cluster.logLocation(log);
    SourceFrame raised = log == null ? null : raisedAt(log);
    LogCause started = proof == null ? c.failureCause() : null;
    if (started != null) {
      String message = Symptoms.quote(point(c.failureMessage()));
      ctx.report(
              where,
              symptom
                  + ": "
                  + started.kind().meaning()
                  + (started.subject() == null ? "" : " (" + started.subject() + ")")
                  + ", the container runtime says "
                  + message)
          .subject(Symptoms.subject(where))
          .related(
              s.pod().containerStatus(c.name()),
              "status "
                  + c.display()
                  + (c.lastReason() == null ? "" : ", last " + c.lastReason())
                  + ": "
                  + message)
          .confidence(Confidence.CERTAIN)
          .fix(
              started.kind() == LogCause.Kind.PERMISSION_DENIED
                  ? "Make "
                      + started.subject()
                      + " executable in the image (RUN chmod +x, or COPY --chmod=755) and"
                      + " readable by the container's user."
                  : fix(started, c.name(), where));
      return;
    }
    if (proof != null) {
      LogCause cause = proof.cause();
      ctx.report(
              where,
              symptom
                  + ": "
                  + cause.kind().meaning()
                  + (cause.subject() == null
                      ? ""
                      : " (" + cause.subject() + service(cluster, s.pod(), cause) + ")")
                  + ", the log says "
                  + Symptoms.quote(proof))
          .subject(Symptoms.subject(where))
          .related(logAt, s.pod().name() + "/" + c.name() + " last log: " + Symptoms.quote(proof))
          .related(s.pod().containerStatus(c.name()), "status " + c.display())
          .fix(fix(cause, c.name(), where))
          .frame(raised);
      return;
    }
    Integer exit = c.lastExitCode();
    boolean entrypoint = exit != null && (exit == 127 || exit == 126);
    LogLine last =
        log == null || log.lines().isEmpty()
            ? null
            : log.lines().stream()
                .filter(LogLine::error)
                .reduce((a, b) -> b)
                .map(log::headline)
                .orElse(log.lines().get(log.lines().size() - 1));
    var f =
        ctx.report(
                where,
                symptom
                    + (entrypoint
                        ? ": exit code "
                            + exit
                            + " is the shell's "
                            + (exit == 127 ? "command not found" : "not executable")
                            + ", the entrypoint is not in the image"
                        : last == null
                            ? ": no log was read to tell why"
                            : ": no line names the cause, the last log ends with "
                                + Symptoms.quote(last)))
            .subject(Symptoms.subject(where))
            .related(s.pod().containerStatus(c.name()), "status " + c.display())
            .confidence(entrypoint ? Confidence.CERTAIN : Confidence.LIKELY)
            .frame(raised);
    if (last != null) {
      f.related(logAt, s.pod().name() + "/" + c.name() + " last log: " + Symptoms.quote(last));
    }
    if (entrypoint) {
      f.fix(
          "Make the image's ENTRYPOINT/CMD (or the container's command) name a file that the"
              + " image contains and that is executable.");
    }
  }

  /**
   * A runtime's message from the exec it failed on: containerd and Docker put four layers of
   * "failed to create shim task: OCI runtime create failed: ..." before the point.
   */
  private static String point(String message) {
    int exec = message.lastIndexOf("exec: \"");
    return exec > 0 ? "... " + message.substring(exec) : message;
  }

  /**
   * The Service a refused or unresolved address of the log is, when it is one: {@code (the
   * ClusterIP of Service postgres)}; empty otherwise.
   */
  private static String service(ClusterState cluster, PodState pod, LogCause cause) {
    if (cause.subject() == null
        || (cause.kind() != LogCause.Kind.CONNECTION_REFUSED
            && cause.kind() != LogCause.Kind.CONNECTION_TIMEOUT)) {
      return "";
    }
    ServiceAddresses.Target target =
        new ServiceAddresses(cluster).of(cause.subject(), pod.namespace());
    return target == null || target.via() == null ? "" : ", " + target.via();
  }

  /** Where the application's code raised the last stack trace of the log, or null. */
  private static SourceFrame raisedAt(ContainerLog log) {
    List<StackTraces.Trace> traces =
        StackTraces.of(log.lines().stream().map(LogLine::body).toList());
    return traces.isEmpty() ? null : traces.get(traces.size() - 1).frame();
  }

  private static String fix(LogCause cause, String container, ClusterLocation where) {
    String subject = cause.subject() == null ? "what the log names" : cause.subject();
    String object = where.kind() + " " + where.name();
    return switch (cause.kind()) {
      case MISSING_ENV ->
          "Set "
              + subject
              + " in the env of container "
              + container
              + " ("
              + object
              + "), or give the code a default.";
      case MODULE_NOT_FOUND ->
          "Install "
              + subject
              + " in the image (dependencies copied and"
              + " installed in the final stage), and rebuild.";
      case FILE_NOT_FOUND ->
          "Put "
              + subject
              + " in the image or mount it (ConfigMap, volume), or"
              + " correct the path the code reads.";
      case PERMISSION_DENIED ->
          "Give the container's user access to "
              + subject
              + " (chown in the"
              + " Dockerfile, fsGroup in the securityContext).";
      case ADDRESS_IN_USE ->
          "Listen on a port no other process of the pod uses (check the"
              + " sidecars and a second server started by the code).";
      case CONNECTION_REFUSED, HOST_NOT_FOUND, CONNECTION_TIMEOUT ->
          "Point the container at a Service that exists and"
              + " has endpoints ("
              + subject
              + "), and retry the connection at start-up with backoff.";
      case EXECUTABLE_NOT_FOUND ->
          "Make the command "
              + subject
              + " exist in the image, or correct"
              + " the container's command.";
      default -> Symptoms.fix(cause, container, object);
    };
  }
}
