package dev.rootcause.report.probe;

import dev.rootcause.model.probe.ProbeReport;
import dev.rootcause.model.probe.VerifyReport;
import java.io.IOException;
import java.io.Writer;

/** Placeholder. */
public final class GateJson implements GateRenderer {
  @Override
  public void render(ProbeReport report, Writer out) throws IOException {}

  @Override
  public void render(VerifyReport report, Writer out) throws IOException {}
}
