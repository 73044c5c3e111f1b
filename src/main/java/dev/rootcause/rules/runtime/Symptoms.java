package dev.rootcause.rules.runtime;

import dev.rootcause.model.cluster.ClusterState;
import dev.rootcause.model.cluster.ContainerState;
import dev.rootcause.model.cluster.JsonLogRecord;
import dev.rootcause.model.cluster.LogLine;
import dev.rootcause.model.cluster.PodGroup;
import dev.rootcause.model.cluster.PodState;
import dev.rootcause.model.probe.Units;
import dev.rootcause.rules.RuleContext;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * What the symptom rules of {@code diagnose} share: the cluster state when the model holds one, the
 * first replica of an object that shows a container's symptom, and log lines quoted as evidence.
 */
final class Symptoms {
  private static final int QUOTE = 200;

  private Symptoms() {}

  /** The cluster state of the model, or null when the model holds none. */
  static ClusterState cluster(RuleContext ctx) {
    return ctx.model().cluster().orElse(null);
  }

  /** A container of one pod that shows the symptom, and how many replicas of its object do. */
  record Sick(PodState pod, ContainerState container, int replicas, int of) {
    /** {@code database-service} for one pod, {@code database-service (2 of 3 pods)} for several. */
    String who(PodGroup group) {
      return group.owner().name()
          + (of > 1 ? " (" + replicas + " of " + Units.count(of, "pod") + ")" : "");
    }
  }

  /** Per container name, the first pod of the group where {@code sick} holds, counted. */
  static List<Sick> sick(PodGroup group, BiPredicate<PodState, ContainerState> sick) {
    java.util.Map<String, Sick> first = new java.util.LinkedHashMap<>();
    for (PodState p : group.pods()) {
      for (ContainerState c : p.containers()) {
        if (sick.test(p, c)) {
          Sick before = first.get(c.name());
          first.put(
              c.name(),
              before == null
                  ? new Sick(p, c, 1, group.pods().size())
                  : new Sick(before.pod(), before.container(), before.replicas() + 1, before.of()));
        }
      }
    }
    return List.copyOf(first.values());
  }

  /**
   * Whether a Job retried its failed pods to success: one of its pods succeeded, so a failed one is
   * history (a CronJob's run that failed once and then passed), not a symptom.
   */
  static boolean retriedToSuccess(ClusterState cluster, PodGroup group) {
    if (!"Job".equals(group.owner().kind())) {
      return false;
    }
    for (PodState p : cluster.pods()) {
      if (p.succeeded()) {
        var owner = cluster.fixTarget(p, null);
        if (owner.kind().equals(group.owner().kind())
            && owner.name().equals(group.owner().name())
            && java.util.Objects.equals(owner.namespace(), group.owner().namespace())) {
          return true;
        }
      }
    }
    return false;
  }

  /** The log read for one container of one pod of a group. */
  record Log(PodState pod, String container, dev.rootcause.model.cluster.ContainerLog log) {}

  /** The logs read for every container of every pod of the group, in pod order. */
  static List<Log> logs(ClusterState cluster, PodGroup group) {
    List<Log> out = new java.util.ArrayList<>();
    for (PodState p : group.pods()) {
      for (ContainerState c : p.containers()) {
        var log = cluster.log(p, c.name());
        if (log != null) {
          out.add(new Log(p, c.name(), log));
        }
      }
    }
    return out;
  }

  /** The subject of a finding at an object: {@code Deployment production/api}. */
  static String subject(dev.rootcause.model.ClusterLocation at) {
    return at.kind() + " " + (at.namespace() == null ? "" : at.namespace() + "/") + at.name();
  }

  /** {@code 45s}, {@code 12 min}, {@code 3 h}: how long a pod has been in a state. */
  static String age(java.time.Duration d) {
    long s = Math.max(0, d.toSeconds());
    return s < 120 ? s + "s" : s < 2 * 3600 ? s / 60 + " min" : s / 3600 + " h";
  }

  /** {@code app=orders,tier=web}: labels or a selector as kubectl writes them, sorted. */
  static String labels(java.util.Map<String, String> labels) {
    List<String> out = new java.util.ArrayList<>();
    new java.util.TreeMap<>(labels)
        .forEach(
            (k, v) -> {
              if (!k.equals("pod-template-hash") && !k.equals("controller-revision-hash")) {
                out.add(k + "=" + v);
              }
            });
    return String.join(",", out);
  }

  /**
   * A log line as quoted in a finding: a JSON record by its message and error (its timestamp, pid
   * and hostname say nothing of the cause), any other line as written; stripped, and cut when long.
   */
  static String quote(LogLine line) {
    return quote(said(line));
  }

  /** A message (a log line's, a container status's) as quoted: stripped, cut when long. */
  static String quote(String message) {
    return "\"" + cut(message, QUOTE) + "\"";
  }

  /**
   * What a log line says: a JSON record's message and the first line of its error (the stack's
   * frames left out, its last {@code Caused by:} kept), any other line as written.
   */
  static String said(LogLine line) {
    JsonLogRecord json = JsonLogRecord.parse(line.text().strip());
    if (json == null || json.text().isBlank()) {
      return line.text();
    }
    String text = json.text();
    int newline = text.indexOf('\n');
    if (newline < 0) {
      return text;
    }
    int causedBy = text.lastIndexOf("Caused by:");
    String root = "";
    if (causedBy > newline) {
      int end = text.indexOf('\n', causedBy);
      root = " ... " + text.substring(causedBy, end < 0 ? text.length() : end).strip();
    }
    return text.substring(0, newline).strip() + root;
  }

  /** The text on one line (a stack's lines joined by a space), stripped, cut at {@code max}. */
  static String cut(String text, int max) {
    StringBuilder sb = new StringBuilder(Math.min(text.length(), max + 1));
    boolean space = false;
    for (int i = 0; i < text.length() && sb.length() < max + 1; i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r' || c == '\t') {
        space = sb.length() > 0;
        continue;
      }
      if (space) {
        if (sb.charAt(sb.length() - 1) != ' ') {
          sb.append(' ');
        }
        space = false;
      }
      sb.append(c);
    }
    String out = sb.toString().strip();
    return out.length() > max ? out.substring(0, max) + "..." : out;
  }

  /**
   * The fix for the log causes the crash-loop rule words nowhere else: a setting not configured, an
   * image for another platform, an error nothing handled.
   */
  static String fix(dev.rootcause.model.cluster.LogCause cause, String container, String object) {
    String subject = cause.subject() == null ? "what the log names" : cause.subject();
    return switch (cause.kind()) {
      case MISSING_SETTING ->
          "Configure "
              + subject
              + " for container "
              + container
              + " ("
              + object
              + "): its env (the property's environment form), a mounted config file, or the"
              + " active profile.";
      case WRONG_PLATFORM ->
          "Build the image for the node's architecture (docker buildx build --platform"
              + " linux/amd64,linux/arm64), or schedule the pod on nodes of the image's"
              + " (nodeSelector kubernetes.io/arch).";
      case UNHANDLED_ERROR ->
          "Fix the error the log names ("
              + subject
              + ") at the frame it points to, and handle it where it can happen.";
      default -> "Fix what the quoted line names in container " + container + " (" + object + ").";
    };
  }
}
