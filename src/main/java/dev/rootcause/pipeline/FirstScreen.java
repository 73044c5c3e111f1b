package dev.rootcause.pipeline;

import dev.rootcause.model.ClusterLocation;
import dev.rootcause.model.Evidence;
import dev.rootcause.model.Finding;
import dev.rootcause.model.Severity;
import dev.rootcause.model.cluster.ClusterState;
import dev.rootcause.model.cluster.DiagnosisSummary;
import dev.rootcause.model.cluster.PodGroup;
import dev.rootcause.model.cluster.PodState;
import dev.rootcause.model.cluster.ServiceState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Computes the summary at the top of a diagnosis from the state read and the findings in their
 * final order: the renderer only words it.
 */
final class FirstScreen {
  private static final int FIX_FIRST = 3;

  private FirstScreen() {}

  /** The summary of {@code ordered}, findings already in blast-radius order. */
  static DiagnosisSummary of(ClusterState state, List<Finding> ordered) {
    Set<String> sick = new HashSet<>();
    for (Finding f : ordered) {
      ClusterLocation at = clusterObject(f);
      if (at != null && matters(f)) {
        sick.add(key(at));
      }
    }
    int down = 0;
    int degraded = 0;
    List<PodGroup> groups = state.podGroups();
    for (PodGroup g : groups) {
      long ready = g.pods().stream().filter(PodState::runningAndReady).count();
      // A pod not yet Ready with nothing wrong found is starting, not down.
      if (!sick.contains(key(g.owner()))) {
        continue;
      }
      if (ready == 0) {
        down++;
      } else {
        degraded++;
      }
    }
    List<DiagnosisSummary.PathBreak> breaks = pathBreaks(state);
    return new DiagnosisSummary(
        groups.size(), down, degraded, breaks, fixFirst(state, ordered, breaks));
  }

  /**
   * The few findings to fix first. What the cluster shows happening now (a symptom, or a cause
   * joined to one) on what is down or where the user path breaks comes before what is seen there,
   * which comes before what only the specs show: a chaos flag on a sidecar degrades, a readiness
   * probe on the wrong port takes the Service down. One entry per rule and object; a consequence (a
   * Service without endpoints whose pods' workload has a finding) is left out: that is the fix.
   */
  private static List<Finding> fixFirst(
      ClusterState state, List<Finding> ordered, List<DiagnosisSummary.PathBreak> breaks) {
    Set<String> broken = new HashSet<>();
    breaks.forEach(b -> broken.add(key(b.service())));
    for (PodGroup g : state.podGroups()) {
      if (g.pods().stream().noneMatch(PodState::runningAndReady)) {
        broken.add(key(g.owner()));
      }
    }
    List<Finding> candidates =
        new ArrayList<>(ordered.stream().filter(FirstScreen::matters).toList());
    candidates.sort(Comparator.comparingInt(f -> tier(f, broken)));
    List<Finding> out = new ArrayList<>();
    Set<String> listed = new HashSet<>();
    for (Finding f : candidates) {
      if (out.size() == FIX_FIRST) {
        break;
      }
      if (!listed.add(f.ruleId() + "|" + f.subject())) {
        continue;
      }
      out.add(f);
    }
    return out;
  }

  private static int tier(Finding f, Set<String> broken) {
    if (!observed(f)) {
      return 2;
    }
    ClusterLocation at = clusterObject(f);
    return at != null && broken.contains(key(at)) ? 0 : 1;
  }

  /** A symptom the cluster shows, or a cause merged with one ("... observed here"). */
  private static boolean observed(Finding f) {
    return f.layer() == dev.rootcause.model.Layer.RUNTIME
        || f.related().stream()
            .anyMatch(
                e ->
                    e.location() instanceof ClusterLocation
                        && e.note().endsWith(SymptomJoin.OBSERVED));
  }

  /** A root cause at medium or above: a low note does not make a workload sick or come first. */
  private static boolean matters(Finding f) {
    return f.rootCause() && f.severity().atLeast(Severity.MEDIUM);
  }

  /** Services with a selector and no ready endpoint; those users reach first come first. */
  private static List<DiagnosisSummary.PathBreak> pathBreaks(ClusterState state) {
    List<DiagnosisSummary.PathBreak> breaks = new ArrayList<>();
    for (ServiceState s : state.objects().services()) {
      if (s.selector().isEmpty() || "ExternalName".equals(s.type())) {
        continue;
      }
      boolean noEndpoint =
          s.endpointsRead()
              ? s.readyAddresses() == 0
              : state.selectedBy(s).stream().noneMatch(PodState::runningAndReady);
      if (noEndpoint) {
        breaks.add(
            new DiagnosisSummary.PathBreak(
                new ClusterLocation(state.context(), s.namespace(), "Service", s.name(), null),
                s.type(),
                s.exposed()));
      }
    }
    breaks.sort(Comparator.comparing(b -> !b.exposed()));
    return breaks;
  }

  /**
   * The cluster object a finding is about: its location, or for a symptom joined to the line that
   * causes it, the first cluster location among its evidence; null for a repository's finding.
   */
  static ClusterLocation clusterObject(Finding f) {
    if (f.primary() instanceof ClusterLocation at) {
      return at;
    }
    return f.related().stream()
        .map(Evidence::location)
        .filter(l -> l instanceof ClusterLocation)
        .map(l -> (ClusterLocation) l)
        .findFirst()
        .orElse(null);
  }

  private static String key(ClusterLocation at) {
    return at.kind() + "/" + at.namespace() + "/" + at.name();
  }
}
