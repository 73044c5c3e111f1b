package dev.rootcause.rules.k8s;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.k8s.Service;
import dev.rootcause.model.k8s.Workload;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import dev.rootcause.rules.ServiceRule;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Seed 002: the gateway Service selected {@code app: nginx-gateway}, its pods were {@code app:
 * gateway}.
 */
@RuleSpec(
    id = "k8s/service-selects-nothing",
    explains = {"runtime/service-without-endpoints"},
    severity = Severity.CRITICAL,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Service selector matches no pod template in the manifests",
    symptom = "no endpoints: requests to the Service time out or are refused",
    fix = "Make the Service selector equal to the labels of the pods it should route to.")
public final class ServiceSelectsNothing implements ServiceRule {

  @Override
  public void check(Service service, RuleContext ctx) {
    if (!service.routesToPods() || !ctx.model().workloadsSelectedBy(service).isEmpty()) {
      return;
    }
    List<Workload> sameNamespace =
        ctx.model().workloads().stream()
            .filter(w -> !w.runsToCompletion() && w.meta().sameNamespace(service.meta()))
            .toList();
    if (sameNamespace.isEmpty()) {
      return; // the pods may be deployed from elsewhere: unknown is not wrong
    }
    Workload closest =
        sameNamespace.stream()
            .max(
                Comparator.<Workload>comparingInt(
                        w -> overlap(service.selector().matchLabels(), w.podLabels()))
                    .thenComparingInt(w -> w.meta().name().equals(service.meta().name()) ? 1 : 0)
                    .thenComparingInt(w -> likeness(service.selector().matchLabels(), w)))
            .orElseThrow();
    var finding =
        ctx.report(
            service.selector().location(),
            "selector "
                + service.selector()
                + " matches no pods; "
                + closest.meta().displayName()
                + " pods are labelled "
                + labels(closest.podLabels()));
    finding.related(
        closest.podLabelsLocation(), "pod template labels " + labels(closest.podLabels()));
    // The key to change is one whose value differs, not one that already matches.
    String key =
        service.selector().matchLabels().entrySet().stream()
            .filter(
                e ->
                    closest.podLabels().containsKey(e.getKey())
                        && !closest.podLabels().get(e.getKey()).equals(e.getValue()))
            .map(Map.Entry::getKey)
            .findFirst()
            .orElse(null);
    if (key != null) {
      finding.fix(
          "Change the selector to "
              + key
              + ": "
              + closest.podLabels().get(key)
              + " (or relabel the pods "
              + key
              + ": "
              + service.selector().matchLabels().get(key)
              + ").");
    }
  }

  private static int overlap(Map<String, String> selector, Map<String, String> labels) {
    int score = 0;
    for (var e : selector.entrySet()) {
      if (labels.containsKey(e.getKey())) {
        score += e.getValue().equals(labels.get(e.getKey())) ? 2 : 1;
      }
    }
    return score;
  }

  /**
   * How much the selector's values look like the pods' (a shared prefix: {@code payment} and {@code
   * payments}), so a typo points at the pods it was meant for, not the first in the file.
   */
  private static int likeness(Map<String, String> selector, Workload w) {
    int score = 0;
    for (var e : selector.entrySet()) {
      String label = w.podLabels().get(e.getKey());
      if (label != null) {
        int common = 0;
        while (common < Math.min(label.length(), e.getValue().length())
            && label.charAt(common) == e.getValue().charAt(common)) {
          common++;
        }
        score += common;
      }
    }
    return score;
  }

  private static String labels(Map<String, String> labels) {
    return labels.isEmpty()
        ? "(no labels)"
        : new java.util.TreeMap<>(labels)
            .entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(java.util.stream.Collectors.joining(","));
  }
}
