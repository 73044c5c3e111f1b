package dev.rootcause.report;

import dev.rootcause.model.CollectionProblem;
import dev.rootcause.model.Evidence;
import dev.rootcause.model.Finding;
import dev.rootcause.model.ScanResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A root-cause section ready to paste into a post-incident report: the table the seed reports open
 * with (one row per root cause, grouped by layer), then the details of each in the same order;
 * hardening advice in a later section of its own; then what was not read or was suppressed.
 */
public final class MarkdownRenderer implements ReportRenderer {

  @Override
  public void render(ScanResult result, Writer writer) throws IOException {
    PrintWriter out = new PrintWriter(writer);
    out.println("## Root causes");
    out.println();
    out.println(summary(result, code(result.root(), false)));
    out.println();
    if (result.coverage().known()) {
      out.println(text(result.coverage().line()));
      out.println();
    }
    List<Finding> causes = byLayer(Kinds.rootCauses(result.findings()));
    table(out, causes, "Root cause", 0);
    List<Finding> consequences = Kinds.consequences(result.findings());
    if (!consequences.isEmpty()) {
      // Fixing the cause fixes these: one line each, the cause named, no fix of their own.
      out.println("## Consequences");
      out.println();
      out.println("Failures a root cause above explains; fixing it fixes them:");
      out.println();
      for (Finding f : consequences) {
        out.println(
            "- **"
                + f.severity().label()
                + "** "
                + code(f.subject(), false)
                + " ("
                + code(f.ruleId(), false)
                + "): "
                + text(Kinds.cause(f)));
      }
      out.println();
    }
    List<Finding> hardening = byLayer(Kinds.hardening(result.findings()));
    if (!hardening.isEmpty()) {
      out.println("## Hardening");
      out.println();
      out.println(
          "Advice that breaks nothing by itself: " + text(Kinds.countsByRule(hardening)) + ".");
      out.println();
      table(out, hardening, "Advice", causes.size());
    }
    List<CollectionProblem> skipped = result.skipped();
    if (!skipped.isEmpty()) {
      out.println("### Not read");
      out.println();
      skipped.forEach(
          p -> out.println("- " + code(p.location().display(), false) + ": " + text(p.message())));
      out.println();
    }
    if (!result.ruleFailures().isEmpty()) {
      out.println("### Rules that failed");
      out.println();
      result
          .ruleFailures()
          .forEach(
              r ->
                  out.println(
                      "- "
                          + code(r.ruleId(), false)
                          + " on "
                          + text(r.subject())
                          + ": "
                          + text(r.error())
                          + " (a bug in rootcause; the other rules ran)"));
      out.println();
    }
    if (!result.suppressed().isEmpty()) {
      out.println("### Suppressed");
      out.println();
      for (ScanResult.Suppressed s : result.suppressed()) {
        Finding f = s.finding();
        out.println(
            "- "
                + f.severity().label()
                + " "
                + code(f.ruleId(), false)
                + " at "
                + code(f.primary().display(), false)
                + ": "
                + text(f.message())
                + ". Silenced by "
                + text(s.reason())
                + ".");
      }
      out.println();
    }
    out.flush();
  }

  private static List<Finding> byLayer(List<Finding> findings) {
    List<Finding> ordered = new ArrayList<>();
    new TreeMap<>(findings.stream().collect(Collectors.groupingBy(Finding::layer)))
        .values()
        .forEach(ordered::addAll);
    return ordered;
  }

  /** One row per finding, then each in detail, numbered on from {@code before}. */
  private static void table(PrintWriter out, List<Finding> ordered, String column, int before) {
    if (ordered.isEmpty()) {
      return;
    }
    out.println("| Layer | " + column + " | Symptom | Evidence (file:line) | Fix |");
    out.println("| --- | --- | --- | --- | --- |");
    for (Finding f : ordered) {
      out.println(
          "| "
              + cell(f.layer().title())
              + " | **"
              + f.severity().label()
              + "** "
              + cell(f.message())
              + " ("
              + code(f.ruleId(), true)
              + ")"
              + " | "
              + cell(f.symptom())
              + " | "
              + evidenceCell(f)
              + " | "
              + cell(f.fix())
              + " |");
    }
    out.println();
    out.println("### Details");
    out.println();
    for (int i = 0; i < ordered.size(); i++) {
      details(out, before + i + 1, ordered.get(i));
    }
  }

  private static void details(PrintWriter out, int n, Finding f) {
    out.println(
        "#### "
            + n
            + ". "
            + f.severity().label()
            + ": "
            + code(f.ruleId(), false)
            + " on "
            + text(f.subject()));
    out.println();
    out.println("- **Where:** " + code(f.primary().display(), false));
    out.println("- **Problem:** " + text(f.message()));
    out.println("- **Symptom:** " + text(f.symptom()));
    out.println("- **Fix:** " + text(f.fix()));
    if (!f.related().isEmpty()) {
      out.println("- **Evidence:**");
      for (Evidence e : f.related()) {
        out.println("  - " + code(e.location().display(), false) + ": " + text(e.note()));
      }
    }
    out.println();
  }

  /** The opening sentence, also the HTML report's: what was found in what was read. */
  static String summary(ScanResult result, String root) {
    int n = result.findings().size();
    StringBuilder sb = new StringBuilder("Scanned " + root + ": ");
    if (n == 0 && nothingRead(result)) {
      sb.append("nothing checked, nothing relevant was read");
    } else if (n == 0) {
      sb.append("no root causes found");
    } else {
      sb.append(Kinds.tally(result.findings()))
          .append(" (")
          .append(result.severityCounts())
          .append(")");
    }
    int files = result.inventory().filesScanned();
    if (TextRenderer.fromCluster(result.inventory())) {
      sb.append('.'); // the line already names the cluster or dump it read
    } else {
      sb.append(" in ").append(files).append(files == 1 ? " file." : " files.");
    }
    int skipped = result.skipped().size();
    if (skipped > 0) {
      sb.append(" ").append(skipped).append(skipped == 1 ? " file" : " files").append(" not read.");
    }
    if (!result.suppressed().isEmpty()) {
      sb.append(" ").append(result.suppressed().size()).append(" suppressed.");
    }
    return sb.toString();
  }

  /** A result that read no manifest, Dockerfile or source file: no finding there means nothing. */
  static boolean nothingRead(ScanResult result) {
    return result.coverage().known() && !result.coverage().readSomethingRelevant();
  }

  private static String evidenceCell(Finding f) {
    List<String> lines = new ArrayList<>();
    lines.add(code(f.primary().display(), true));
    for (Evidence e : f.related()) {
      lines.add(code(e.location().display(), true) + " " + cell(e.note()));
    }
    return String.join("<br>", lines);
  }

  /**
   * Text inside a table cell: pipes would end the cell, newlines the row; control characters are
   * neutralised as in the text report, for whoever prints the Markdown to a terminal.
   */
  public static String cell(String s) {
    return ControlCharacters.neutralise(
        html(Redaction.redact(s)).replace("|", "\\|").replaceAll("\\R", "<br>"));
  }

  /** Text in a paragraph or list item, on one line. */
  public static String text(String s) {
    return ControlCharacters.neutralise(html(Redaction.redact(s)).replaceAll("\\s*\\R\\s*", " "));
  }

  /**
   * A code span, fenced with more backticks than it contains. In a table, pipes are escaped even
   * inside code spans (GitHub Flavored Markdown splits cells first).
   */
  public static String code(String s, boolean inTable) {
    String value = ControlCharacters.neutralise(Redaction.redact(s).replaceAll("\\s*\\R\\s*", " "));
    int longest = 0;
    int run = 0;
    for (char c : value.toCharArray()) {
      run = c == '`' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    String fence = "`".repeat(longest + 1);
    String pad = value.startsWith("`") || value.endsWith("`") ? " " : "";
    String span = fence + pad + value + pad + fence;
    return inTable ? span.replace("|", "\\|") : span;
  }

  /** {@code <redacted>} would otherwise vanish as an unknown HTML tag. */
  private static String html(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
