package dev.rootcause.rules.k8s;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.k8s.DisruptionBudget;
import dev.rootcause.model.k8s.Workload;
import dev.rootcause.rules.Names;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import dev.rootcause.rules.SystemRule;
import java.util.List;
import java.util.Optional;

/**
 * A PodDisruptionBudget whose selector matches none of the pods declared in its namespace (a label
 * typo, a renamed app): the pods it was written for are evicted as if it did not exist. Silent when
 * the repository declares no workloads there (they are deployed from elsewhere).
 */
@RuleSpec(
    id = "k8s/pdb-selects-nothing",
    severity = Severity.LOW,
    kind = FindingKind.HARDENING,
    summary = "PodDisruptionBudget selects no pods",
    symptom =
        "kubectl describe pdb shows \"NoPods: No matching pods found\" and ALLOWED DISRUPTIONS 0;"
            + " a node drain evicts all of the app's pods at once",
    fix =
        "Make spec.selector.matchLabels equal to the pod template labels of the workload to protect.")
public final class PdbSelectsNothing implements SystemRule {

  @Override
  public void check(RuleContext ctx) {
    for (DisruptionBudget pdb : ctx.model().kube().budgets()) {
      if (pdb.selector() == null || pdb.selector().isEmpty()) {
        continue;
      }
      String namespace = pdb.meta().namespace();
      List<Workload> there =
          ctx.model().workloadsIn(namespace).stream()
              .filter(w -> !w.runsToCompletion() && w.meta().sameNamespace(pdb.meta()))
              .toList();
      if (there.isEmpty() || !ctx.model().workloadsMatching(pdb.selector(), namespace).isEmpty()) {
        continue;
      }
      Optional<Workload> closest =
          Names.closest(pdb.meta().name(), there, Workload::name)
              .or(() -> there.size() == 1 ? Optional.of(there.get(0)) : Optional.empty());
      var finding =
          ctx.report(
              pdb.selector().location(),
              "PodDisruptionBudget "
                  + pdb.meta().name()
                  + " selects "
                  + pdb.selector()
                  + ", which matches no pods"
                  + (namespace == null ? "" : " in namespace " + namespace));
      closest.ifPresent(
          w -> {
            finding.related(
                w.podLabelsLocation(), w.meta().displayName() + " pods carry " + labels(w));
            finding.fix(
                "Set the selector of PodDisruptionBudget "
                    + pdb.meta().name()
                    + " to matchLabels "
                    + labels(w)
                    + " (the labels of "
                    + w.meta().displayName()
                    + ").");
          });
    }
  }

  private static String labels(Workload w) {
    return new java.util.TreeMap<>(w.podLabels()).toString();
  }
}
