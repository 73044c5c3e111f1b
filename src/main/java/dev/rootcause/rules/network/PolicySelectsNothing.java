package dev.rootcause.rules.network;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.k8s.LabelSelector;
import dev.rootcause.model.k8s.NetworkPolicy;
import dev.rootcause.model.k8s.Workload;
import dev.rootcause.rules.Names;
import dev.rootcause.rules.NetworkPolicyRule;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Seed 001: "misconfigured network policies, missing labels". A policy whose podSelector matches no
 * pod protects nothing; a rule whose peer podSelector matches no pod admits nothing.
 */
@RuleSpec(
    id = "network/policy-selects-nothing",
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "NetworkPolicy selector matches no pod in the manifests",
    symptom =
        "the traffic the policy was written for is dropped (connection timeouts, 504s) or"
            + " was never restricted at all",
    fix = "Make the selector equal to the labels of the pods it is meant for.")
public final class PolicySelectsNothing implements NetworkPolicyRule {
  private static final int MAX_LISTED = 5;

  @Override
  public void check(NetworkPolicy policy, RuleContext ctx) {
    List<Workload> sameNamespace = ctx.model().workloadsIn(policy.meta().namespace());
    if (sameNamespace.isEmpty()) {
      return; // the pods may be deployed from elsewhere: unknown is not wrong
    }
    String ns =
        policy.meta().namespace() == null
            ? "its namespace"
            : "namespace " + policy.meta().namespace();
    LabelSelector own = policy.podSelector();
    String namespace = policy.meta().namespace();
    if (!own.isEmpty() && ctx.model().workloadsMatching(own, namespace).isEmpty()) {
      var finding =
          ctx.report(
              own.location(),
              "podSelector "
                  + own
                  + " matches no pods in "
                  + ns
                  + ": "
                  + Policies.name(policy)
                  + " applies to nothing, so its rules protect and admit"
                  + " nothing");
      suggest(finding, own, sameNamespace, "podSelector");
    }
    check(policy, policy.ingress(), "from", sameNamespace, ns, ctx);
    check(policy, policy.egress(), "to", sameNamespace, ns, ctx);
  }

  private static void check(
      NetworkPolicy policy,
      List<NetworkPolicy.Rule> rules,
      String field,
      List<Workload> sameNamespace,
      String ns,
      RuleContext ctx) {
    for (NetworkPolicy.Rule rule : rules) {
      for (NetworkPolicy.Peer peer : rule.peers()) {
        LabelSelector pods = peer.podSelector();
        // With a namespaceSelector the pods live in other namespaces, which we may not see.
        if (pods == null
            || pods.isEmpty()
            || peer.namespaceSelector() != null
            || peer.ipBlock() != null
            || !ctx.model().workloadsMatching(pods, policy.meta().namespace()).isEmpty()) {
          continue;
        }
        String effect =
            field.equals("from") ? "admits traffic from no pod" : "admits traffic to no pod";
        var finding =
            ctx.report(
                pods.location(),
                field
                    + ".podSelector "
                    + pods
                    + " matches no pods in "
                    + ns
                    + ": this rule of "
                    + Policies.name(policy)
                    + " "
                    + effect);
        suggest(finding, pods, sameNamespace, field + ".podSelector");
      }
    }
  }

  /**
   * Points at the workload whose label value is close to the selector's ({@code app=fronted} for
   * {@code app=frontend}); without one, lists what the pods there are labelled.
   */
  private static void suggest(
      RuleContext.FindingBuilder finding,
      LabelSelector selector,
      List<Workload> candidates,
      String field) {
    for (String key : new TreeSet<>(selector.matchLabels().keySet())) {
      List<Workload> withKey =
          candidates.stream().filter(w -> w.podLabels().containsKey(key)).toList();
      Optional<Workload> closest =
          Names.closest(selector.matchLabels().get(key), withKey, w -> w.podLabels().get(key));
      if (closest.isPresent()) {
        Workload w = closest.get();
        finding
            .related(
                w.podLabelsLocation(),
                w.meta().displayName() + " pods are labelled " + Policies.labels(w.podLabels()))
            .fix(
                "If it is meant for "
                    + w.meta().displayName()
                    + ", change the "
                    + field
                    + " to "
                    + key
                    + ": "
                    + w.podLabels().get(key)
                    + ".");
        return;
      }
    }
    candidates.stream()
        .limit(MAX_LISTED)
        .forEach(
            w ->
                finding.related(
                    w.podLabelsLocation(),
                    w.meta().displayName()
                        + " pods are labelled "
                        + Policies.labels(w.podLabels())));
  }
}
