package dev.rootcause.report.incident;

import dev.rootcause.model.incident.ActionItem;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Action items in the order a review takes them: by priority, then prevent, detect, mitigate. */
final class ActionItems {
  private ActionItems() {}

  static List<ActionItem> ordered(List<ActionItem> items) {
    return items.stream()
        .sorted(Comparator.comparing(ActionItem::priority).thenComparing(ActionItem::kind))
        .toList();
  }

  /** {@code prevent}, {@code detect}, {@code mitigate}. */
  static String kind(ActionItem a) {
    return a.kind().name().toLowerCase(Locale.ROOT);
  }
}
