package dev.rootcause.report;

import dev.rootcause.model.CollectionProblem;
import dev.rootcause.model.Confidence;
import dev.rootcause.model.Evidence;
import dev.rootcause.model.Finding;
import dev.rootcause.model.Layer;
import dev.rootcause.model.ScanResult;
import dev.rootcause.model.Severity;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The terminal report, for someone paged at night: root causes grouped by layer like the root-cause
 * tables of a post-incident report, the layer holding the worst finding first; each says where,
 * what is wrong, what breaks, the fix and the evidence. Consequences follow, one line each naming
 * the finding they follow from, then hardening advice as one line of counts per rule (both in full
 * with {@code --all}). Then what could not be read, and one summary line last, where the eye lands.
 */
public final class TextRenderer implements ReportRenderer {
  /** Whether the objects were read from a cluster or a dump, not from repository files. */
  static boolean fromCluster(ScanResult.Inventory inv) {
    return inv.filesScanned() == 0 && inv.workloads() + inv.services() > 0;
  }

  private final boolean color;
  private final boolean showSuppressed;
  private final boolean all;

  public TextRenderer(boolean color, boolean showSuppressed) {
    this(color, showSuppressed, false);
  }

  /** {@code all}: list consequences and hardening findings in full, not one line or counts. */
  public TextRenderer(boolean color, boolean showSuppressed, boolean all) {
    this.color = color;
    this.showSuppressed = showSuppressed;
    this.all = all;
  }

  @Override
  public void render(ScanResult result, Writer writer) throws IOException {
    PrintWriter out = new PrintWriter(writer);
    for (Map.Entry<Layer, List<Finding>> group :
        byLayer(Kinds.rootCauses(result.findings())).entrySet()) {
      out.println(bold(group.getKey().title() + " (" + group.getValue().size() + ")"));
      out.println();
      group.getValue().forEach(f -> finding(out, f));
    }
    List<Finding> consequences = Kinds.consequences(result.findings());
    if (!consequences.isEmpty() && all) {
      out.println(bold("Consequences (" + consequences.size() + ")"));
      out.println();
      consequences.forEach(f -> finding(out, f));
    } else if (!consequences.isEmpty()) {
      // Fixing the cause fixes these: one line each, the cause named, in full with --all.
      out.println(bold("Consequences (" + consequences.size() + ")"));
      for (Finding f : consequences) {
        out.println(
            "  "
                + severity(f.severity())
                + "  "
                + clean(f.subject())
                + "  "
                + f.ruleId()
                + ", "
                + clean(Kinds.cause(f)));
      }
      out.println();
    }
    List<Finding> hardening = Kinds.hardening(result.findings());
    if (!hardening.isEmpty() && all) {
      out.println(bold("Hardening (" + hardening.size() + ")"));
      out.println();
      hardening.forEach(f -> finding(out, f));
    } else if (!hardening.isEmpty()) {
      out.println(bold("Hardening:") + " " + Kinds.countsByRule(hardening) + " (--all lists them)");
      out.println();
    }
    List<CollectionProblem> skipped = result.skipped();
    if (!skipped.isEmpty()) {
      out.println(bold("Not read (" + skipped.size() + ")"));
      skipped.forEach(
          p -> out.println("  " + clean(p.location().display()) + "  " + clean(p.message())));
      out.println();
    }
    if (!result.ruleFailures().isEmpty()) {
      out.println(bold("Rules that failed (" + result.ruleFailures().size() + ")"));
      for (ScanResult.RuleFailure failure : result.ruleFailures()) {
        out.println(
            "  "
                + failure.ruleId()
                + " on "
                + clean(failure.subject())
                + ": "
                + clean(failure.error()));
      }
      out.println("  The other rules ran. This is a bug in rootcause: please report it.");
      out.println();
    }
    if (showSuppressed && !result.suppressed().isEmpty()) {
      out.println(bold("Suppressed (" + result.suppressed().size() + ")"));
      for (ScanResult.Suppressed s : result.suppressed()) {
        Finding f = s.finding();
        out.println(
            "  "
                + f.severity().label()
                + "  "
                + f.ruleId()
                + "  "
                + clean(f.primary().display())
                + "  "
                + clean(f.message()));
        out.println("    by " + clean(s.reason()));
      }
      out.println();
    }
    out.println(summary(result));
    if (result.coverage().known()) {
      out.println(clean(result.coverage().line()));
    }
    out.flush();
  }

  /**
   * Layers in the order of their worst finding, then the seeds' order; findings as the engine
   * sorted them.
   */
  static Map<Layer, List<Finding>> byLayer(List<Finding> findings) {
    Map<Layer, List<Finding>> grouped =
        findings.stream().collect(Collectors.groupingBy(Finding::layer));
    Comparator<Map.Entry<Layer, List<Finding>>> worstFirst =
        Comparator.comparing(
                (Map.Entry<Layer, List<Finding>> e) -> Kinds.worst(e.getValue()),
                Comparator.reverseOrder())
            .thenComparing(Map.Entry::getKey);
    Map<Layer, List<Finding>> ordered = new LinkedHashMap<>();
    grouped.entrySet().stream()
        .sorted(worstFirst)
        .forEach(e -> ordered.put(e.getKey(), e.getValue()));
    return ordered;
  }

  private void finding(PrintWriter out, Finding f) {
    String likely =
        f.confidence() == Confidence.LIKELY ? "  (likely: rests on an inferred link)" : "";
    out.println(
        "  " + severity(f.severity()) + "  " + f.ruleId() + "  " + clean(f.subject()) + likely);
    out.println("    at        " + clean(f.primary().display()));
    out.println("    problem   " + clean(f.message()));
    out.println("    symptom   " + clean(f.symptom()));
    out.println("    fix       " + clean(f.fix()));
    List<Evidence> related = f.related();
    for (int i = 0; i < related.size(); i++) {
      Evidence e = related.get(i);
      out.println(
          (i == 0 ? "    evidence  " : "              ")
              + clean(e.location().display())
              + "  "
              + clean(e.note()));
    }
    out.println();
  }

  /** The last line: counts, what was looked at, how long, and what was left out. */
  String summary(ScanResult result) {
    ScanResult.Inventory inv = result.inventory();
    StringBuilder sb = new StringBuilder();
    int n = result.findings().size();
    if (n == 0 && MarkdownRenderer.nothingRead(result)) {
      sb.append("Nothing checked: ")
          .append(clean(result.coverage().nothingReadReason(result.root())))
          .append('.');
    } else if (inv.filesScanned() == 0 && n == 0 && !fromCluster(inv)) {
      sb.append("Nothing to scan in ")
          .append(clean(result.root()))
          .append(": no Kubernetes manifests, Dockerfiles, build scripts or source files found.");
    } else {
      sb.append(n == 0 ? "No findings" : n + (n == 1 ? " finding" : " findings"));
      if (n > 0) {
        sb.append(" (")
            .append(result.severityCounts())
            .append("; ")
            .append(Kinds.tally(result.findings()))
            .append(")");
      }
      // A cluster's state (diagnose) was read from no repository file: name where it came from.
      sb.append(" in ")
          .append(fromCluster(inv) ? clean(result.root()) : count(inv.filesScanned(), "file"))
          .append(": ")
          .append(count(inv.workloads(), "workload"))
          .append(", ")
          .append(count(inv.services(), "service"));
      if (!fromCluster(inv)) {
        // A cluster read alone has no Dockerfile, build or code to count.
        sb.append(", ")
            .append(count(inv.dockerfiles(), "Dockerfile"))
            .append(", ")
            .append(count(inv.imageBuilds(), "image build"))
            .append(", ")
            .append(count(inv.apps(), "app"));
      }
      sb.append(String.format(Locale.ROOT, "; %.2f s.", result.elapsed().toMillis() / 1000.0));
    }
    int skipped = result.skipped().size();
    if (skipped > 0) {
      sb.append(" ").append(count(skipped, "file")).append(" not read (see above).");
    }
    if (!result.ruleFailures().isEmpty()) {
      sb.append(" ")
          .append(count(result.ruleFailures().size(), "rule failure"))
          .append(" (see above).");
    }
    if (!result.suppressed().isEmpty()) {
      sb.append(" ")
          .append(result.suppressed().size())
          .append(showSuppressed ? " suppressed (see above)." : " suppressed (--show-suppressed).");
    }
    return sb.toString();
  }

  private static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  /**
   * Redacted and on one line, without control characters: a newline would break the layout, and an
   * escape sequence in a file name or YAML value must not drive the reader's terminal.
   */
  static String clean(String s) {
    return s == null
        ? ""
        : ControlCharacters.neutralise(Redaction.redact(s).replaceAll("\\s*\\R\\s*", " "));
  }

  private String severity(Severity s) {
    String label = String.format("%-8s", s.name());
    if (!color) {
      return label;
    }
    String code =
        switch (s) {
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
