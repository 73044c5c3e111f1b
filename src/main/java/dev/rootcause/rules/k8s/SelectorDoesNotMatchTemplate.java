package dev.rootcause.rules.k8s;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.k8s.LabelSelector;
import dev.rootcause.model.k8s.Workload;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import dev.rootcause.rules.WorkloadRule;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A Deployment, StatefulSet, DaemonSet or ReplicaSet whose {@code spec.selector} does not select
 * its own pod template: the API server refuses it, so no pod is ever created.
 */
@RuleSpec(
    id = "k8s/selector-does-not-match-template",
    severity = Severity.CRITICAL,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Workload selector does not match its own pod template labels",
    symptom =
        "kubectl apply: The Deployment \"web\" is invalid: spec.template.metadata.labels: Invalid"
            + " value: ...: `selector` does not match template `labels`",
    fix = "Make spec.selector.matchLabels a subset of spec.template.metadata.labels.")
public final class SelectorDoesNotMatchTemplate implements WorkloadRule {

  private static final Set<String> KINDS =
      Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet");

  @Override
  public void check(Workload workload, RuleContext ctx) {
    if (!KINDS.contains(workload.kind()) || !workload.meta().apiVersion().startsWith("apps/")) {
      return;
    }
    LabelSelector selector = workload.selector();
    if (selector == null) {
      return; // kubectl refuses it too ("spec.selector: Required value"); not judged here
    }
    if (selector.isEmpty() || selector.matches(workload.podLabels())) {
      return; // an empty selector is its own error message, left to the API
    }
    Map<String, String> differing =
        selector.matchLabels().entrySet().stream()
            .filter(e -> !e.getValue().equals(workload.podLabels().get(e.getKey())))
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    ctx.report(
            selector.location(),
            workload.meta().displayName()
                + " selects "
                + selector
                + ", but its pod template is labelled "
                + (workload.podLabels().isEmpty() ? "with nothing" : labels(workload.podLabels()))
                + ": the API server refuses it and no pod is created")
        .related(workload.podLabelsLocation(), "the pod template's labels")
        .symptom(
            "kubectl apply: The "
                + workload.kind()
                + " \""
                + workload.name()
                + "\" is invalid: spec.template.metadata.labels: Invalid value: ...: `selector`"
                + " does not match template `labels`")
        .fix(
            differing.isEmpty()
                ? "Make the selector's expressions hold for the template labels."
                : "Label the pod template "
                    + labels(differing)
                    + " (or change the selector to the template's labels).");
  }

  private static String labels(Map<String, String> labels) {
    return labels.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> e.getKey() + ": " + e.getValue())
        .collect(Collectors.joining(", ", "{", "}"));
  }
}
