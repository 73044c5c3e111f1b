package dev.rootcause.model.cluster;

import dev.rootcause.model.probe.Criterion;
import dev.rootcause.model.probe.Units;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The cluster half of seed 002's Phase 4 gate: all pods Running and Ready, no restarts for the
 * stability window, no error lines in the logs since the fix. Works on one snapshot (a dump, judged
 * by its timestamps) or on snapshots observed over the window (a live cluster).
 */
public final class ClusterChecks {
  static final int EXAMPLES = 3;

  private ClusterChecks() {}

  /** All serving pods Running and Ready in the last snapshot. */
  public static Criterion runningAndReady(String namespace, List<PodState> pods) {
    String name = "all pods Running and Ready";
    List<PodState> serving = pods.stream().filter(p -> !p.succeeded()).toList();
    if (serving.isEmpty()) {
      return new Criterion(name, namespace, false, "no pods", "namespace " + namespace
          + " has no pods");
    }
    List<String> bad = new ArrayList<>();
    for (PodState p : serving) {
      if (!p.runningAndReady()) {
        bad.add(p.name() + " (" + p.status() + (p.ready() || !"Running".equals(p.phase()) ? ""
            : ", not Ready") + ")");
      }
    }
    long good = serving.size() - bad.size();
    return new Criterion(name, namespace, bad.isEmpty(), good + "/" + serving.size() + " pods",
        bad.isEmpty() ? "" : "not ready: " + String.join(", ", bad));
  }

  /**
   * No container restarted in the window before {@code asOf}, judged from one snapshot: a restart
   * shows as a previous instance that finished, or a current one that started, inside the window.
   */
  public static Criterion noRestartsSnapshot(String namespace, List<PodState> pods, Instant asOf,
      Duration window) {
    String name = "no restarts for " + Units.duration(window);
    Instant from = asOf.minus(window);
    List<String> restarted = new ArrayList<>();
    int total = 0;
    Instant lastRestart = null;
    for (PodState p : pods) {
      for (ContainerState c : p.containers()) {
        total += c.restartCount();
        if (c.restartCount() == 0) {
          continue;
        }
        Instant when = c.lastFinishedAt() != null ? c.lastFinishedAt() : c.startedAt();
        if (when != null && (lastRestart == null || when.isAfter(lastRestart))) {
          lastRestart = when;
        }
        boolean inWindow = when == null || when.isAfter(from)
            || c.state() == ContainerState.State.WAITING;
        if (inWindow) {
          restarted.add(p.name() + "/" + c.name() + " (" + Units.count(c.restartCount(), "restart")
              + (c.lastReason() == null ? "" : ", last " + c.lastReason())
              + (c.state() == ContainerState.State.WAITING && c.reason() != null
                  ? ", now " + c.reason() : "") + ")");
        }
      }
    }
    if (restarted.isEmpty()) {
      String measured = "0 in window";
      String detail = total == 0 ? "" : "restartCount " + total + " in all, the last at "
          + lastRestart + ", before the window";
      return new Criterion(name, namespace, true, measured, detail);
    }
    return new Criterion(name, namespace, false,
        Units.count(restarted.size(), "container") + " restarted",
        String.join(", ", restarted) + " in the " + Units.duration(window) + " before " + asOf);
  }

  /**
   * No restart seen while the pods were watched: restart counts that grew, pods replaced, pods
   * seen not Ready at any look.
   *
   * @param snapshots the pods at each look, in time order; at least one
   */
  public static Criterion noRestartsObserved(String namespace, List<List<PodState>> snapshots,
      Duration window) {
    String name = "no restarts for " + Units.duration(window);
    List<PodState> first = snapshots.get(0);
    Map<String, Integer> firstCounts = new HashMap<>();
    for (PodState p : first) {
      for (ContainerState c : p.containers()) {
        firstCounts.put(p.name() + "/" + c.name(), c.restartCount());
      }
    }
    Set<String> firstPods = new LinkedHashSet<>(first.stream().map(PodState::name).toList());
    Set<String> problems = new LinkedHashSet<>();
    int restarts = 0;
    Map<String, Integer> seenMax = new HashMap<>(firstCounts);
    for (List<PodState> snap : snapshots) {
      for (PodState p : snap) {
        if (!firstPods.contains(p.name())) {
          problems.add(p.name() + " (new pod: a replacement appeared during the window)");
        }
        if (!p.succeeded() && !p.runningAndReady()) {
          problems.add(p.name() + " (seen " + p.status() + (p.ready() ? "" : ", not Ready") + ")");
        }
        for (ContainerState c : p.containers()) {
          String key = p.name() + "/" + c.name();
          Integer before = seenMax.get(key);
          if (before != null && c.restartCount() > before) {
            restarts += c.restartCount() - before;
            problems.add(key + " (restartCount " + before + " -> " + c.restartCount()
                + (c.lastReason() == null ? "" : ", " + c.lastReason()) + ")");
          }
          seenMax.merge(key, c.restartCount(), Math::max);
        }
      }
    }
    for (String gone : firstPods) {
      boolean present = snapshots.get(snapshots.size() - 1).stream()
          .anyMatch(p -> p.name().equals(gone));
      if (!present) {
        problems.add(gone + " (disappeared during the window)");
      }
    }
    String measured = Units.count(restarts, "restart") + " in " + Units.count(snapshots.size(), "look");
    return new Criterion(name, namespace, problems.isEmpty(), measured,
        String.join(", ", problems));
  }

  /**
   * No error line in any container's log since {@code since}. Lines without a timestamp cannot be
   * placed in time and are all counted, which the detail says.
   */
  public static Criterion noLogErrors(String namespace, List<ContainerLog> logs, Instant since) {
    String name = "no errors in logs since " + since;
    int errors = 0;
    int undated = 0;
    List<String> examples = new ArrayList<>();
    for (ContainerLog log : logs) {
      for (LogLine line : log.lines()) {
        if (line.timestamp() == null) {
          undated++;
        } else if (line.timestamp().isBefore(since)) {
          continue;
        }
        if (line.isError()) {
          errors++;
          if (examples.size() < EXAMPLES) {
            String text = line.text().strip();
            examples.add(log.pod() + "/" + log.container() + ": "
                + (text.length() > 160 ? text.substring(0, 160) + "..." : text));
          }
        }
      }
    }
    List<String> notes = new ArrayList<>();
    if (errors > 0) {
      notes.add("e.g. " + String.join(" | ", examples));
    }
    if (undated > 0) {
      notes.add(Units.count(undated, "line") + " without a timestamp, all checked");
    }
    String measured = Units.count(errors, "error line") + " in " + Units.count(logs.size(), "container");
    return new Criterion(name, namespace, errors == 0, measured, String.join("; ", notes));
  }
}
