package dev.rootcause.rules.runtime;

import dev.rootcause.model.ClusterLocation;
import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.cluster.ClusterState;
import dev.rootcause.model.cluster.LogCause;
import dev.rootcause.model.cluster.LogLine;
import dev.rootcause.model.cluster.PodGroup;
import dev.rootcause.model.cluster.PodState;
import dev.rootcause.model.probe.Units;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import dev.rootcause.rules.SystemRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A burst of failed connections to one dependency at a steady pace, as a log shows it: the caller
 * retries without backoff, and a dependency that is down or starting is hammered by every replica
 * at once. Failures whose gaps grow (backoff) are not flagged, nor a handful of them.
 */
@RuleSpec(
    id = "runtime/retry-storm",
    severity = Severity.MEDIUM,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Log shows retries to a dependency without backoff",
    symptom =
        "a dependency that is slow or restarting is hammered by every replica at once, and does"
            + " not recover (retry storm)",
    fix =
        "Retry with exponential backoff and jitter, a bounded number of times, and fail fast"
            + " behind a circuit breaker.",
    thresholds =
        @RuleSpec.Threshold(
            name = "minFailures",
            value = 6,
            description = "Fewer failed attempts than this in a row are not a burst"))
public final class RetryStorm implements SystemRule {

  @Override
  public void check(RuleContext ctx) {
    ClusterState cluster = Symptoms.cluster(ctx);
    if (cluster == null) {
      return;
    }
    long least = ctx.threshold("minFailures");
    for (PodGroup group : cluster.podGroups()) {
      for (Symptoms.Log log : Symptoms.logs(cluster, group)) {
        Map<String, List<LogLine>> byHost = new LinkedHashMap<>();
        for (LogLine line : log.log().lines()) {
          LogCause cause = line.cause();
          if (line.timestamp() != null
              && cause != null
              && cause.subject() != null
              && (cause.kind() == LogCause.Kind.CONNECTION_REFUSED
                  || cause.kind() == LogCause.Kind.HOST_NOT_FOUND
                  || cause.kind() == LogCause.Kind.CONNECTION_TIMEOUT)) {
            byHost.computeIfAbsent(cause.subject(), h -> new ArrayList<>()).add(line);
          }
        }
        Map.Entry<String, List<LogLine>> storm = storm(byHost, least);
        if (storm != null) {
          report(ctx, cluster, group, log.pod(), log.container(), storm.getKey(), storm.getValue());
          break; // one storm per workload: its replicas retry alike
        }
      }
    }
  }

  /**
   * The first burst of failures to one host that is long enough and steady: failures more than
   * {@value #QUIET_MILLIS} ms apart are separate bursts (two requests, each retried at once).
   */
  private static Map.Entry<String, List<LogLine>> storm(
      Map<String, List<LogLine>> byHost, long least) {
    for (Map.Entry<String, List<LogLine>> e : byHost.entrySet()) {
      List<LogLine> burst = new ArrayList<>();
      for (LogLine line : e.getValue()) {
        if (!burst.isEmpty()
            && Duration.between(burst.get(burst.size() - 1).timestamp(), line.timestamp())
                    .toMillis()
                > QUIET_MILLIS) {
          if (burst.size() >= least && steady(burst)) {
            return Map.entry(e.getKey(), burst);
          }
          burst = new ArrayList<>();
        }
        burst.add(line);
      }
      if (burst.size() >= least && steady(burst)) {
        return Map.entry(e.getKey(), burst);
      }
    }
    return null;
  }

  private static final long QUIET_MILLIS = 10_000;

  /** Whether the gaps between attempts do not grow: the last is at most twice the first. */
  private static boolean steady(List<LogLine> lines) {
    List<Long> gaps = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      gaps.add(Duration.between(lines.get(i - 1).timestamp(), lines.get(i).timestamp()).toMillis());
    }
    long first = Math.max(gaps.get(0), 1);
    long last = gaps.get(gaps.size() - 1);
    long longest = gaps.stream().mapToLong(Long::longValue).max().orElse(0);
    return last <= 2 * first + 500 && longest <= QUIET_MILLIS;
  }

  private static void report(
      RuleContext ctx,
      ClusterState cluster,
      PodGroup group,
      PodState pod,
      String container,
      String host,
      List<LogLine> lines) {
    Duration span =
        Duration.between(lines.get(0).timestamp(), lines.get(lines.size() - 1).timestamp());
    ClusterLocation where = cluster.fixTarget(pod, ".spec.containers{" + container + "}");
    ctx.report(
            where,
            group.owner().name()
                + " retries "
                + host
                + " without backoff: "
                + lines.size()
                + " failed attempts in "
                + Units.duration(span)
                + " at a steady pace, from "
                + Symptoms.quote(lines.get(0))
                + " to "
                + Symptoms.quote(lines.get(lines.size() - 1)))
        .subject(Symptoms.subject(where))
        .related(
            cluster.logLocation(cluster.log(pod, container)),
            pod.name() + "/" + container + " log: " + Symptoms.quote(lines.get(0)));
  }
}
