package dev.rootcause.cli;

import dev.rootcause.model.RuleInfo;
import dev.rootcause.pipeline.InputException;
import dev.rootcause.rules.Rule;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rootcause init}: writes a commented {@code .rootcause.yaml} that loads as it is, every
 * setting explained and every threshold listed with its default, as kube-linter and hadolint users
 * expect a starting config.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "init",
    description = {
      "Writes a commented .rootcause.yaml in PATH: rules to exclude, severity overrides, every"
          + " threshold with its default, and ignorePaths. It is valid as written and changes"
          + " nothing until you edit it. An existing file is kept unless --force is given."
    },
    footer = {"", "Examples:", "  rootcause init", "  rootcause init deploy/ --force"})
final class InitCommand implements Callable<Integer> {
  /** The config file {@code scan} reads at the root of what it scans. */
  static final String CONFIG_FILE = ".rootcause.yaml";

  private final List<Rule> rules;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      arity = "0..1",
      paramLabel = "PATH",
      defaultValue = ".",
      description = "Folder to write " + CONFIG_FILE + " in. Default: the current folder.")
  Path folder;

  @Option(names = "--force", description = "Overwrite an existing " + CONFIG_FILE + ".")
  boolean force;

  InitCommand(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  @Override
  public Integer call() throws InputException {
    if (!Files.isDirectory(folder)) {
      throw new InputException(folder + ": no such folder");
    }
    Path file = folder.resolve(CONFIG_FILE);
    if (Files.exists(file) && !force) {
      throw new InputException(file + " already exists; keep it, or overwrite it with --force");
    }
    try {
      Files.writeString(file, text(rules.stream().map(Rule::info).toList()));
    } catch (IOException e) {
      throw new InputException(file + ": cannot write: " + e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("Wrote " + file + "; 'rootcause scan " + folder + "' reads it.");
    out.flush();
    return ExitCode.OK.code();
  }

  /** The file: valid as it stands (empty lists and maps), the rest commented. */
  static String text(List<RuleInfo> catalogue) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        """
        # rootcause configuration, read by 'rootcause scan' from the folder it scans
        # (or from --config FILE). It is strict: an unknown key, rule id or threshold is an
        # error naming this file and the line, so a typo never silently does nothing.
        # 'rootcause rules' lists every rule id; 'rootcause rules <id>' explains one.

        rules:
          # Rules never to run, e.g. [k8s/missing-resources, docker/heavy-base-image].
          exclude: []
          # Run only these rules (when the list is not empty).
          include: []
          # A rule's severity, e.g. {k8s/missing-liveness-probe: low}: --fail-on compares
          # findings with it.
          severity: {}

        # Numbers rules compare with, here with their defaults. To change one, delete the {}
        # below and uncomment the rule's lines (a rule's unchanged lines may stay commented).
        thresholds: {}
        """);
    for (RuleInfo rule : catalogue) {
      if (rule.thresholds().isEmpty()) {
        continue;
      }
      sb.append("#  ").append(rule.id()).append(":\n");
      for (RuleInfo.Threshold t : rule.thresholds()) {
        sb.append("#    ")
            .append(t.name())
            .append(": ")
            .append(t.defaultValue())
            .append("  # ")
            .append(oneLine(t.description()))
            .append('\n');
      }
    }
    sb.append(
        """

        # Paths never read, as globs relative to the scanned folder, e.g. ["legacy/**",
        # "**/testdata/**"]. Reports count the files they leave out.
        ignorePaths: []
        """);
    return sb.toString();
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s+", " ").strip();
  }
}
