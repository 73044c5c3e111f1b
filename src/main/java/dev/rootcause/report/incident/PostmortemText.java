package dev.rootcause.report.incident;

import dev.rootcause.model.incident.TimelineEntry;

/** How a timeline entry reads in every postmortem format. */
final class PostmortemText {
  private PostmortemText() {}

  /** A timeline entry as its row says it. */
  static String label(TimelineEntry e) {
    return switch (e.kind()) {
      case LESSON -> "Lesson: " + e.text();
      case EVIDENCE -> "Evidence: " + e.text();
      default -> e.text();
    };
  }
}
