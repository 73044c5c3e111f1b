package dev.rootcause.model.cluster;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * A NetworkPolicy's ingress side, as far as a diagnosis needs it: the pods it isolates, and which
 * pods of its namespace it lets in.
 *
 * @param podSelector the pods it applies to ({@code matchLabels}; empty: every pod of the
 *     namespace)
 * @param isolatesIngress whether it restricts ingress (policyTypes holds Ingress)
 * @param admitsAny whether a rule admits more than pods by label (no {@code from}, a namespace
 *     selector, an ipBlock, or a selector by expressions): then it is not said to isolate anyone
 * @param fromPods the {@code podSelector.matchLabels} of each peer that admits pods by label
 */
public record PolicyState(
    String namespace,
    String name,
    Map<String, String> podSelector,
    boolean isolatesIngress,
    boolean admitsAny,
    List<Map<String, String>> fromPods)
    implements Serializable {

  public PolicyState {
    podSelector = Map.copyOf(podSelector);
    fromPods = fromPods.stream().map(Map::copyOf).toList();
  }

  /** Whether the policy applies to a pod of its namespace with these labels. */
  public boolean appliesTo(String namespace, Map<String, String> labels) {
    return this.namespace.equals(namespace) && contains(labels, podSelector);
  }

  /**
   * Whether it lets in a pod of its own namespace with these labels: it does not isolate ingress,
   * admits more than pods by label, or one of its peers selects the pod.
   */
  public boolean admits(String namespace, Map<String, String> labels) {
    if (!isolatesIngress || admitsAny) {
      return true;
    }
    return this.namespace.equals(namespace)
        && fromPods.stream().anyMatch(peer -> contains(labels, peer));
  }

  private static boolean contains(Map<String, String> labels, Map<String, String> selector) {
    return selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
  }
}
