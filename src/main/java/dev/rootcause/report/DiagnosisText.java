package dev.rootcause.report;

import dev.rootcause.model.ClusterLocation;
import dev.rootcause.model.Finding;
import dev.rootcause.model.cluster.Diagnosis;
import dev.rootcause.model.cluster.DiagnosisSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;

/**
 * The text report of {@code diagnose}: the first screen (workloads down or degraded, where the
 * user's path breaks, the three things to fix first), then the findings as {@code scan} shows them.
 */
final class DiagnosisText implements Renderer<Diagnosis> {
  private static final int BREAKS_SHOWN = 3;
  private static final String INDENT = "                       ";

  private final TextRenderer findings;

  DiagnosisText(TextRenderer findings) {
    this.findings = findings;
  }

  @Override
  public void render(Diagnosis diagnosis, Writer writer) throws IOException {
    PrintWriter out = new PrintWriter(writer);
    DiagnosisSummary s = diagnosis.summary();
    out.println(
        "Diagnosis: "
            + s.down()
            + " of "
            + s.workloads()
            + " workload"
            + (s.workloads() == 1 ? "" : "s")
            + " down, "
            + s.degraded()
            + " degraded");
    List<DiagnosisSummary.PathBreak> breaks = s.pathBreaks();
    for (int i = 0; i < Math.min(breaks.size(), BREAKS_SHOWN); i++) {
      DiagnosisSummary.PathBreak b = breaks.get(i);
      out.println(
          (i == 0 ? "  user path breaks at  " : INDENT)
              + TextRenderer.clean(b.service().display())
              + " ("
              + b.type()
              + (b.exposed() ? ", reached from outside" : "")
              + "): no ready endpoint");
    }
    if (breaks.size() > BREAKS_SHOWN) {
      int more = breaks.size() - BREAKS_SHOWN;
      out.println(INDENT + "and " + more + " more Service" + (more == 1 ? "" : "s"));
    }
    if (breaks.isEmpty()) {
      out.println("  user path breaks at  no Service: every one has a ready endpoint");
    }
    List<Finding> first = s.fixFirst();
    for (int i = 0; i < first.size(); i++) {
      Finding f = first.get(i);
      // A cluster object is its subject; a line to fix is worth its own column.
      String where =
          f.primary() instanceof ClusterLocation
              ? ""
              : TextRenderer.clean(f.primary().display()) + "  ";
      out.println(
          (i == 0 ? "  fix first            " : INDENT)
              + (i + 1)
              + ". "
              + where
              + TextRenderer.clean(f.subject())
              + "  ("
              + f.ruleId()
              + ")");
    }
    if (first.isEmpty()) {
      out.println("  fix first            nothing at medium or above");
    }
    out.println();
    out.flush();
    findings.render(diagnosis.result(), writer);
  }
}
