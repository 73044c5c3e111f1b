package dev.rootcause.serve;

import dev.rootcause.model.incident.Postmortem;
import dev.rootcause.report.incident.PostmortemMarkdown;

/**
 * The one place the postmortem page gets its HTML body: the report {@code rootcause report} writes,
 * so the page and the file never disagree.
 */
final class PostmortemView {
  private PostmortemView() {}

  /** The postmortem as an HTML fragment, every text in it escaped and redacted. */
  static String html(Postmortem p) {
    return Markdown.html(PostmortemMarkdown.render(p));
  }
}
