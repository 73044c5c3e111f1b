package dev.rootcause.report;

import static dev.rootcause.report.HtmlPage.esc;

import dev.rootcause.model.CollectionProblem;
import dev.rootcause.model.Confidence;
import dev.rootcause.model.Evidence;
import dev.rootcause.model.Finding;
import dev.rootcause.model.Layer;
import dev.rootcause.model.ScanResult;
import dev.rootcause.model.Severity;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * The scan as one self-contained page to attach to an incident ticket: an overview table, then the
 * root causes (each with its rule, severity, location, symptom, fix and evidence, grouped by layer
 * as in the text report), then the consequences of those causes, then hardening advice in its own
 * section, then what was not read, the rules that failed and what was suppressed. Every string is
 * redacted and escaped.
 */
public final class HtmlRenderer implements ReportRenderer {
  private static final String CSS =
      HtmlPage.BASE_CSS
          + ".note{color:#555}code{font-family:ui-monospace,monospace;font-size:12px}"
          + ".finding{border-left:4px solid #ccc;padding:.1em 1em;margin:1em 0}"
          + ".sev{font-weight:bold;text-transform:uppercase}.sev.critical{color:#8b0016}"
          + ".sev.high{color:#b00020}.sev.medium{color:#9a6100}.sev.low{color:#00607a}"
          + ".sev.info{color:#555}.finding.critical{border-color:#8b0016}"
          + ".finding.high{border-color:#b00020}.finding.medium{border-color:#d08c00}"
          + ".finding.low{border-color:#0088aa}"
          + "dl{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}"
          + "dt{font-weight:bold}dd{margin:0}";

  @Override
  public void render(ScanResult result, Writer out) throws IOException {
    StringBuilder b = new StringBuilder();
    HtmlPage.open(b, "rootcause scan", CSS);
    b.append("<p>").append(esc(MarkdownRenderer.summary(result, result.root()))).append("</p>\n");
    if (result.coverage().known()) {
      b.append("<p class=\"note\">").append(esc(result.coverage().line())).append("</p>\n");
    }
    Map<Layer, List<Finding>> byLayer = TextRenderer.byLayer(Kinds.rootCauses(result.findings()));
    List<Finding> consequences = Kinds.consequences(result.findings());
    List<Finding> hardening = Kinds.hardening(result.findings());
    if (!byLayer.isEmpty() || !consequences.isEmpty() || !hardening.isEmpty()) {
      overview(b, byLayer, consequences, hardening);
    }
    int n = 0;
    for (Map.Entry<Layer, List<Finding>> group : byLayer.entrySet()) {
      b.append("<h2>")
          .append(esc(group.getKey().title() + " (" + group.getValue().size() + ")"))
          .append("</h2>\n");
      for (Finding f : group.getValue()) {
        finding(b, ++n, f);
      }
    }
    if (!consequences.isEmpty()) {
      b.append("<h2>Consequences (")
          .append(consequences.size())
          .append(")</h2>\n<p class=\"note\">")
          .append("Failures a root cause above explains; fixing it fixes them.</p>\n");
      for (Finding f : consequences) {
        finding(b, ++n, f);
      }
    }
    if (!hardening.isEmpty()) {
      b.append("<h2>Hardening (")
          .append(hardening.size())
          .append(")</h2>\n<p class=\"note\">")
          .append("Advice that breaks nothing by itself: ")
          .append(esc(Kinds.countsByRule(hardening)))
          .append(".</p>\n");
      for (Finding f : hardening) {
        finding(b, ++n, f);
      }
    }
    notRead(b, result.skipped());
    ruleFailures(b, result.ruleFailures());
    suppressed(b, result.suppressed());
    HtmlPage.close(b);
    out.write(b.toString());
    out.flush();
  }

  /** Root causes, then consequences, then hardening, numbered as the sections below. */
  private static void overview(
      StringBuilder b,
      Map<Layer, List<Finding>> byLayer,
      List<Finding> consequences,
      List<Finding> hardening) {
    b.append("<table><tr><th>#</th><th>severity</th><th>finding</th><th>kind</th>")
        .append("<th>where</th></tr>\n");
    int n = 0;
    List<List<Finding>> sections = new java.util.ArrayList<>(byLayer.values());
    sections.add(consequences);
    sections.add(hardening);
    for (List<Finding> findings : sections) {
      for (Finding f : findings) {
        n++;
        b.append("<tr><td><a href=\"#f")
            .append(n)
            .append("\">")
            .append(n)
            .append("</a></td><td>")
            .append(badge(f.severity()))
            .append("</td><td>")
            .append(esc(f.message()))
            .append(" (<code>")
            .append(esc(f.ruleId()))
            .append("</code>)</td><td>")
            .append(f.kind().label())
            .append("</td><td><code>")
            .append(esc(f.primary().display()))
            .append("</code></td></tr>\n");
      }
    }
    b.append("</table>\n");
  }

  private static void finding(StringBuilder b, int n, Finding f) {
    b.append("<section class=\"finding ")
        .append(f.severity().label())
        .append("\" id=\"f")
        .append(n)
        .append("\">\n<h3>")
        .append(n)
        .append(". ")
        .append(badge(f.severity()))
        .append(" <code>")
        .append(esc(f.ruleId()))
        .append("</code> on ")
        .append(esc(f.subject()))
        .append(f.confidence() == Confidence.LIKELY ? " (likely: rests on an inferred link)" : "")
        .append("</h3>\n<dl>\n");
    row(b, "at", "<code>" + esc(f.primary().display()) + "</code>");
    row(b, "problem", esc(f.message()));
    row(b, "symptom", esc(f.symptom()));
    row(b, "fix", esc(f.fix()));
    if (!f.related().isEmpty()) {
      StringBuilder evidence = new StringBuilder("<ul>");
      for (Evidence e : f.related()) {
        evidence
            .append("<li><code>")
            .append(esc(e.location().display()))
            .append("</code> ")
            .append(esc(e.note()))
            .append("</li>");
      }
      row(b, "evidence", evidence.append("</ul>").toString());
    }
    b.append("</dl>\n</section>\n");
  }

  private static String badge(Severity severity) {
    return "<span class=\"sev " + severity.label() + "\">" + severity.label() + "</span>";
  }

  private static void row(StringBuilder b, String term, String html) {
    b.append("<dt>").append(term).append("</dt><dd>").append(html).append("</dd>\n");
  }

  private static void notRead(StringBuilder b, List<CollectionProblem> skipped) {
    if (skipped.isEmpty()) {
      return;
    }
    b.append("<h2>Not read (").append(skipped.size()).append(")</h2>\n<ul>\n");
    for (CollectionProblem p : skipped) {
      b.append("<li><code>")
          .append(esc(p.location().display()))
          .append("</code> ")
          .append(esc(p.message()))
          .append("</li>\n");
    }
    b.append("</ul>\n");
  }

  private static void ruleFailures(StringBuilder b, List<ScanResult.RuleFailure> failures) {
    if (failures.isEmpty()) {
      return;
    }
    b.append("<h2>Rules that failed (").append(failures.size()).append(")</h2>\n<ul>\n");
    for (ScanResult.RuleFailure r : failures) {
      b.append("<li><code>")
          .append(esc(r.ruleId()))
          .append("</code> on ")
          .append(esc(r.subject()))
          .append(": ")
          .append(esc(r.error()))
          .append("</li>\n");
    }
    b.append("</ul>\n<p class=note>The other rules ran. This is a bug in rootcause: please report")
        .append(" it.</p>\n");
  }

  private static void suppressed(StringBuilder b, List<ScanResult.Suppressed> suppressed) {
    if (suppressed.isEmpty()) {
      return;
    }
    b.append("<h2>Suppressed (").append(suppressed.size()).append(")</h2>\n<ul>\n");
    for (ScanResult.Suppressed s : suppressed) {
      Finding f = s.finding();
      b.append("<li>")
          .append(badge(f.severity()))
          .append(" <code>")
          .append(esc(f.ruleId()))
          .append("</code> at <code>")
          .append(esc(f.primary().display()))
          .append("</code>: ")
          .append(esc(f.message()))
          .append(". Silenced by ")
          .append(esc(s.reason()))
          .append(".</li>\n");
    }
    b.append("</ul>\n");
  }
}
