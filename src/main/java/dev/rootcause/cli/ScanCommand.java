package dev.rootcause.cli;

import dev.rootcause.collect.TextFiles;
import dev.rootcause.model.CollectionProblem;
import dev.rootcause.model.Severity;
import dev.rootcause.pipeline.InputException;
import dev.rootcause.pipeline.Scanner;
import dev.rootcause.report.Format;
import dev.rootcause.report.ReportRenderer;
import dev.rootcause.report.TextRenderer;
import dev.rootcause.rules.ScanResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rootcause scan PATH}: the root causes the files alone reveal, before deploy. */
@Command(
    name = "scan",
    sortOptions = false,
    description = {
      "Reads a repository (Kubernetes manifests, Dockerfiles, build scripts, CI files, application"
          + " code) into one model and reports every root cause the files reveal, across files:"
          + " ports that disagree, probes on the wrong port, Services that select nothing, images"
          + " no build produces, env vars the code needs and the manifest lacks, and more.",
      "",
      "Suppress a finding with a 'rootcause.io/ignore: <rule-id>' annotation on the object, a"
          + " '# rootcause:ignore <rule-id>' comment on or above the line, or .rootcause.yaml."
    },
    footer = {
      "",
      "Examples:",
      "  rootcause scan .",
      "  rootcause scan k8s/ --fail-on critical",
      "  rootcause scan . --format sarif --output rootcause.sarif",
      "  rootcause scan . --format markdown >> incident.md",
    })
final class ScanCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "PATH", defaultValue = ".",
      description = "Folder (or single file) to scan. Default: the current folder.")
  Path path;

  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
      description = "Output format: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
  Format format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Write the report to FILE instead of standard output.")
  Path output;

  @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "high",
      description = "Exit 1 when a finding is at or above this severity: info, low, medium, high,"
          + " critical, or none. Default: ${DEFAULT-VALUE}.")
  String failOn;

  @Option(names = {"-c", "--config"}, paramLabel = "FILE",
      description = "Config file. Default: .rootcause.yaml in PATH, if present.")
  Path config;

  @Option(names = "--max-file-size", paramLabel = "SIZE", defaultValue = "8MiB",
      description = "Skip files larger than SIZE (e.g. 512KiB, 8MiB, 1GiB). Default: ${DEFAULT-VALUE}.")
  String maxFileSize;

  @Option(names = "--strict",
      description = "Exit 2 when any file had to be skipped (malformed, binary, too large).")
  boolean strict;

  @Option(names = "--show-suppressed", description = "List suppressed findings and what silenced them.")
  boolean showSuppressed;

  @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
      description = "Colour the text report: auto, always, never. Default: ${DEFAULT-VALUE}.")
  String color;

  @Option(names = {"-v", "--verbose"},
      description = "Also print notes (ignored fields, unsupported files) and stack traces of errors.")
  boolean verbose;

  @Override
  public Integer call() throws IOException, InputException {
    Severity threshold = failOn.equalsIgnoreCase("none") ? null : parseSeverity(failOn);
    long maxBytes = Sizes.parse(maxFileSize, "--max-file-size");
    ScanResult result = new Scanner().scan(path, new Scanner.Options(config, maxBytes));

    PrintWriter err = spec.commandLine().getErr();
    for (CollectionProblem p : result.problems()) {
      if (p.kind() == CollectionProblem.Kind.SKIPPED) {
        err.println("rootcause: warning: " + p.display());
      } else if (verbose) {
        err.println("rootcause: note: " + p.display());
      }
    }
    err.flush();

    ReportRenderer renderer = format == Format.TEXT
        ? new TextRenderer(useColor(), showSuppressed) : format.renderer();
    if (output != null) {
      try (Writer w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
        renderer.render(result, w);
      } catch (IOException e) {
        throw new InputException(output + ": cannot write report: " + e.getMessage());
      }
    } else {
      renderer.render(result, spec.commandLine().getOut());
    }

    boolean skipped = result.problems().stream()
        .anyMatch(p -> p.kind() == CollectionProblem.Kind.SKIPPED);
    if (strict && skipped) {
      return ExitCode.USAGE.code();
    }
    if (!result.ruleFailures().isEmpty()) {
      return ExitCode.INTERNAL.code();
    }
    return threshold != null && result.hasFindingsAtLeast(threshold)
        ? ExitCode.FINDINGS.code() : ExitCode.OK.code();
  }

  private boolean useColor() {
    return switch (color.toLowerCase(Locale.ROOT)) {
      case "always" -> true;
      case "never" -> false;
      default -> output == null && System.console() != null && System.getenv("NO_COLOR") == null;
    };
  }

  private Severity parseSeverity(String text) {
    try {
      return Severity.parse(text);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--fail-on: " + e.getMessage()
          .replace("critical)", "critical, or none)"));
    }
  }
}
