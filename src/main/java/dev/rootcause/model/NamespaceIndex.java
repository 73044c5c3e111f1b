package dev.rootcause.model;

import dev.rootcause.model.k8s.ObjectMeta;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Groups a model's elements by the namespace they end up in, for the model's indexes. */
final class NamespaceIndex {
  private NamespaceIndex() {}

  /**
   * Elements per declared namespace, each list also holding the elements that declare none (their
   * namespace is decided at apply time); key {@code ""} holds only the latter.
   */
  static <T> Map<String, List<T>> of(List<T> all, java.util.function.Function<T, ObjectMeta> meta) {
    Map<String, List<T>> out = new HashMap<>();
    List<T> unplaced = new ArrayList<>();
    Map<String, List<Integer>> declared = new HashMap<>();
    List<Integer> unplacedAt = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      String ns = meta.apply(all.get(i)).namespace();
      if (ns == null) {
        unplaced.add(all.get(i));
        unplacedAt.add(i);
      } else {
        declared.computeIfAbsent(ns, n -> new ArrayList<>()).add(i);
      }
    }
    // Each namespace's list merges its own elements with the unplaced ones, in declaration order.
    declared.forEach(
        (ns, at) -> {
          List<T> merged = new ArrayList<>(at.size() + unplacedAt.size());
          int a = 0;
          int u = 0;
          while (a < at.size() || u < unplacedAt.size()) {
            boolean takeOwn =
                u == unplacedAt.size() || a < at.size() && at.get(a) < unplacedAt.get(u);
            merged.add(all.get(takeOwn ? at.get(a++) : unplacedAt.get(u++)));
          }
          out.put(ns, List.copyOf(merged));
        });
    out.put("", List.copyOf(unplaced));
    return out;
  }
}
