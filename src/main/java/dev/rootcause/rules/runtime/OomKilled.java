package dev.rootcause.rules.runtime;

import dev.rootcause.model.ClusterLocation;
import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.cluster.ClusterState;
import dev.rootcause.model.cluster.ContainerSpec;
import dev.rootcause.model.cluster.ContainerState;
import dev.rootcause.model.cluster.PodDetail;
import dev.rootcause.model.cluster.PodGroup;
import dev.rootcause.model.probe.Units;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import dev.rootcause.rules.SystemRule;
import java.time.Duration;
import java.time.Instant;

/**
 * A container the kernel killed for exceeding its memory limit, with the limit against the request
 * and the pattern of restarts. Repeated or recent kills are a root cause; one kill long ago, the
 * container running since, is noted at low severity.
 */
@RuleSpec(
    id = "runtime/oom-killed",
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Container killed for exceeding its memory limit (OOMKilled)",
    symptom =
        "OOMKilled, exit code 137: in-flight requests fail at each kill and the pod restarts,"
            + " under load again and again",
    fix =
        "Raise the memory limit above what the process uses at peak (measure it), or bound what"
            + " the process keeps in memory.",
    thresholds =
        @RuleSpec.Threshold(
            name = "recentMinutes",
            value = 15,
            description =
                "A single kill longer ago than this, the container running since, is low"))
public final class OomKilled implements SystemRule {

  @Override
  public void check(RuleContext ctx) {
    ClusterState cluster = Symptoms.cluster(ctx);
    if (cluster == null) {
      return;
    }
    Duration recent = Duration.ofMinutes(ctx.threshold("recentMinutes"));
    for (PodGroup group : cluster.podGroups()) {
      for (Symptoms.Sick s :
          Symptoms.sick(
              group,
              (p, c) ->
                  "OOMKilled".equals(c.lastReason())
                      || (c.state() == ContainerState.State.TERMINATED
                          && "OOMKilled".equals(c.reason())))) {
        ContainerState c = s.container();
        PodDetail detail = cluster.detail(s.pod());
        ContainerSpec spec = detail == null ? null : detail.container(c.name());
        ClusterLocation where =
            cluster.fixTarget(
                s.pod(),
                ".spec.containers{"
                    + c.name()
                    + "}"
                    + (spec != null && spec.memoryLimit() != null
                        ? ".resources.limits.memory"
                        : ""));
        Instant last = c.lastFinishedAt();
        boolean running = c.state() == ContainerState.State.RUNNING;
        boolean once =
            c.restartCount() <= 1
                && running
                && last != null
                && last.isBefore(cluster.now().minus(recent));
        String memory =
            spec == null
                ? ""
                : ": memory limit "
                    + orNone(spec.memoryLimit())
                    + ", request "
                    + orNone(spec.memoryRequest());
        var f =
            ctx.report(
                    where,
                    s.who(group)
                        + " OOMKilled (exit code 137"
                        + ", "
                        + Units.count(c.restartCount(), "restart")
                        + (last == null ? "" : ", last killed at " + last)
                        + (running ? ", running again" : ", now " + c.display())
                        + ")"
                        + memory)
                .subject(Symptoms.subject(where))
                .related(
                    s.pod().containerStatus(c.name()),
                    "lastState.terminated.reason OOMKilled" + (last == null ? "" : " at " + last));
        if (once) {
          f.severity(Severity.LOW)
              .symptom(
                  "one OOM kill "
                      + Duration.between(last, cluster.now()).toMinutes()
                      + " minutes before, the container running since: the limit is tight");
        }
      }
    }
  }

  private static String orNone(String quantity) {
    return quantity == null ? "not set" : quantity;
  }
}
