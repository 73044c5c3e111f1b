package dev.rootcause.cli;

import dev.rootcause.report.RenderOptions;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** How {@code probe} and {@code verify} show a load run: live on stderr, and in the text report. */
final class LoadDisplay {
  @Option(
      names = "--timeline",
      description = "In the text report, also print the per-second table.")
  boolean timeline;

  @Option(
      names = {"-q", "--quiet"},
      description = "No progress line on standard error.")
  boolean quiet;

  /** The progress line for a run, drawn only on a terminal and without {@code --quiet}. */
  ProgressLine progress(PrintWriter err) {
    return new ProgressLine(err, !quiet && Terminal.attached());
  }

  RenderOptions options() {
    return new RenderOptions(false, false, timeline);
  }
}
