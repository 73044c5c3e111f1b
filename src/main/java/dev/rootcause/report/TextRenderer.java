package dev.rootcause.report;

import dev.rootcause.model.CollectionProblem;
import dev.rootcause.model.Confidence;
import dev.rootcause.model.Evidence;
import dev.rootcause.model.Finding;
import dev.rootcause.model.Layer;
import dev.rootcause.model.Severity;
import dev.rootcause.rules.ScanResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The terminal report: findings grouped by layer like the root-cause tables of a post-incident
 * report, each with where, what breaks, why, the fix and the evidence; then a one-line summary.
 */
public final class TextRenderer implements ReportRenderer {
  private final boolean color;
  private final boolean showSuppressed;

  public TextRenderer() {
    this(false, false);
  }

  public TextRenderer(boolean color, boolean showSuppressed) {
    this.color = color;
    this.showSuppressed = showSuppressed;
  }

  @Override
  public void render(ScanResult result, Writer writer) throws IOException {
    PrintWriter out = new PrintWriter(writer);
    Map<Layer, List<Finding>> byLayer = new TreeMap<>(
        result.findings().stream().collect(Collectors.groupingBy(Finding::layer)));
    for (Map.Entry<Layer, List<Finding>> group : byLayer.entrySet()) {
      out.println(bold(group.getKey().title() + " (" + group.getValue().size() + ")"));
      out.println();
      for (Finding f : group.getValue()) {
        finding(out, f);
      }
    }
    if (showSuppressed && !result.suppressed().isEmpty()) {
      out.println(bold("Suppressed (" + result.suppressed().size() + ")"));
      for (ScanResult.Suppressed s : result.suppressed()) {
        out.println("  " + s.finding().ruleId() + " at " + s.finding().primary().display()
            + ": " + s.reason());
      }
      out.println();
    }
    for (ScanResult.RuleFailure failure : result.ruleFailures()) {
      out.println("rule " + failure.ruleId() + " failed on " + failure.subject() + ": "
          + Redaction.redact(failure.error()) + " (please report this)");
    }
    out.println(summary(result));
    out.flush();
  }

  private void finding(PrintWriter out, Finding f) {
    String likely = f.confidence() == Confidence.LIKELY ? " (likely)" : "";
    out.println("  " + severity(f.severity()) + "  " + f.ruleId() + "  " + f.subject() + likely);
    out.println("    at       " + f.primary().display());
    out.println("    problem  " + Redaction.redact(f.message()));
    out.println("    symptom  " + f.symptom());
    out.println("    fix      " + Redaction.redact(f.fix()));
    List<Evidence> related = f.related();
    for (int i = 0; i < related.size(); i++) {
      Evidence e = related.get(i);
      out.println((i == 0 ? "    evidence " : "             ") + e.location().display() + "  "
          + Redaction.redact(e.note()));
    }
    out.println();
  }

  static String summary(ScanResult result) {
    StringBuilder sb = new StringBuilder();
    int n = result.findings().size();
    sb.append(n == 0 ? "No findings" : n + (n == 1 ? " finding" : " findings"));
    if (n > 0) {
      String counts = java.util.Arrays.stream(Severity.values())
          .sorted(java.util.Comparator.reverseOrder())
          .filter(s -> result.count(s) > 0)
          .map(s -> result.count(s) + " " + s.label())
          .collect(Collectors.joining(", "));
      sb.append(" (").append(counts).append(")");
    }
    ScanResult.Inventory inv = result.inventory();
    sb.append(String.format(Locale.ROOT, " in %d files: %d workloads, %d services, %d Dockerfiles, %d image builds, %d apps; %.2f s.",
        inv.filesScanned(), inv.workloads(), inv.services(), inv.dockerfiles(), inv.imageBuilds(),
        inv.apps(), result.elapsed().toMillis() / 1000.0));
    long skipped = result.problems().stream()
        .filter(p -> p.kind() == CollectionProblem.Kind.SKIPPED).count();
    if (skipped > 0) {
      sb.append(" ").append(skipped).append(skipped == 1 ? " file" : " files")
          .append(" skipped (listed above on stderr).");
    }
    if (!result.suppressed().isEmpty()) {
      sb.append(" ").append(result.suppressed().size()).append(" suppressed");
      sb.append(" (--show-suppressed).");
    }
    return sb.toString();
  }

  private String severity(Severity s) {
    String label = String.format("%-8s", s.name());
    if (!color) {
      return label;
    }
    String code = switch (s) {
      case CRITICAL -> "1;31";
      case HIGH -> "31";
      case MEDIUM -> "33";
      case LOW -> "36";
      case INFO -> "2";
    };
    return "\u001b[" + code + "m" + label + "\u001b[0m";
  }

  private String bold(String s) {
    return color ? "\u001b[1m" + s + "\u001b[0m" : s;
  }
}
