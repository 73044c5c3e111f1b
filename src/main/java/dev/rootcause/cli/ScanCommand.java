package dev.rootcause.cli;

import dev.rootcause.model.CollectionProblem;
import dev.rootcause.model.Severity;
import dev.rootcause.pipeline.InputException;
import dev.rootcause.pipeline.Scanner;
import dev.rootcause.report.Format;
import dev.rootcause.report.ReportRenderer;
import dev.rootcause.report.TextRenderer;
import dev.rootcause.rules.Rule;
import dev.rootcause.model.ScanResult;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
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
      "Files that cannot be read (malformed YAML, binary, too large, not UTF-8) are skipped with a"
          + " warning naming the file and line; the scan goes on. --strict makes that exit 2.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  rootcause scan .",
      "  rootcause scan k8s/ --fail-on critical",
      "  rootcause scan . --format sarif --output rootcause.sarif",
      "  # SARIF for code scanning, and the text report on the terminal:",
      "  rootcause scan . --format sarif --output rootcause.sarif --format text",
      "  rootcause scan . --format markdown >> incident.md",
      "",
      "Exit codes: 0 nothing at or above --fail-on; 1 findings at or above --fail-on;"
          + " 2 bad usage or input (or a skipped file with --strict); 4 internal error or a rule"
          + " failed (a bug: please report it).",
    })
final class ScanCommand implements Callable<Integer> {
  private final List<Rule> rules;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "PATH",
      defaultValue = ".",
      description = "Folder (or single file) to scan. Default: the current folder.")
  Path path;

  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      completionCandidates = FormatNames.class,
      description =
          "Output format: ${COMPLETION-CANDIDATES}. Default: text. Repeat it to write"
              + " several reports in one run.")
  List<Format> formats = new ArrayList<>();

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description =
          "Write the report to FILE ('-': standard output). The first --output receives"
              + " the first --format, and so on; a --format without one goes to standard output.")
  List<String> outputs = new ArrayList<>();

  @Option(
      names = "--fail-on",
      paramLabel = "SEVERITY",
      defaultValue = "high",
      description =
          "Exit 1 when a finding is at or above this severity: info, low, medium, high,"
              + " critical, or none (never exit 1). Default: ${DEFAULT-VALUE}.")
  String failOn;

  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      description = "Config file. Default: .rootcause.yaml in PATH, if present.")
  Path config;

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
      description = "Exit 2 when any file had to be skipped (malformed, binary, too large).")
  boolean strict;

  @Option(
      names = "--show-suppressed",
      description = "List suppressed findings and what silenced them.")
  boolean showSuppressed;

  @Option(
      names = "--color",
      paramLabel = "WHEN",
      defaultValue = "auto",
      description =
          "Colour the text report: auto (only on a terminal, and not when NO_COLOR is"
              + " set), always, never. Default: ${DEFAULT-VALUE}.")
  ColorWhen color;

  @Option(
      names = {"-v", "--verbose"},
      description =
          "Also print notes (ignored fields, unsupported files) and stack traces of errors.")
  boolean verbose;

  ScanCommand(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** When to colour the text report. */
  enum ColorWhen {
    AUTO,
    ALWAYS,
    NEVER
  }

  /** One report to write: its format, and its file ({@code null}: standard output). */
  record Target(Format format, Path file) {}

  @Override
  public Integer call() throws IOException, InputException {
    Severity threshold = failOn.equalsIgnoreCase("none") ? null : parseSeverity(failOn);
    long maxBytes = Sizes.parse(maxFileSize, "--max-file-size");
    List<Target> targets = targets();
    for (Target t : targets) {
      checkWritable(t.file());
    }
    ScanResult result = new Scanner(rules).scan(path,
        new Scanner.Options(config, maxBytes, noCache ? null : Scanner.defaultCacheDir()));

    PrintWriter err = spec.commandLine().getErr();
    // The text report lists skipped files itself; say them on stderr only when no one reads it.
    boolean textOnStdout =
        targets.stream().anyMatch(t -> t.file() == null && t.format() == Format.TEXT);
    for (CollectionProblem p : result.problems()) {
      if (p.kind() == CollectionProblem.Kind.SKIPPED && !textOnStdout) {
        err.println("rootcause: warning: " + p.display());
      } else if (p.kind() == CollectionProblem.Kind.NOTE && verbose) {
        err.println("rootcause: note: " + p.display());
      }
    }
    if (verbose) {
      // Where the time went, so a slow scan can be traced to a kind of file or to the rules.
      // "(tree-sitter-parse)" is the part of the collectors' times spent in the native parser.
      StringBuilder line = new StringBuilder("rootcause: cpu ms:");
      result.cpuMillis().entrySet().stream()
          .filter(e -> e.getValue() > 0)
          .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
          .forEach(e -> line.append(' ').append(e.getKey()).append('=').append(e.getValue()));
      err.println(line);
      ScanResult.CacheUse cache = result.cache();
      if (cache.used()) {
        err.println("rootcause: cache: " + cache.filesFromCache() + " of "
            + result.inventory().filesScanned() + " files unchanged since the last scan"
            + (cache.problem() == null ? "" : "; " + cache.problem()));
      }
    }
    err.flush();

    for (Target t : targets) {
      ReportRenderer renderer =
          t.format() == Format.TEXT
              ? new TextRenderer(t.file() == null && useColor(), showSuppressed)
              : t.format().renderer();
      if (t.file() == null) {
        renderer.render(result, spec.commandLine().getOut());
        continue;
      }
      try (Writer w = Files.newBufferedWriter(t.file(), StandardCharsets.UTF_8)) {
        renderer.render(result, w);
      } catch (IOException e) {
        throw new InputException(t.file() + ": cannot write the report: " + reason(e));
      }
    }

    int skipped = result.skipped().size();
    if (strict && skipped > 0) {
      err.println(
          "rootcause: --strict: "
              + skipped
              + (skipped == 1 ? " file was" : " files were")
              + " not read (listed above)");
      err.flush();
      return ExitCode.USAGE.code();
    }
    if (!result.ruleFailures().isEmpty()) {
      return ExitCode.INTERNAL.code();
    }
    return threshold != null && result.hasFindingsAtLeast(threshold)
        ? ExitCode.FINDINGS.code()
        : ExitCode.OK.code();
  }

  /** Pairs formats with outputs in order; at most one report may go to standard output. */
  List<Target> targets() {
    List<Format> wanted = formats.isEmpty() ? List.of(Format.TEXT) : formats;
    if (outputs.size() > wanted.size()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--output: "
              + outputs.size()
              + " given for "
              + wanted.size()
              + " --format; each --output goes with one --format");
    }
    List<Target> targets = new ArrayList<>();
    Set<Path> files = new HashSet<>();
    for (int i = 0; i < wanted.size(); i++) {
      String out = i < outputs.size() ? outputs.get(i) : "-";
      Path file = out.equals("-") ? null : Path.of(out);
      if (file != null && !files.add(file.toAbsolutePath().normalize())) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--output: " + out + " is given twice");
      }
      targets.add(new Target(wanted.get(i), file));
    }
    if (targets.stream().filter(t -> t.file() == null).count() > 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--format: only one report can"
              + " go to standard output; give the others an --output FILE");
    }
    return targets;
  }

  /** Fails before the scan, not after it, when a report could not be written. */
  private static void checkWritable(Path file) throws InputException {
    if (file == null) {
      return;
    }
    if (Files.isDirectory(file)) {
      throw new InputException(file + ": cannot write the report: it is a folder");
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      throw new InputException(
          file + ": cannot write the report: folder " + parent + " does not exist");
    }
    if (Files.exists(file)
        ? !Files.isWritable(file)
        : parent != null && !Files.isWritable(parent)) {
      throw new InputException(file + ": cannot write the report: permission denied");
    }
  }

  private static String reason(IOException e) {
    return switch (e) {
      case AccessDeniedException denied -> "permission denied";
      case NoSuchFileException missing -> "its folder does not exist";
      default -> String.valueOf(e.getMessage());
    };
  }

  private boolean useColor() {
    return useColor(color, stdoutIsTerminal(), System.getenv("NO_COLOR"));
  }

  /** {@code auto} colours a terminal unless {@code NO_COLOR} is set to anything (no-color.org). */
  static boolean useColor(ColorWhen when, boolean terminal, String noColor) {
    return switch (when) {
      case ALWAYS -> true;
      case NEVER -> false;
      case AUTO -> terminal && (noColor == null || noColor.isEmpty());
    };
  }

  private static boolean stdoutIsTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      // Since JDK 22 System.console() exists even when output is redirected; isTerminal() tells.
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true; // JDK 21: a console exists only on a terminal
    }
  }

  private Severity parseSeverity(String text) {
    try {
      return Severity.parse(text);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--fail-on: " + e.getMessage().replace("critical)", "critical, or none)"));
    }
  }

  /** The format names as users type them, for --help. */
  static final class FormatNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(Format.values()).map(Format::label).iterator();
    }
  }
}
