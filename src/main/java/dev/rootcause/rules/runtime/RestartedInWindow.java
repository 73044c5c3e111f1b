package dev.rootcause.rules.runtime;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.cluster.ClusterState;
import dev.rootcause.model.cluster.ContainerState;
import dev.rootcause.model.cluster.PodState;
import dev.rootcause.model.cluster.RestartSeen;
import dev.rootcause.model.probe.Units;
import dev.rootcause.rules.PodRule;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A pod that restarted during the stability window is not stable yet. A watched cluster shows it
 * happen (counts that grow, pods replaced or gone, a look where the pod was not Ready); a dump
 * tells it by the times in the container statuses.
 */
@RuleSpec(
    id = "runtime/restarted-in-window",
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Container restarted during the stability window",
    symptom =
        "requests fail each time the container dies and while it starts again; repeated,"
            + " it becomes CrashLoopBackOff",
    fix =
        "Read why the previous instance ended (kubectl describe pod: Last State, kubectl logs"
            + " --previous), fix that cause, and verify again after a full window without restarts.")
public final class RestartedInWindow implements PodRule {

  @Override
  public void check(PodState pod, ClusterState cluster, RuleContext ctx) {
    if (cluster.watched()) {
      watched(pod, cluster, ctx);
    } else {
      fromStatus(pod, cluster, ctx);
    }
  }

  private static void watched(PodState pod, ClusterState cluster, RuleContext ctx) {
    String name = pod.name();
    if (cluster.appearedWhileWatched(name)) {
      ctx.report(pod.creation(), name + " (new pod: a replacement appeared during the window)");
    }
    Set<String> seen = new LinkedHashSet<>();
    for (PodState look : cluster.history(name)) {
      if (!look.succeeded() && !look.runningAndReady()) {
        seen.add(name + " (seen " + look.status() + (look.ready() ? "" : ", not Ready") + ")");
      }
    }
    seen.forEach(message -> ctx.report(pod.location(), message));
    for (RestartSeen r : cluster.restartsSeen(name)) {
      ctx.report(
          pod.containerStatus(r.container()),
          name
              + "/"
              + r.container()
              + " (restartCount "
              + r.before()
              + " -> "
              + r.after()
              + (r.reason() == null ? "" : ", " + r.reason())
              + ")");
    }
    if (!cluster.present(name)) {
      ctx.report(pod.object(), name + " (disappeared during the window)");
    }
  }

  /**
   * A restart shows as a previous instance that ended, or a current one that started, after from.
   */
  private static void fromStatus(PodState pod, ClusterState cluster, RuleContext ctx) {
    Instant from = cluster.windowStart();
    for (ContainerState c : pod.containers()) {
      if (c.restartCount() == 0) {
        continue;
      }
      Instant when = c.lastRestartAt();
      boolean waiting = c.state() == ContainerState.State.WAITING;
      // A container waiting to start again (CrashLoopBackOff) is restarting now, whatever the
      // times.
      if (when == null || when.isAfter(from) || waiting) {
        ctx.report(
            pod.containerStatus(c.name()),
            pod.name()
                + "/"
                + c.name()
                + " ("
                + Units.count(c.restartCount(), "restart")
                + (c.lastReason() == null ? "" : ", last " + c.lastReason())
                + (waiting && c.reason() != null ? ", now " + c.reason() : "")
                + ")");
      }
    }
  }
}
