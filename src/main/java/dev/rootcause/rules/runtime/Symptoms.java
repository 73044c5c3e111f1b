package dev.rootcause.rules.runtime;

import dev.rootcause.model.cluster.ClusterState;
import dev.rootcause.model.cluster.ContainerState;
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

  /** The subject of a finding at an object: {@code Deployment production/api}. */
  static String subject(dev.rootcause.model.ClusterLocation at) {
    return at.kind() + " " + (at.namespace() == null ? "" : at.namespace() + "/") + at.name();
  }

  /** A log line as quoted in a finding: stripped, and cut when long. */
  static String quote(LogLine line) {
    String text = line.text().strip();
    return "\"" + (text.length() > QUOTE ? text.substring(0, QUOTE) + "..." : text) + "\"";
  }
}
