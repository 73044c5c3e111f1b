package dev.rootcause.cli;

import dev.rootcause.model.probe.ProbeReport;
import dev.rootcause.model.probe.VerifyReport;
import dev.rootcause.pipeline.InputException;
import dev.rootcause.report.probe.GateFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Where and how {@code probe} and {@code verify} write their report. */
final class OutputOptions {
  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
      description = "Report format: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
  GateFormat format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Write the report to FILE instead of standard output.")
  Path output;

  @Option(names = "--timeline", description = "In the text report, also print the per-second table.")
  boolean timeline;

  @Option(names = {"-q", "--quiet"}, description = "No progress line on standard error.")
  boolean quiet;

  void write(CommandLine.Model.CommandSpec spec, ProbeReport report) throws IOException, InputException {
    emit(spec, w -> format.renderer(timeline).render(report, w));
  }

  void write(CommandLine.Model.CommandSpec spec, VerifyReport report) throws IOException, InputException {
    emit(spec, w -> format.renderer(timeline).render(report, w));
  }

  private interface Body {
    void write(Writer w) throws IOException;
  }

  private void emit(CommandLine.Model.CommandSpec spec, Body body) throws IOException, InputException {
    if (output == null) {
      PrintWriter out = spec.commandLine().getOut();
      body.write(out);
      out.flush();
      return;
    }
    try (Writer w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
      body.write(w);
    } catch (IOException e) {
      throw new InputException(output + ": cannot write report: " + e.getMessage());
    }
  }
}
