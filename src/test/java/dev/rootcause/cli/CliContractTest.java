package dev.rootcause.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.model.Severity;
import dev.rootcause.model.k8s.Container;
import dev.rootcause.model.k8s.Workload;
import dev.rootcause.pipeline.BuiltInRules;
import dev.rootcause.rules.ContainerRule;
import dev.rootcause.rules.Rule;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import dev.rootcause.testing.Cli;
import dev.rootcause.testing.Manifests;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The command line as scripts and CI see it, run in-process: what --help teaches, the exit codes
 * {@link ExitCode} and the help footer promise, one-line errors naming the culprit, and several
 * reports from one run.
 */
class CliContractTest {
  @TempDir Path dir;

  // ---- help and version -------------------------------------------------------------------

  @Test
  void helpListsTheCommandsAndEveryExitCode() {
    Cli.Run run = Cli.run("--help");

    assertThat(run.exit()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).contains("Usage: rootcause", "scan", "rules", "schema", "Exit codes:");
    for (ExitCode code : ExitCode.values()) {
      assertThat(run.out())
          .as("help documents exit code " + code)
          .containsPattern("(?m)^\\s+" + code.code() + "  \\S");
    }
  }

  @Test
  void versionNamesTheToolAndJava() {
    Cli.Run run = Cli.run("--version");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).startsWith("rootcause ").contains("Java ");
  }

  @Test
  void scanHelpTeachesWithExamples() {
    Cli.Run run = Cli.run("scan", "--help");

    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .contains("Examples:", "rootcause scan .", "--format sarif --output rootcause.sarif")
        .contains("text, json, sarif, markdown")
        .contains("--fail-on", "none", "--strict", "--show-suppressed", "NO_COLOR")
        .contains("rootcause.io/ignore", "rootcause:ignore", ".rootcause.yaml");
  }

  // ---- exit codes ---------------------------------------------------------------------------

  @Test
  void cleanRepositoryExitsZero() {
    Manifests.write(dir, "k8s/web.yaml", Manifests.HEALTHY);

    Cli.Run run = Cli.run("scan", dir.toString());

    assertThat(run.exit()).isEqualTo(ExitCode.OK.code());
    assertThat(run.out()).startsWith("No findings in 1 file");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void aHighFindingExitsOneByDefault() {
    Manifests.write(dir, "k8s/api.yaml", Manifests.HIGH);

    Cli.Run run = Cli.run("scan", dir.toString());

    assertThat(run.exit()).isEqualTo(ExitCode.FINDINGS.code());
    assertThat(run.out()).contains("k8s/probe-port-not-exposed", "k8s/api.yaml:12:");
  }

  @ParameterizedTest(name = "{0} finding, --fail-on {1} -> exit {2}")
  @CsvSource({
    "low,  info,     1",
    "low,  low,      1",
    "low,  medium,   0",
    "low,  none,     0",
    "high, high,     1",
    "high, HIGH,     1",
    "high, critical, 0",
    "high, none,     0",
  })
  void failOnDecidesTheExitCode(String finding, String failOn, int exit) {
    Manifests.write(
        dir, "k8s/app.yaml", finding.equals("low") ? Manifests.LOW_ONLY : Manifests.HIGH);

    Cli.Run run = Cli.run("scan", dir.toString(), "--fail-on", failOn);

    assertThat(run.exit()).isEqualTo(exit);
  }

  @Test
  void anUnknownFailOnLevelIsAUsageError() {
    Cli.Run run = Cli.run("scan", dir.toString(), "--fail-on", "urgent");

    assertThat(run.exit()).isEqualTo(ExitCode.USAGE.code());
    assertOneLine(run.err()).contains("--fail-on", "'urgent'", "critical, or none");
  }

  @Test
  void anUnknownOptionIsOneLineAndExitsTwo() {
    Cli.Run run = Cli.run("scan", "--bogus", dir.toString());

    assertThat(run.exit()).isEqualTo(ExitCode.USAGE.code());
    assertThat(run.out()).isEmpty();
    assertOneLine(run.err())
        .startsWith("rootcause: ")
        .contains("'--bogus'")
        .contains("rootcause scan --help");
  }

  @Test
  void aMissingPathIsNamed() {
    Path missing = dir.resolve("no-such-folder");

    Cli.Run run = Cli.run("scan", missing.toString());

    assertThat(run.exit()).isEqualTo(ExitCode.USAGE.code());
    assertOneLine(run.err()).isEqualTo("rootcause: " + missing + ": no such file or directory");
  }

  @Test
  void aRuleThatFailsExitsFourAndTheOtherRulesStillReport() {
    Manifests.write(dir, "k8s/api.yaml", Manifests.HIGH);
    List<Rule> rules = new ArrayList<>(BuiltInRules.all());
    rules.add(new AlwaysThrows());

    Cli.Run run = run(rules, "scan", dir.toString());

    assertThat(run.exit()).isEqualTo(ExitCode.INTERNAL.code());
    assertThat(run.out())
        .contains("k8s/probe-port-not-exposed")
        .contains("Rules that failed (1)")
        .contains(
            "k8s/test-always-throws on Deployment shop/api container api:"
                + " java.lang.IllegalStateException: broken on purpose");
  }

  @Test
  void anInternalErrorAsksForAReportAndShowsTheStackOnlyWhenVerbose() {
    Manifests.write(dir, "k8s/api.yaml", Manifests.HIGH);
    List<Rule> rules = List.of(new ThrowsError());

    Cli.Run quiet = run(rules, "scan", dir.toString());
    Cli.Run verbose = run(rules, "scan", "--verbose", dir.toString());

    assertThat(quiet.exit()).isEqualTo(ExitCode.INTERNAL.code());
    assertOneLine(quiet.err())
        .startsWith("rootcause: internal error: ")
        .contains("please report this");
    assertThat(verbose.exit()).isEqualTo(ExitCode.INTERNAL.code());
    assertThat(verbose.err()).contains("please report this").contains("\tat ");
  }

  // ---- config -------------------------------------------------------------------------------

  static Stream<Arguments> invalidConfigs() {
    return Stream.of(
        Arguments.of(
            "unknown top-level key",
            "ignore: [legacy]",
            ".rootcause.yaml:1:1: unknown key 'ignore' (expected one of [ignorePaths, rules,"
                + " thresholds])"),
        Arguments.of(
            "unknown rule key",
            "rules: {disable: [k8s/missing-resources]}",
            ".rootcause.yaml:1:9: unknown key 'disable'"),
        Arguments.of(
            "unknown rule id",
            "rules: {exclude: [k8s/missing-resource]}",
            ".rootcause.yaml:1:19: unknown rule 'k8s/missing-resource'"),
        Arguments.of(
            "unknown severity",
            "rules: {severity: {k8s/missing-resources: urgent}}",
            ".rootcause.yaml:1:20: unknown severity 'urgent'"),
        Arguments.of(
            "unknown threshold",
            "thresholds: {k8s/probe-timing-too-aggressive: {minDelay: 3}}",
            ".rootcause.yaml:1:48: k8s/probe-timing-too-aggressive has no threshold 'minDelay'"),
        Arguments.of(
            "threshold not a number",
            "thresholds: {k8s/probe-timing-too-aggressive: {minPeriodSeconds: often}}",
            ".rootcause.yaml:1:48: threshold minPeriodSeconds must be a whole number, not 'often'"),
        Arguments.of(
            "malformed YAML",
            "rules: {exclude: [k8s/missing-resources",
            ".rootcause.yaml:2:1: malformed YAML"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidConfigs")
  void anInvalidConfigIsOneLineNamingFileAndLine(String why, String config, String message) {
    Manifests.write(dir, "k8s/web.yaml", Manifests.HEALTHY);
    Manifests.write(dir, ".rootcause.yaml", config + "\n");

    Cli.Run run = Cli.run("scan", dir.toString());

    assertThat(run.exit()).as(why).isEqualTo(ExitCode.USAGE.code());
    assertOneLine(run.err()).as(why).startsWith("rootcause: " + message);
    assertThat(run.err()).doesNotContain("skipped");
  }

  @Test
  void aConfigThatIsNotUtf8IsNamed() throws IOException {
    Files.write(
        dir.resolve(".rootcause.yaml"),
        "ignorePaths: [caf\u00e9/**]\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

    Cli.Run run = Cli.run("scan", dir.toString());

    assertThat(run.exit()).isEqualTo(ExitCode.USAGE.code());
    assertOneLine(run.err())
        .isEqualTo("rootcause: .rootcause.yaml: config is not UTF-8 text; convert it to UTF-8");
  }

  @Test
  void anExplicitConfigThatDoesNotExistIsNamed() {
    Cli.Run run = Cli.run("scan", dir.toString(), "--config", dir.resolve("nope.yaml").toString());

    assertThat(run.exit()).isEqualTo(ExitCode.USAGE.code());
    assertOneLine(run.err()).contains("nope.yaml: config file not found");
  }

  // ---- output -------------------------------------------------------------------------------

  @Test
  void outputIntoAFolderThatDoesNotExistExitsTwoBeforeScanning() {
    Manifests.write(dir, "k8s/api.yaml", Manifests.HIGH);
    Path target = dir.resolve("reports/missing/x.sarif");

    Cli.Run run =
        Cli.run("scan", dir.toString(), "--format", "sarif", "--output", target.toString());

    assertThat(run.exit()).isEqualTo(ExitCode.USAGE.code());
    assertOneLine(run.err()).contains(target.toString()).contains("does not exist");
    assertThat(target).doesNotExist();
  }

  @Test
  void outputOntoAFolderExitsTwo() {
    Cli.Run run = Cli.run("scan", dir.toString(), "--output", dir.toString());

    assertThat(run.exit()).isEqualTo(ExitCode.USAGE.code());
    assertOneLine(run.err()).contains(dir + ": cannot write the report: it is a folder");
  }

  @Test
  void oneOutputWithoutFormatWritesTextToTheFileAndNothingToStdout() throws IOException {
    Manifests.write(dir, "k8s/api.yaml", Manifests.HIGH);
    Path report = dir.resolve("report.txt");

    Cli.Run run = Cli.run("scan", dir.resolve("k8s").toString(), "--output", report.toString());

    assertThat(run.exit()).isEqualTo(ExitCode.FINDINGS.code());
    assertThat(run.out()).isEmpty();
    assertThat(Files.readString(report)).contains("k8s/probe-port-not-exposed");
  }

  @Test
  void sarifToAFileAndTextToStdoutInOneRun() throws IOException {
    Manifests.write(dir, "k8s/api.yaml", Manifests.HIGH);
    Path sarif = dir.resolve("out.sarif");

    Cli.Run run =
        Cli.run(
            "scan",
            dir.resolve("k8s").toString(),
            "--format",
            "sarif",
            "--output",
            sarif.toString(),
            "--format",
            "text");

    assertThat(run.exit()).isEqualTo(ExitCode.FINDINGS.code());
    assertThat(Files.readString(sarif))
        .contains("\"version\" : \"2.1.0\"", "k8s/probe-port-not-exposed");
    assertThat(run.out())
        .contains("HIGH      k8s/probe-port-not-exposed")
        .doesNotContain("\"runs\"");
  }

  @Test
  void everyFormatCanGoToItsOwnFile() throws IOException {
    Manifests.write(dir, "k8s/api.yaml", Manifests.HIGH);
    Path out = Files.createDirectories(dir.resolve("out"));

    Cli.Run run =
        Cli.run(
            "scan",
            dir.resolve("k8s").toString(),
            "-f",
            "json",
            "-f",
            "sarif",
            "-f",
            "markdown",
            "-f",
            "text",
            "-o",
            out.resolve("r.json").toString(),
            "-o",
            out.resolve("r.sarif").toString(),
            "-o",
            out.resolve("r.md").toString(),
            "-o",
            out.resolve("r.txt").toString());

    assertThat(run.exit()).isEqualTo(ExitCode.FINDINGS.code());
    assertThat(run.out()).isEmpty();
    assertThat(Files.readString(out.resolve("r.json"))).contains("\"schemaVersion\" : 1");
    assertThat(Files.readString(out.resolve("r.sarif"))).contains("\"runs\"");
    assertThat(Files.readString(out.resolve("r.md"))).contains("| Layer | Root cause |");
    assertThat(Files.readString(out.resolve("r.txt"))).contains("Kubernetes (1)");
  }

  @Test
  void twoReportsOnStdoutIsAUsageError() {
    Cli.Run run = Cli.run("scan", dir.toString(), "--format", "json", "--format", "sarif");

    assertThat(run.exit()).isEqualTo(ExitCode.USAGE.code());
    assertOneLine(run.err()).contains("only one report can go to standard output");
  }

  @Test
  void moreOutputsThanFormatsIsAUsageError() {
    Cli.Run run =
        Cli.run("scan", dir.toString(), "--format", "json", "-o", "a.json", "-o", "b.json");

    assertThat(run.exit()).isEqualTo(ExitCode.USAGE.code());
    assertOneLine(run.err()).contains("--output: 2 given for 1 --format");
  }

  // ---- colour -------------------------------------------------------------------------------

  @ParameterizedTest(name = "--color {0}, terminal {1}, NO_COLOR={2} -> {3}")
  @CsvSource({
    "AUTO,   true,  ,   true",
    "AUTO,   true,  1,  false",
    "AUTO,   true,  '', true",
    "AUTO,   false, ,   false",
    "ALWAYS, false, 1,  true",
    "NEVER,  true,  ,   false",
  })
  void colourFollowsTheTerminalAndNoColor(
      OutputOptions.ColorWhen when, boolean terminal, String noColor, boolean expected) {
    assertThat(OutputOptions.useColor(when, terminal, noColor)).isEqualTo(expected);
  }

  @Test
  void colorAlwaysColoursTheTextReport() {
    Manifests.write(dir, "k8s/api.yaml", Manifests.HIGH);

    assertThat(Cli.run("scan", dir.toString(), "--color", "always").out())
        .contains("\u001b[31mHIGH");
    assertThat(Cli.run("scan", dir.toString()).out()).doesNotContain("\u001b");
  }

  // ---- rules and schema ---------------------------------------------------------------------

  @Test
  void rulesListsTheCatalogue() {
    Cli.Run run = Cli.run("rules");

    assertThat(run.exit()).isZero();
    for (Rule r : BuiltInRules.all()) {
      assertThat(run.out()).contains(r.info().id());
    }
  }

  @Test
  void rulesWithAnIdPrintsItsPage() {
    Cli.Run run = Cli.run("rules", "k8s/service-selects-nothing");

    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .startsWith("### `k8s/service-selects-nothing`")
        .contains("- Severity: critical", "- Fix: ");
  }

  @Test
  void anUnknownRuleIdExitsTwo() {
    Cli.Run run = Cli.run("rules", "k8s/nope");

    assertThat(run.exit()).isEqualTo(ExitCode.USAGE.code());
    assertOneLine(run.err())
        .isEqualTo("rootcause: unknown rule 'k8s/nope' (run 'rootcause rules' for the catalogue)");
  }

  // ---- helpers ------------------------------------------------------------------------------

  private static org.assertj.core.api.AbstractStringAssert<?> assertOneLine(String err) {
    assertThat(err.lines().toList()).as("exactly one line on stderr: %s", err).hasSize(1);
    assertThat(err).doesNotContain("\tat ");
    return assertThat(err.strip());
  }

  private static Cli.Run run(List<Rule> rules, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), rules)
            .execute(args);
    return new Cli.Run(exit, out.toString(), err.toString());
  }

  /** A rule with a bug: the engine must isolate it and the CLI exit 4. */
  @RuleSpec(
      id = "k8s/test-always-throws",
      severity = Severity.LOW,
      kind = dev.rootcause.model.FindingKind.ROOT_CAUSE,
      summary = "Throws on purpose",
      symptom = "none",
      fix = "None.")
  static final class AlwaysThrows implements ContainerRule {
    @Override
    public void check(Workload workload, Container container, RuleContext ctx) {
      throw new IllegalStateException("broken on purpose");
    }
  }

  /** A failure the engine does not catch (an Error): the CLI's last line of defence. */
  @RuleSpec(
      id = "k8s/test-throws-error",
      severity = Severity.LOW,
      kind = dev.rootcause.model.FindingKind.ROOT_CAUSE,
      summary = "Errs on purpose",
      symptom = "none",
      fix = "None.")
  static final class ThrowsError implements ContainerRule {
    @Override
    public void check(Workload workload, Container container, RuleContext ctx) {
      throw new AssertionError("unexpected state");
    }
  }
}
