package dev.rootcause.cli;

import dev.rootcause.report.JsonRenderer;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code rootcause schema}: the JSON Schema of {@code scan --format json}, for consumers to
 * validate.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "schema",
    description = {
      "Prints the JSON Schema (draft-07) of the report 'scan --format json' writes.",
      "docs/scan-result.schema.json is this output."
    },
    footer = {"", "Examples:", "  rootcause schema > scan-result.schema.json"})
final class SchemaCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    out.print(JsonRenderer.schema());
    out.flush();
    return ExitCode.OK.code();
  }
}
