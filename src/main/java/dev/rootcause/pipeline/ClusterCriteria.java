package dev.rootcause.pipeline;

import dev.rootcause.model.Evidence;
import dev.rootcause.model.Finding;
import dev.rootcause.model.Location;
import dev.rootcause.model.RuleInfo;
import dev.rootcause.model.cluster.ClusterState;
import dev.rootcause.model.cluster.ContainerLog;
import dev.rootcause.model.cluster.ContainerState;
import dev.rootcause.model.cluster.PodState;
import dev.rootcause.model.probe.Criterion;
import dev.rootcause.model.probe.Units;
import dev.rootcause.rules.RuleEngine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The cluster half of seed 002's Phase 4 gate, worded from what the {@code runtime/*} rules found:
 * one criterion per gate rule, PASS when it found nothing, the measured value read from the model
 * and the detail from the findings, listed in the order the cluster state holds their objects.
 */
final class ClusterCriteria {
  static final String POD_NOT_READY = "runtime/pod-not-ready";
  static final String RESTARTED = "runtime/restarted-in-window";
  static final String LOG_ERRORS = "runtime/error-lines-in-logs";

  /** The rules of the gate; the other runtime rules are {@code diagnose}'s. */
  static final Set<String> GATE = Set.of(POD_NOT_READY, RESTARTED, LOG_ERRORS);

  private static final int EXAMPLES = 3;

  private final ClusterState cluster;
  private final List<Finding> findings;

  ClusterCriteria(ClusterState cluster, RuleEngine.Outcome outcome) {
    // A criterion whose rule crashed or did not run would read as PASS: that is a bug, not a pass.
    if (!outcome.failures().isEmpty()) {
      throw new IllegalStateException("rule failed: " + outcome.failures().get(0));
    }
    Set<String> ran = outcome.rulesRun().stream().map(RuleInfo::id).collect(Collectors.toSet());
    if (!ran.containsAll(List.of(POD_NOT_READY, RESTARTED, LOG_ERRORS))) {
      throw new IllegalStateException("the gate's rules did not all run: " + ran);
    }
    this.cluster = cluster;
    this.findings = outcome.findings();
  }

  /**
   * Pods Running and Ready, no restarts in the window, no error lines in the logs: in that order.
   */
  List<Criterion> criteria() {
    return List.of(runningAndReady(), noRestarts(), noLogErrors());
  }

  private Criterion runningAndReady() {
    String name = "all pods Running and Ready";
    String ns = cluster.namespace();
    List<PodState> serving = cluster.servingPods();
    if (serving.isEmpty()) {
      // Nothing was read to verify, which is no pass.
      return new Criterion(name, ns, false, "no pods", "namespace " + ns + " has no pods");
    }
    List<String> notReady = messages(POD_NOT_READY, podOrder());
    long ready = serving.stream().filter(PodState::runningAndReady).count();
    return new Criterion(
        name,
        ns,
        notReady.isEmpty(),
        ready + "/" + serving.size() + " pods",
        notReady.isEmpty() ? "" : "not ready: " + String.join(", ", notReady));
  }

  private Criterion noRestarts() {
    String window = Units.duration(cluster.window());
    String name = "no restarts for " + window;
    String ns = cluster.namespace();
    List<String> restarted = messages(RESTARTED, podOrder());
    if (cluster.watched()) {
      String measured =
          Units.count(cluster.restartsSeen(), "restart")
              + " in "
              + Units.count(cluster.looks().size(), "look");
      return new Criterion(name, ns, restarted.isEmpty(), measured, String.join(", ", restarted));
    }
    if (restarted.isEmpty()) {
      int total = cluster.restartCount();
      String detail =
          total == 0
              ? ""
              : "restartCount "
                  + total
                  + " in all, the last at "
                  + cluster.lastRestartAt()
                  + ", before the window";
      return new Criterion(name, ns, true, "0 in window", detail);
    }
    return new Criterion(
        name,
        ns,
        false,
        Units.count(restarted.size(), "container") + " restarted",
        String.join(", ", restarted) + " in the " + window + " before " + cluster.now());
  }

  private Criterion noLogErrors() {
    Instant since = cluster.logsSince();
    List<Evidence> lines =
        ordered(LOG_ERRORS, logOrder()).stream().flatMap(f -> f.related().stream()).toList();
    List<String> notes = new ArrayList<>();
    if (!lines.isEmpty()) {
      notes.add(
          "e.g. "
              + String.join(" | ", lines.stream().limit(EXAMPLES).map(Evidence::note).toList()));
    }
    long undated = cluster.undatedLogLines();
    if (undated > 0) {
      notes.add(Units.count(undated, "line") + " without a timestamp, all checked");
    }
    String measured =
        Units.count(lines.size(), "error line")
            + " in "
            + Units.count(cluster.logs().size(), "container");
    // No log read is not a clean log: a gate that looked at nothing must not pass.
    boolean looked = !cluster.logs().isEmpty();
    if (!looked) {
      notes.add("no container log was read, so nothing shows the errors are gone");
    }
    return new Criterion(
        "no errors in logs since " + since,
        cluster.namespace(),
        looked && lines.isEmpty(),
        measured,
        String.join("; ", notes));
  }

  private List<String> messages(String ruleId, Map<Location, Integer> order) {
    return ordered(ruleId, order).stream().map(Finding::message).toList();
  }

  /** The rule's findings in the order their objects were read; the engine's order breaks ties. */
  private List<Finding> ordered(String ruleId, Map<Location, Integer> order) {
    return findings.stream()
        .filter(f -> f.ruleId().equals(ruleId))
        .sorted(Comparator.comparing(f -> order.getOrDefault(f.primary(), Integer.MAX_VALUE)))
        .toList();
  }

  /** Each pod as first seen (created, status, each container), then the pods gone. */
  private Map<Location, Integer> podOrder() {
    Map<Location, Integer> order = new HashMap<>();
    for (PodState pod : cluster.podsSeen()) {
      order.putIfAbsent(pod.creation(), order.size());
      order.putIfAbsent(pod.location(), order.size());
      for (ContainerState c : pod.containers()) {
        order.putIfAbsent(pod.containerStatus(c.name()), order.size());
      }
    }
    cluster.podsSeen().forEach(pod -> order.putIfAbsent(pod.object(), order.size()));
    return order;
  }

  private Map<Location, Integer> logOrder() {
    Map<Location, Integer> order = new HashMap<>();
    for (ContainerLog log : cluster.logs()) {
      order.putIfAbsent(cluster.logLocation(log), order.size());
    }
    return order;
  }
}
