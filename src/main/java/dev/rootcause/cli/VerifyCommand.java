package dev.rootcause.cli;

import dev.rootcause.model.probe.ProbePlan;
import dev.rootcause.model.probe.Slo;
import dev.rootcause.model.probe.VerifyReport;
import dev.rootcause.pipeline.ClusterSourceException;
import dev.rootcause.pipeline.IncidentEvidence;
import dev.rootcause.pipeline.InputException;
import dev.rootcause.pipeline.StandardInput;
import dev.rootcause.pipeline.Verifier;
import dev.rootcause.report.Redaction;
import dev.rootcause.report.Renderers;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rootcause verify}: the "is it fixed?" gate of seed 002's Phase 4, and the canary decision
 * seed 004 lacked.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Checks that a fix worked: each criterion printed as PASS or FAIL with its measured value.",
      "",
      "Criteria:",
      "  - the URLs answer within the SLO (default: success=100%%,max<2s over 20 requests on one"
          + " connection, as seed 002's curl loop);",
      "  - with --kubeconfig/--context (live) or --dump (kubectl output) and --namespace: all pods"
          + " Running and Ready, no restarts for --stable-for, no error lines in the logs since"
          + " --logs-since;",
      "  - with --baseline and --candidate: both get the same load at the same time and the"
          + " candidate is PROMOTEd or ROLLBACKed on statistics (Fisher/z-test on errors,"
          + " Mann-Whitney U and Hodges-Lehmann on latency)."
    },
    footer = {
      "",
      "Examples:",
      "  rootcause verify http://localhost:8080/api/orders -X POST -H 'Content-Type: application/json'"
          + " --data '{\"item\":\"x\",\"quantity\":1}' --requests 20 --slo 'success=100%%,max<2s'"
          + " --context k3d-brokenprod -n production --stable-for 2m",
      "  rootcause verify --dump ./cluster-state -n production --as-of 2025-02-11T17:30:00Z",
      "  rootcause verify --baseline http://v1.internal/ --candidate http://v2.internal/ --requests 200",
      "",
      "Exit codes: 0 every criterion passed (PROMOTE), 1 a criterion failed (ROLLBACK), 2 bad"
          + " usage or unreadable dump, 3 cluster unreachable, 4 internal error.",
    })
final class VerifyCommand implements Callable<Integer> {
  /** The most of standard input {@code --dump -} keeps: a kubectl dump of a large cluster. */
  static final long MAX_DUMP_BYTES = 1L << 30;

  static final String DEFAULT_SLO = "success=100%,max<2s";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "URL", arity = "0..*", description = "URLs that must meet the SLO.")
  List<String> urls = new ArrayList<>();

  @Mixin LoadOptions load;

  @Option(
      names = "--slo",
      paramLabel = "SPEC",
      description = "Objective for the URLs. Default: success=100%%,max<2s.")
  String slo;

  @Option(
      names = "--slow",
      paramLabel = "DURATION",
      defaultValue = "1s",
      description = "A median latency at least this is called slow. Default: ${DEFAULT-VALUE}.")
  String slow;

  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description = "Kubeconfig of a live cluster.")
  Path kubeconfig;

  @Option(
      names = "--context",
      paramLabel = "NAME",
      description = "Kubeconfig context of a live cluster.")
  String context;

  @Option(
      names = "--dump",
      paramLabel = "FILE|DIR|-",
      description =
          "Offline cluster state: kubectl get pods -o yaml/json output, or a kubectl"
              + " cluster-info dump --output-directory folder; '-' reads it from standard input.")
  Path dump;

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NS",
      description = "Namespace whose pods to check.")
  String namespace;

  @Option(
      names = "--stable-for",
      paramLabel = "DURATION",
      defaultValue = "2m",
      description = "Pods must run without a restart for this long. Default: ${DEFAULT-VALUE}.")
  String stableFor;

  @Option(
      names = "--poll-interval",
      paramLabel = "DURATION",
      defaultValue = "5s",
      description =
          "Live: look at the pods this often during --stable-for. Default: ${DEFAULT-VALUE}.")
  String pollInterval;

  @Option(
      names = "--logs-since",
      paramLabel = "DURATION|TIME",
      description =
          "Count error lines since this time (2025-02-11T17:00:00Z) or this long before"
              + " now (10m). Default: the --stable-for window.")
  String logsSince;

  @Option(
      names = "--as-of",
      paramLabel = "TIME",
      description = "Dump: when it was taken. Default: the modification time of its pods file.")
  String asOf;

  @Option(names = "--baseline", paramLabel = "URL", description = "Canary: the current version.")
  String baseline;

  @Option(names = "--candidate", paramLabel = "URL", description = "Canary: the new version.")
  String candidate;

  @Option(
      names = "--alpha",
      paramLabel = "P",
      defaultValue = "0.05",
      description = "Canary: significance level of each one-sided test. Default: ${DEFAULT-VALUE}.")
  double alpha;

  @Option(
      names = "--max-slowdown",
      paramLabel = "PCT|DURATION",
      defaultValue = "10%",
      description =
          "Canary: slowdown tolerated before latency alone rolls back, as a share of the"
              + " baseline median (10%%) or a duration (50ms); never below 1ms. Default: ${DEFAULT-VALUE}.")
  String maxSlowdown;

  @Mixin LoadDisplay output;

  @Mixin OutputOptions reports;

  @Mixin IncidentOption incident;

  @Override
  public Integer call() throws IOException, InputException, InterruptedException {
    IncidentEvidence evidence = incident.open();
    boolean canary = baseline != null || candidate != null;
    boolean cluster = dump != null || kubeconfig != null || context != null;
    if (canary && (baseline == null || candidate == null)) {
      throw new InputException("--baseline and --candidate go together");
    }
    if (urls.isEmpty() && !canary && !cluster) {
      throw new InputException(
          "nothing to verify: give URLs, --baseline/--candidate, or a cluster"
              + " (--context, --kubeconfig or --dump) with --namespace");
    }
    if (cluster && namespace == null) {
      throw new InputException("--namespace is required with --context, --kubeconfig or --dump");
    }
    if (dump != null && (kubeconfig != null || context != null)) {
      throw new InputException("give --dump or a live cluster (--kubeconfig/--context), not both");
    }
    if (!(alpha > 0 && alpha < 0.5)) {
      throw new InputException("--alpha " + alpha + ": must be between 0 and 0.5");
    }
    Slo objective = ProbeCommand.parseSlo(slo != null ? slo : urls.isEmpty() ? null : DEFAULT_SLO);
    Duration slowThreshold = Durations.parse(slow, "--slow");
    Duration window = Durations.parse(stableFor, "--stable-for");
    Duration poll = Durations.parse(pollInterval, "--poll-interval");
    if (window.compareTo(Duration.ofHours(1)) > 0 || poll.isZero()) {
      throw new InputException("--stable-for must be at most 1h and --poll-interval more than 0");
    }
    if (load.requests == null && load.duration == null) {
      // The gate is seed 002's: twenty requests. A canary needs more to have any power.
      load.requests = canary && urls.isEmpty() ? 100L : 20L;
    }
    ProbePlan probePlan = urls.isEmpty() ? null : load.plan(urls, 1, false);
    ProbePlan canaryPlan = canary ? load.plan(List.of(baseline, candidate), 1, true) : null;
    Slowdown slowdown = slowdown(maxSlowdown);
    Instant asOfTime = asOf == null ? null : instant(asOf, "--as-of");

    // kubectl get pods -o yaml | rootcause verify --dump - -n production
    try (StandardInput stdin =
        StandardInput.means(dump)
            ? StandardInput.copy(System.in, "stdin.yaml", MAX_DUMP_BYTES, null)
            : null) {
      Path source = stdin == null ? dump : stdin.path();
      Verifier.Cluster target =
          cluster
              ? new Verifier.Cluster(
                  source,
                  asOfTime,
                  kubeconfig,
                  context,
                  namespace,
                  window,
                  poll,
                  logsSinceTime(),
                  logsSinceDuration())
              : null;
      ProgressLine progress = output.progress(spec.commandLine().getErr());
      VerifyReport report;
      try {
        report =
            new Verifier(progress, progress::clear)
                .verify(
                    new Verifier.Request(
                        probePlan == null
                            ? null
                            : new Verifier.Probe(probePlan, objective, slowThreshold),
                        canaryPlan == null
                            ? null
                            : new Verifier.Canary(
                                canaryPlan, alpha, slowdown.fraction, slowdown.micros),
                        target));
      } catch (ClusterSourceException e) {
        if (e.badInput()) {
          throw new InputException(Redaction.redact(e.getMessage()));
        }
        spec.commandLine().getErr().println("rootcause: " + Redaction.redact(e.getMessage()));
        spec.commandLine().getErr().flush();
        return ExitCode.INCOMPLETE.code();
      }
      reports.write(Renderers.VERIFY, report, output.options());
      IncidentOption.keep(evidence, e -> e.verify(report), spec.commandLine().getErr());
      return report.passed() ? ExitCode.OK.code() : ExitCode.FINDINGS.code();
    }
  }

  private record Slowdown(double fraction, long micros) {}

  private static Slowdown slowdown(String text) throws InputException {
    String t = text.trim();
    if (t.endsWith("%")) {
      try {
        double pct = Double.parseDouble(t.substring(0, t.length() - 1));
        if (pct < 0 || pct > 1000) {
          throw new NumberFormatException();
        }
        return new Slowdown(pct / 100, 1_000);
      } catch (NumberFormatException e) {
        throw new InputException("--max-slowdown '" + text + "' is not a percentage (try 10%)");
      }
    }
    Duration d = Durations.parse(t, "--max-slowdown");
    return new Slowdown(0, Math.max(1_000, d.toNanos() / 1_000));
  }

  static Instant instant(String text, String option) throws InputException {
    try {
      return OffsetDateTime.parse(text.trim()).toInstant();
    } catch (DateTimeParseException e) {
      throw new InputException(option + " '" + text + "' is not a time like 2025-02-11T17:30:00Z");
    }
  }

  /** {@code --logs-since} as a time, or null when it is a duration or not given. */
  private Instant logsSinceTime() throws InputException {
    return logsSince == null || isDuration(logsSince) ? null : instant(logsSince, "--logs-since");
  }

  /** {@code --logs-since} as a duration before the time the cluster is read, or null. */
  private Duration logsSinceDuration() throws InputException {
    return logsSince == null || !isDuration(logsSince)
        ? null
        : Durations.parse(logsSince.trim().toLowerCase(Locale.ROOT), "--logs-since");
  }

  private static boolean isDuration(String text) {
    return text.trim().toLowerCase(Locale.ROOT).matches("[0-9.]+(ms|us|s|m|h)+");
  }
}
