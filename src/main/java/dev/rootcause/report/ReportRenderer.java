package dev.rootcause.report;

import dev.rootcause.model.ScanResult;
import java.io.IOException;
import java.io.Writer;

/** Formats a scan result; renderers only format, they decide nothing. */
public interface ReportRenderer {
  void render(ScanResult result, Writer out) throws IOException;
}
