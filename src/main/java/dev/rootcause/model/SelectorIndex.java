package dev.rootcause.model;

import dev.rootcause.model.k8s.LabelSelector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Answers "which of these selectors match these labels" without testing every selector: each item
 * is filed under one {@code key=value} pair its selector requires, so only items whose required
 * pair the labels carry are tested. Items selecting by expressions only are always tested. Keeps
 * label matching linear in the size of the system, not quadratic.
 */
final class SelectorIndex<T> {
  private final Map<String, List<T>> byRequiredPair = new HashMap<>();
  private final List<T> alwaysTested = new ArrayList<>();
  private final Map<T, Integer> order = new IdentityHashMap<>();

  SelectorIndex(List<T> items, Function<T, LabelSelector> selector) {
    for (T item : items) {
      order.put(item, order.size());
      LabelSelector s = selector.apply(item);
      if (s == null || s.matchLabels().isEmpty()) {
        alwaysTested.add(item);
      } else {
        var first =
            s.matchLabels().entrySet().stream().min(Map.Entry.comparingByKey()).orElseThrow();
        byRequiredPair
            .computeIfAbsent(pair(first.getKey(), first.getValue()), k -> new ArrayList<>())
            .add(item);
      }
    }
  }

  /** Items that may match these labels, in their original order; callers still test each. */
  List<T> candidates(Map<String, String> labels) {
    Set<T> out = new LinkedHashSet<>(alwaysTested);
    labels.forEach((k, v) -> out.addAll(byRequiredPair.getOrDefault(pair(k, v), List.of())));
    List<T> sorted = new ArrayList<>(out);
    sorted.sort(Comparator.comparingInt(order::get));
    return sorted;
  }

  static String pair(String key, String value) {
    return key + "=" + value;
  }
}
