package dev.rootcause.cli;

import dev.rootcause.model.incident.Postmortem;
import dev.rootcause.pipeline.InputException;
import dev.rootcause.pipeline.Postmortems;
import dev.rootcause.report.incident.IncidentJson;
import dev.rootcause.report.incident.PostmortemHtml;
import dev.rootcause.report.incident.PostmortemMarkdown;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rootcause report}: an incident's postmortem, written from its timeline and evidence. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Writes an incident's postmortem: summary, impact and budget consumed, detection,"
          + " root causes with file:line, timeline with time to detect, mitigate and resolve,"
          + " resolution, action items and lessons learned; the HTML adds charts of the error"
          + " rate and latency probes measured, the error budget, and the timeline."
    },
    footer = {
      "",
      "Examples:",
      "  rootcause report INC-2026-001",
      "  rootcause report INC-2026-001 --format html --output postmortem.html",
      "  rootcause report INC-2026-001 --format json --output postmortem.json",
      "",
      "The HTML is one self-contained file (inline CSS and SVG charts, no script, nothing"
          + " fetched): attach it to the ticket."
    })
final class ReportCommand implements Callable<Integer> {
  /** The postmortem's formats. */
  enum PostmortemFormat {
    MARKDOWN,
    HTML,
    JSON
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin StoreOptions store = new StoreOptions();

  @Parameters(index = "0", paramLabel = "ID")
  String id;

  @Option(names = "--format", description = "${COMPLETION-CANDIDATES}. Default: markdown.")
  PostmortemFormat format = PostmortemFormat.MARKDOWN;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write here, not to stdout.")
  Path output;

  @Override
  public Integer call() throws InputException {
    Postmortem p = new Postmortems(store.store, Clock.systemUTC()).of(id);
    String text =
        switch (format) {
          case JSON -> IncidentJson.postmortem(p);
          case HTML -> PostmortemHtml.render(p);
          case MARKDOWN -> PostmortemMarkdown.render(p);
        };
    PrintWriter out = spec.commandLine().getOut();
    if (output == null) {
      out.print(text);
    } else {
      try {
        Files.writeString(output, text, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new InputException("--output: cannot write " + output + ": " + e.getMessage());
      }
      out.println("wrote the postmortem of " + id + " to " + output);
    }
    out.flush();
    return ExitCode.OK.code();
  }
}
