package dev.rootcause.cli;

import dev.rootcause.model.probe.ProbePlan;
import dev.rootcause.model.probe.ProbeReport;
import dev.rootcause.model.probe.ProbeResult;
import dev.rootcause.model.probe.Slo;
import dev.rootcause.pipeline.IncidentEvidence;
import dev.rootcause.pipeline.InputException;
import dev.rootcause.pipeline.Prober;
import dev.rootcause.report.Redaction;
import dev.rootcause.report.Renderers;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rootcause probe URL...}: bounded HTTP load, latency percentiles, and what kind of failing.
 */
@Command(
    name = "probe",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Sends bounded HTTP/1.1 load to each URL and reports latency percentiles, statuses, errors"
          + " (refused, reset, timeout, TLS, DNS), a per-second series and samples of failing"
          + " responses. Says whether a URL is healthy, slow, intermittent (with a 95%% interval on"
          + " the failure rate), always failing or unreachable, and checks an SLO.",
      "",
      "Closed model by default (--concurrency connections, each sending when its last answer"
          + " came); --rate switches to the open model, where latency is measured from each"
          + " request's scheduled time so a stall cannot hide (as wrk2 does).",
      "",
      "Load is bounded: --requests or --duration is required. --duration bounds the whole run:"
          + " requests still unanswered when it ends are cut off (those that waited 1s or more"
          + " count as timed out).",
      "",
      "Without --slo, each URL must pass one check: it answered, and most answers were not"
          + " server errors (5xx). A service that refuses every connection, times out, fails TLS"
          + " or DNS, or answers 5xx to everything exits 1."
    },
    footer = {
      "",
      "Examples:",
      "  rootcause probe http://localhost:5001/ --requests 20",
      "  rootcause probe https://api.example.com/healthz -d 30s --concurrency 50 --slo 'p95<2s,success>=99.9%%'",
      "  rootcause probe http://localhost:8080/api/orders -X POST -H 'Content-Type: application/json'"
          + " --data '{\"item\":\"laptop\"}' --rate 50 --duration 1m",
      "",
      "Exit codes: 0 SLO met (without --slo: every URL answered, mostly not 5xx), 1 SLO violated"
          + " (or a URL failed that check), 2 bad usage, 4 internal error.",
    })
final class ProbeCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      paramLabel = "URL",
      arity = "1..*",
      description = "http:// or https:// URLs (the scheme is required).")
  List<String> urls;

  @Mixin LoadOptions load;

  @Option(
      names = "--slo",
      paramLabel = "SPEC",
      description =
          "Objective to check, e.g. 'p95<2s,p99<5s,success>=99.9%%,rps>=50'. Exit 1 when"
              + " violated.")
  String slo;

  @Option(
      names = "--slow",
      paramLabel = "DURATION",
      defaultValue = "1s",
      description =
          "Call a URL slow when its median latency is at least this. Default:"
              + " ${DEFAULT-VALUE}.")
  String slow;

  @Mixin LoadDisplay display;

  @Mixin OutputOptions output;

  @Option(
      names = "--record",
      paramLabel = "SERVICE",
      description =
          "Keep what was measured (good and bad requests, latency percentiles) for SERVICE in the"
              + " incident store: 'budget' replays its burn-rate alerts over these records and"
              + " charges incidents the bad share they measured. Run it on a schedule (cron).")
  String record;

  @Mixin IncidentOption incident;

  @Override
  public Integer call() throws IOException, InputException, InterruptedException {
    Slo objective = parseSlo(slo);
    IncidentEvidence evidence = incident.open(record);
    Duration slowThreshold = Durations.parse(slow, "--slow");
    ProbePlan plan = load.plan(urls, 10, false);
    ProbeReport report = ProbeReport.judge(run(plan, display, spec), objective, slowThreshold);
    output.write(Renderers.PROBE, report, display.options());
    IncidentOption.keep(evidence, e -> e.probe(report), spec.commandLine().getErr());
    return report.passed() ? ExitCode.OK.code() : ExitCode.FINDINGS.code();
  }

  static Slo parseSlo(String text) throws InputException {
    if (text == null) {
      return null;
    }
    try {
      return Slo.parse(text);
    } catch (Slo.SyntaxException e) {
      throw new InputException("--slo: " + e.getMessage());
    }
  }

  /** Measures {@code plan}, with a progress line on standard error while it runs. */
  static ProbeResult run(ProbePlan plan, LoadDisplay display, CommandLine.Model.CommandSpec spec)
      throws InputException, InterruptedException {
    ProgressLine progress = display.progress(spec.commandLine().getErr());
    try {
      return new Prober().measure(plan, progress);
    } catch (InputException e) {
      // A URL in the message may carry a token in its query.
      throw new InputException(Redaction.redact(e.getMessage()));
    } finally {
      progress.clear();
    }
  }
}
