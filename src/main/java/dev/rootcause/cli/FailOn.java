package dev.rootcause.cli;

import dev.rootcause.model.ScanResult;
import dev.rootcause.model.Severity;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --fail-on}: the severity from which findings make a command exit 1, as CI gates use it.
 */
final class FailOn {
  @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
  CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--fail-on",
      paramLabel = "SEVERITY",
      defaultValue = "high",
      description =
          "Exit 1 when a finding is at or above this severity: info, low, medium, high,"
              + " critical, or none (never exit 1). Consequences count too (a Service left"
              + " without endpoints by its pods' crash is an outage). Default: ${DEFAULT-VALUE}.")
  String failOn;

  /** The threshold, or null for {@code none}; a usage error names the values allowed. */
  Severity threshold() {
    if (failOn.equalsIgnoreCase("none")) {
      return null;
    }
    try {
      return Severity.parse(failOn);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--fail-on: " + e.getMessage().replace("critical)", "critical, or none)"));
    }
  }

  /** The exit code a result earns: a crashed rule is an internal error, then the threshold. */
  static int exitCode(ScanResult result, Severity threshold) {
    if (!result.ruleFailures().isEmpty()) {
      return ExitCode.INTERNAL.code();
    }
    return threshold != null && result.hasFindingsAtLeast(threshold)
        ? ExitCode.FINDINGS.code()
        : ExitCode.OK.code();
  }
}
