package dev.rootcause.collect.cluster;

import dev.rootcause.model.ClusterLocation;
import dev.rootcause.model.cluster.ContainerState;
import dev.rootcause.model.cluster.LogLine;
import dev.rootcause.model.cluster.PodState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns fabric8 pods (from the API or from kubectl output) into {@link PodState} records. */
final class PodStates {
  private static final Pattern LEADING_TIME =
      Pattern.compile(
          "^\\[?(\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?(?:Z|[+-]\\d{2}:?\\d{2})?)\\]?\\s?(.*)$");

  private PodStates() {}

  static PodState of(Pod pod, String context) {
    String ns = pod.getMetadata().getNamespace();
    String name = pod.getMetadata().getName();
    var status = pod.getStatus();
    String phase = status == null || status.getPhase() == null ? "Unknown" : status.getPhase();
    boolean ready = false;
    Instant readySince = null;
    if (status != null && status.getConditions() != null) {
      for (PodCondition c : status.getConditions()) {
        if ("Ready".equals(c.getType())) {
          ready = "True".equals(c.getStatus());
          readySince = time(c.getLastTransitionTime());
        }
      }
    }
    List<ContainerState> containers = new ArrayList<>();
    if (status != null && status.getContainerStatuses() != null) {
      for (ContainerStatus cs : status.getContainerStatuses()) {
        containers.add(container(cs));
      }
    }
    Map<String, String> labels =
        pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
    return new PodState(
        ns,
        name,
        phase,
        ready,
        readySince,
        labels,
        containers,
        new ClusterLocation(context, ns, "Pod", name, ".status"),
        status == null ? null : status.getPodIP());
  }

  private static ContainerState container(ContainerStatus cs) {
    ContainerState.State state = ContainerState.State.UNKNOWN;
    String reason = null;
    String message = null;
    Instant startedAt = null;
    var s = cs.getState();
    if (s != null) {
      if (s.getRunning() != null) {
        state = ContainerState.State.RUNNING;
        startedAt = time(s.getRunning().getStartedAt());
      } else if (s.getWaiting() != null) {
        state = ContainerState.State.WAITING;
        reason = s.getWaiting().getReason();
        message = s.getWaiting().getMessage();
      } else if (s.getTerminated() != null) {
        state = ContainerState.State.TERMINATED;
        reason = s.getTerminated().getReason();
        message = s.getTerminated().getMessage();
      }
    }
    String lastReason = null;
    Integer lastExit = null;
    Instant lastFinished = null;
    String lastMessage = null;
    if (cs.getLastState() != null && cs.getLastState().getTerminated() != null) {
      ContainerStateTerminated t = cs.getLastState().getTerminated();
      lastReason = t.getReason();
      lastExit = t.getExitCode();
      lastFinished = time(t.getFinishedAt());
      lastMessage = t.getMessage();
    }
    return new ContainerState(
        cs.getName(),
        cs.getImage(),
        Boolean.TRUE.equals(cs.getReady()),
        cs.getRestartCount() == null ? 0 : cs.getRestartCount(),
        state,
        reason,
        message,
        startedAt,
        lastReason,
        lastExit,
        lastFinished,
        lastMessage);
  }

  static Instant time(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /**
   * Splits a log into lines, reading a leading RFC 3339 timestamp (kubectl --timestamps, or the
   * app's).
   */
  static List<LogLine> lines(String log) {
    List<LogLine> out = new ArrayList<>();
    if (log == null) {
      return out;
    }
    for (String line : log.split("\r?\n")) {
      if (line.isEmpty()) {
        continue;
      }
      out.add(line(line));
    }
    return out;
  }

  static LogLine line(String line) {
    Matcher m = LEADING_TIME.matcher(line);
    if (m.matches()) {
      String t = m.group(1).replace(' ', 'T').replace(',', '.');
      Instant when = time(t);
      if (when == null && !t.endsWith("Z") && !t.matches(".*[+-]\\d{2}:?\\d{2}$")) {
        // A local time without zone: read as UTC, the default of container runtimes.
        when = time(t + "Z");
      }
      if (when == null && t.matches(".*[+-]\\d{4}$")) {
        when = time(t.substring(0, t.length() - 2) + ":" + t.substring(t.length() - 2));
      }
      if (when != null) {
        return new LogLine(when, line);
      }
    }
    return new LogLine(null, line);
  }
}
