package dev.rootcause.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.model.RuleInfo;
import dev.rootcause.pipeline.BuiltInRules;
import dev.rootcause.pipeline.InputException;
import dev.rootcause.pipeline.SettingsLoader;
import dev.rootcause.rules.Rule;
import dev.rootcause.rules.RuleSettings;
import dev.rootcause.testing.Cli;
import dev.rootcause.testing.Manifests;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * What users of kube-linter, hadolint, trivy and kubectl reach for first: manifests piped in on
 * standard input, shell completion, a starting config, a progress line on long scans (and none in
 * pipes), and help examples that paste whole.
 */
class CliHabitsTest {
  @TempDir Path dir;

  // ---- scan - -----------------------------------------------------------------------------

  @Test
  void scanDashReadsManifestsFromStandardInputAndPointsAtStdinLines() {
    Cli.Run run =
        withStdin(
            "---\n# Source: api/templates/deployment.yaml\n" + Manifests.HIGH,
            () -> Cli.run("scan", "-", "--format", "text"));

    assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.FINDINGS.code());
    assertThat(run.out())
        .contains("k8s/probe-port-not-exposed", "at        <stdin>:14:")
        .contains("Read 1 file: 1 manifest, 0 Dockerfiles, 0 source files.");
  }

  @Test
  void scanDashReadsKubectlJsonToo() {
    String json =
        """
        {"apiVersion": "v1", "kind": "List", "items": [
          {"apiVersion": "apps/v1", "kind": "Deployment",
           "metadata": {"name": "api", "namespace": "shop"},
           "spec": {"template": {"metadata": {"labels": {"app": "api"}}, "spec": {"containers": [
             {"name": "api", "image": "api:2.0.0", "ports": [{"containerPort": 3000}],
              "livenessProbe": {"httpGet": {"path": "/healthz", "port": 8080}}}]}}}}]}
        """;

    Cli.Run run = withStdin(json, () -> Cli.run("scan", "-", "--fail-on", "none"));

    assertThat(run.out()).contains("k8s/probe-port-not-exposed", "<stdin>:6:");
  }

  @Test
  void emptyStandardInputIsNotAPass() {
    Cli.Run run = withStdin("", () -> Cli.run("scan", "-"));

    assertThat(run.exit()).isEqualTo(ExitCode.USAGE.code());
    assertThat(run.err()).contains("nothing checked", "<stdin>");
  }

  @Test
  void standardInputAboveTheSizeLimitIsRefusedWithTheWayOut() {
    Cli.Run run = withStdin(Manifests.HIGH, () -> Cli.run("scan", "-", "--max-file-size", "100"));

    assertThat(run.exit()).isEqualTo(ExitCode.USAGE.code());
    assertThat(run.err()).contains("standard input is larger than", "--max-file-size");
  }

  // ---- completion ---------------------------------------------------------------------------

  @Test
  void completionScriptsKnowEveryCommandAndOption() {
    for (String shell : List.of("bash", "zsh")) {
      Cli.Run run = Cli.run("completion", shell);

      assertThat(run.exit()).isZero();
      assertThat(run.out())
          .contains("complete -F", "rootcause")
          .contains("scan", "probe", "verify", "init", "--fail-on", "--max-file-size")
          .contains("ZSH_VERSION");
    }
  }

  @Test
  void anUnknownShellIsAUsageError() {
    Cli.Run run = Cli.run("completion", "fish");

    assertThat(run.exit()).isEqualTo(ExitCode.USAGE.code());
    assertThat(run.err()).contains("fish", "bash, zsh");
  }

  // ---- init ---------------------------------------------------------------------------------

  @Test
  void initWritesACommentedConfigThatTheStrictLoaderAccepts() throws Exception {
    Cli.Run run = Cli.run("init", dir.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    Path config = dir.resolve(".rootcause.yaml");
    String text = Files.readString(config);
    assertThat(text)
        .contains(
            "# ",
            "exclude: []",
            "ignorePaths: []",
            "k8s/probe-timing-too-aggressive:",
            "minInitialDelaySeconds: ");
    assertThat(load(config)).isEqualTo(RuleSettings.DEFAULTS);
  }

  @Test
  void everyThresholdInitListsLoadsOnceUncommented() throws Exception {
    Cli.run("init", dir.toString());
    Path config = dir.resolve(".rootcause.yaml");
    String text =
        Files.readString(config)
            .replace("thresholds: {}", "thresholds:")
            .replaceAll("(?m)^#  (\\S+:|  \\w+: \\d+)", "  $1");
    Files.writeString(config, text);

    RuleSettings settings = load(config);

    List<RuleInfo> catalogue = BuiltInRules.all().stream().map(Rule::info).toList();
    for (RuleInfo rule : catalogue) {
      for (RuleInfo.Threshold t : rule.thresholds()) {
        assertThat(settings.threshold(rule.id(), t.name())).contains(t.defaultValue());
      }
    }
  }

  @Test
  void initRefusesToOverwriteWithoutForce() throws Exception {
    Path config =
        Manifests.write(dir, ".rootcause.yaml", "rules: {exclude: [k8s/missing-resources]}\n");

    Cli.Run refused = Cli.run("init", dir.toString());

    assertThat(refused.exit()).isEqualTo(ExitCode.USAGE.code());
    assertThat(refused.err()).contains("already exists", "--force");
    assertThat(Files.readString(config)).startsWith("rules: {exclude");

    Cli.Run forced = Cli.run("init", dir.toString(), "--force");

    assertThat(forced.exit()).isZero();
    assertThat(Files.readString(config)).startsWith("# rootcause configuration");
  }

  // ---- progress -----------------------------------------------------------------------------

  @Test
  void aScanLongerThanASecondOnATerminalShowsProgressThenClearsIt() throws Exception {
    StringWriter err = new StringWriter();
    try (ScanProgress progress = new ScanProgress(new PrintWriter(err, true), true)) {
      progress.filesFound(1200);
      for (int i = 0; i < 300; i++) {
        progress.fileDone();
      }
      Thread.sleep(ScanProgress.DELAY.toMillis() + 400);
    }

    assertThat(err.toString()).contains("\r  reading 300 of 1,200 files").endsWith("\r");
  }

  @Test
  void aQuickScanAndAPipeShowNoProgress() throws Exception {
    StringWriter quick = new StringWriter();
    try (ScanProgress progress = new ScanProgress(new PrintWriter(quick, true), true)) {
      progress.filesFound(3);
    }
    StringWriter piped = new StringWriter();
    try (ScanProgress progress = new ScanProgress(new PrintWriter(piped, true), false)) {
      progress.filesFound(3);
      Thread.sleep(ScanProgress.DELAY.toMillis() + 300);
    }
    Manifests.write(dir, "k8s/web.yaml", Manifests.HEALTHY);

    Cli.Run run = Cli.run("scan", dir.toString(), "--no-cache");

    assertThat(quick.toString()).isEmpty();
    assertThat(piped.toString()).isEmpty();
    assertThat(run.err()).doesNotContain("\r");
  }

  // ---- help ---------------------------------------------------------------------------------

  @Test
  void helpExamplesAreNeverBrokenInsideAToken() {
    CommandLine cli =
        Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    for (int width : new int[] {55, 80}) {
      for (CommandLine command : cli.getSubcommands().values()) {
        command.getCommandSpec().usageMessage().width(width);
        String help = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
        String joined = help.replaceAll(" \\\\\\R {6}", " ");
        for (String line : command.getCommandSpec().usageMessage().footer()) {
          if (line.startsWith("  rootcause ") && !line.endsWith("\\")) {
            String example = String.format(line).strip().replaceAll(" +", " ");
            assertThat(joined)
                .as("%s at width %d", command.getCommandName(), width)
                .contains(example);
          }
        }
        assertThat(help.lines().filter(l -> l.startsWith("  rootcause") || l.startsWith("      ")))
            .as("%s at width %d", command.getCommandName(), width)
            .allMatch(l -> l.length() <= width || !l.strip().contains(" "));
      }
    }
  }

  @Test
  void verifyReadsADumpFromStandardInput() throws Exception {
    String pods = Files.readString(Path.of("src/test/resources/verify/seed-002-broken/pods.yaml"));

    Cli.Run run =
        withStdin(
            pods,
            () ->
                Cli.run(
                    "verify",
                    "--dump",
                    "-",
                    "-n",
                    "production",
                    "--as-of",
                    "2025-02-11T16:52:00Z"));

    assertThat(run.err()).isEmpty();
    assertThat(run.out()).containsPattern("FAIL  all pods Running and Ready +measured 3/6 pods");
  }

  @Test
  void diagnoseReadsADumpFromStandardInput() throws Exception {
    String pods =
        Files.readString(Path.of("src/test/resources/diagnose/seed-002-broken/pods.yaml"));

    Cli.Run run =
        withStdin(
            pods,
            () ->
                Cli.run(
                    "diagnose",
                    "--dump",
                    "-",
                    "--as-of",
                    "2025-02-11T16:52:00Z",
                    "--color",
                    "never"));

    assertThat(run.err()).doesNotContain("rootcause: error");
    assertThat(run.out())
        .contains("runtime/crash-loop-back-off", "Deployment production/database-service");
  }

  @Test
  void probeSendsARequestBodyFromStandardInput() throws Exception {
    java.util.List<String> bodies = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (dev.rootcause.testing.HttpFixture app =
        dev.rootcause.testing.HttpFixture.start()
            .on(
                "/api/orders",
                exchange -> {
                  bodies.add(
                      new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                  exchange.sendResponseHeaders(201, -1);
                })) {
      Cli.Run run =
          withStdin(
              "{\"item\": \"laptop\", \"quantity\": 1}",
              () ->
                  Cli.run(
                      "probe",
                      app.url("/api/orders"),
                      "-X",
                      "POST",
                      "--data-file",
                      "-",
                      "--requests",
                      "3",
                      "-q"));

      assertThat(run.exit()).as(run.err()).isZero();
      assertThat(bodies).hasSize(3).containsOnly("{\"item\": \"laptop\", \"quantity\": 1}");
    }
  }

  // ---- helpers ------------------------------------------------------------------------------

  private static RuleSettings load(Path config) throws InputException {
    return new SettingsLoader(BuiltInRules.all().stream().map(Rule::info).toList())
        .load(config, ".rootcause.yaml");
  }

  private static Cli.Run withStdin(String text, java.util.function.Supplier<Cli.Run> run) {
    InputStream saved = System.in;
    System.setIn(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    try {
      return run.get();
    } finally {
      System.setIn(saved);
    }
  }
}
