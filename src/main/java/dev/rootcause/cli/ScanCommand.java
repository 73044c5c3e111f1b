package dev.rootcause.cli;

import dev.rootcause.model.ScanResult;
import dev.rootcause.model.Severity;
import dev.rootcause.pipeline.IncidentEvidence;
import dev.rootcause.pipeline.InputException;
import dev.rootcause.pipeline.Scanner;
import dev.rootcause.report.Notices;
import dev.rootcause.report.RenderOptions;
import dev.rootcause.report.Renderers;
import dev.rootcause.rules.Rule;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rootcause scan PATH}: the root causes the files alone reveal, before deploy. */
@Command(
    mixinStandardHelpOptions = true,
    name = "scan",
    sortOptions = false,
    description = {
      "Scans a repository for the root causes of outages, before deploy.",
      "",
      "Reads a repository (Kubernetes manifests, Dockerfiles, build scripts, CI files, application"
          + " code) into one model and reports every root cause the files reveal, across files:"
          + " ports that disagree, probes on the wrong port, Services that select nothing, images"
          + " no build produces, env vars the code needs and the manifest lacks, and more.",
      "",
      "Suppress a finding with a 'rootcause.io/ignore: <rule-id>' annotation on the object, a"
          + " '# rootcause:ignore <rule-id>' comment on or above the line, or the config file"
          + " ('.rootcause.yaml' in PATH: rule include/exclude, severity overrides, thresholds,"
          + " ignorePaths).",
      "",
      "Helm charts (a folder with Chart.yaml) are rendered by Helm itself, in-process, with their"
          + " values.yaml and any --values files; each environment's values file beside the chart"
          + " (values-prod.yaml, values.staging.yaml) is rendered too, and one that does not render"
          + " is a finding. Kustomizations are built (resources, patches, namespace, name prefix,"
          + " labels, images) and only the top ones are read: findings point at the template,"
          + " values, base or patch line that set the value.",
      "",
      "Every report says what was read and what was not (\"Read 1 of 4 files: 1 manifest, 0"
          + " Dockerfiles, 0 source files; not read: 3 Helm templates (not rendered)\"). Files that"
          + " cannot be read (malformed YAML, binary, too large, not UTF-8) are skipped with a"
          + " warning naming the file and line; the scan goes on. --strict makes any file not read"
          + " exit 2, unrendered templates and unparsed sources included. A scan that read no"
          + " manifest, Dockerfile or source file exits 2 with the reason, never 0.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  rootcause scan .",
      "  rootcause scan k8s/ --fail-on critical",
      "  rootcause scan deploy/chart --values deploy/values-prod.yaml",
      "  helm template ./chart | rootcause scan -",
      "  kubectl get all -A -o yaml | rootcause scan -",
      "  rootcause scan . --format sarif --output rootcause.sarif",
      "  # SARIF for code scanning, and the text report on the terminal:",
      "  rootcause scan . --format sarif --output rootcause.sarif \\",
      "      --format text",
      "  rootcause scan . --format markdown >> incident.md",
      "",
      "Exit codes: 0 nothing at or above --fail-on; 1 findings at or above --fail-on;"
          + " 2 bad usage or input (nothing relevant read, or with --strict any file not read);"
          + " 4 internal error or a rule failed (a bug: please report it).",
    })
final class ScanCommand implements Callable<Integer> {
  private final List<Rule> rules;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "PATH",
      defaultValue = ".",
      description =
          "Folder (or single file) to scan, or - for manifests on standard input (helm template,"
              + " kubectl get -o yaml|json). Default: the current folder.")
  Path path;

  @Mixin OutputOptions output;

  @Mixin FailOn failOn;

  @Mixin IncidentOption incident;

  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      description = "Config file. Default: .rootcause.yaml in PATH, if present.")
  Path config;

  @Option(
      names = "--values",
      paramLabel = "FILE",
      description =
          "A Helm values file layered over the charts' defaults, as helm template -f does"
              + " (repeatable, later files win). A file inside a chart's folder applies to that"
              + " chart only, one outside to every chart scanned.")
  List<Path> values = new java.util.ArrayList<>();

  @Option(
      names = "--max-file-size",
      paramLabel = "SIZE",
      defaultValue = "8MiB",
      description =
          "Skip files larger than SIZE (e.g. 512KiB, 8MiB, 1GiB). Default: ${DEFAULT-VALUE}.")
  String maxFileSize;

  @Option(
      names = "--no-cache",
      description =
          "Parse every file, and neither read nor write the cache of per-file facts that makes"
              + " a second scan of the same tree fast (kept in $ROOTCAUSE_CACHE_DIR, else"
              + " $XDG_CACHE_HOME/rootcause, else ~/.cache/rootcause).")
  boolean noCache;

  @Option(
      names = "--strict",
      description =
          "Exit 2 when any file found was not read: skipped (malformed, binary, too large),"
              + " an unrendered Helm template, or source code not parsed.")
  boolean strict;

  @Option(
      names = "--all",
      description =
          "List hardening advice (missing probes or resources, a root user, heavy images...) in"
              + " full after the root causes; without it the text report counts it per rule.")
  boolean all;

  @Option(
      names = "--show-suppressed",
      description = "List suppressed findings and what silenced them.")
  boolean showSuppressed;

  @Option(
      names = {"-v", "--verbose"},
      description =
          "Also print notes (ignored fields, unsupported files) and stack traces of errors.")
  boolean verbose;

  ScanCommand(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  @Override
  public Integer call() throws IOException, InputException {
    Severity threshold = failOn.threshold();
    IncidentEvidence evidence = incident.open();
    long maxBytes = Sizes.parse(maxFileSize, "--max-file-size");
    PrintWriter err = spec.commandLine().getErr();
    boolean stdin = path.toString().equals(Scanner.STANDARD_INPUT);
    if (stdin && Terminal.attached()) {
      // 'scan -' typed at a prompt would otherwise wait in silence.
      err.println("rootcause: reading manifests from standard input; end them with Ctrl-D");
      err.flush();
    }
    ScanResult result;
    try (ScanProgress progress = new ScanProgress(err, Terminal.attached() && !stdin)) {
      result =
          new Scanner(rules)
              .scan(
                  path,
                  new Scanner.Options(
                      config,
                      maxBytes,
                      noCache || stdin ? null : Scanner.defaultCacheDir(),
                      progress,
                      values));
    }

    new Notices(output.textOnStdout(), verbose).render(result, err);
    output.write(Renderers.SCAN, result, new RenderOptions(false, showSuppressed, false, all));

    String nothingRead = Notices.nothingRead(result);
    if (nothingRead != null) {
      // "No findings" about files that were not read would send people looking elsewhere.
      err.println(nothingRead);
      err.flush();
      return ExitCode.USAGE.code();
    }
    IncidentOption.keep(evidence, e -> e.scan(result), err);
    if (strict && Notices.strictFails(result)) {
      err.println(Notices.strictFailure(result));
      err.flush();
      return ExitCode.USAGE.code();
    }
    return FailOn.exitCode(result, threshold);
  }
}
