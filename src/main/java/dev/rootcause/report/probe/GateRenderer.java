package dev.rootcause.report.probe;

import dev.rootcause.model.probe.ProbeReport;
import dev.rootcause.model.probe.VerifyReport;
import java.io.IOException;
import java.io.Writer;

/** Formats the reports of {@code probe} and {@code verify}; renderers only format. */
public interface GateRenderer {
  void render(ProbeReport report, Writer out) throws IOException;

  void render(VerifyReport report, Writer out) throws IOException;
}
