package dev.rootcause.cli;

import dev.rootcause.model.ScanResult;
import dev.rootcause.model.Severity;
import dev.rootcause.model.cluster.Diagnosis;
import dev.rootcause.pipeline.ClusterSourceException;
import dev.rootcause.pipeline.Diagnoser;
import dev.rootcause.pipeline.IncidentEvidence;
import dev.rootcause.pipeline.InputException;
import dev.rootcause.pipeline.Scanner;
import dev.rootcause.pipeline.StandardInput;
import dev.rootcause.report.Notices;
import dev.rootcause.report.Redaction;
import dev.rootcause.report.RenderOptions;
import dev.rootcause.report.Renderers;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rootcause diagnose}: from what a cluster shows to why, read-only, live or from a dump. */
@Command(
    name = "diagnose",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Diagnoses a running system: reads a live cluster (read-only) or a dump of one and reports"
          + " each symptom with the cause that proves it.",
      "",
      "Reads pods (phase, conditions, container states, exit codes, restarts), their last logs,"
          + " events, Services and Endpoints, and reports CrashLoopBackOff with the cause its last"
          + " log names (a missing env var, a module or file not found, permission denied, an"
          + " address in use, a dependency refused or not resolved, an entrypoint not in the"
          + " image), ImagePullBackOff with the registry's answer, OOMKilled with the limit,"
          + " failing liveness and readiness probes with what they met, and Services without"
          + " endpoints with why. Findings that break the user's path come first.",
      "",
      "Also reads nodes, controllers and their conditions, claims, autoscalers, quotas and network"
          + " policies, and reports pods the scheduler places nowhere (and why), pods a controller"
          + " cannot create (quota, PodSecurity, ServiceAccount), missing ConfigMaps, Secrets and"
          + " keys, stuck rollouts, autoscalers without metrics, hosts in the logs that are no"
          + " reachable Service, a high share of 5xx, and retries without backoff. Every scan"
          + " rule also runs on the cluster's own specs (workloads, Services, ConfigMaps,"
          + " Ingresses, PodDisruptionBudgets, policies, autoscalers).",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  rootcause diagnose --context k3d-prod -n production",
      "  rootcause diagnose -A --timeout 20s",
      "  kubectl cluster-info dump -n production --output-directory ./state",
      "  rootcause diagnose --dump ./state --as-of 2025-02-11T16:52:00Z",
      "  rootcause diagnose --dump pods-events-services.yaml --format markdown",
      "  rootcause diagnose --dump ./state --repo .          # each symptom at the line to fix",
      "  rootcause diagnose -n production deploy/api-service  # one workload and what it touches",
      "  rootcause diagnose -n production -l app=checkout --save-dump ./for-review",
      "",
      "The live path only gets, lists and reads pod logs: docs/rbac.yaml is the ClusterRole it"
          + " needs. A kind it may not read is skipped with a note.",
      "",
      "Exit codes: 0 nothing at or above --fail-on; 1 findings at or above --fail-on; 2 bad usage"
          + " or a dump that is not kubectl output; 3 the cluster could not be read (unreachable,"
          + " no answer within --timeout); 4 internal error.",
    })
final class DiagnoseCommand implements Callable<Integer> {
  /** Files of the repository larger than this are skipped, as {@code scan}'s default. */
  private static final long REPO_MAX_FILE_BYTES = 8L << 20;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--dump",
      paramLabel = "FILE|DIR|-",
      description =
          "Offline cluster state: kubectl get ... -o yaml|json output (a List,"
              + " multi-document YAML, or a folder of such files), or a kubectl cluster-info dump"
              + " --output-directory folder, or its output to one file; '-' reads it from standard"
              + " input.")
  Path dump;

  @Option(
      names = "--repo",
      paramLabel = "DIR",
      description =
          "The repository the cluster runs: a symptom and the line that causes it (a"
              + " scan rule that explains it: on the same workload and container, at the stack"
              + " frame its log shows, or in the code its image is built from) become one finding"
              + " at that line, with the cluster's evidence. Its other findings are listed too.")
  Path repo;

  @Option(
      names = "--as-of",
      paramLabel = "TIME",
      description =
          "Dump: when it was taken. Default: the modification time of its pods file; the"
              + " newest time the dump holds when the file time is later than its events could"
              + " have lived (an hour by default: the file is a copy or a checkout).")
  String asOf;

  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description = "Kubeconfig of a live cluster. Default: $KUBECONFIG, else ~/.kube/config.")
  Path kubeconfig;

  @Option(
      names = "--context",
      paramLabel = "NAME",
      description = "Kubeconfig context. Default: the current context.")
  String context;

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NS",
      description =
          "Namespace to diagnose. Default: the context's namespace (live), every"
              + " namespace (dump).")
  String namespace;

  @Option(
      names = {"-A", "--all-namespaces"},
      description = "Diagnose every namespace.")
  boolean allNamespaces;

  @Option(
      names = {"-l", "--selector"},
      paramLabel = "SELECTOR",
      description =
          "Only pods with these labels, as kubectl -l takes them (app=api,tier!=cache,"
              + " env in (prod,staging)), with their workloads and the Services in front of them"
              + " or called by them.")
  String selector;

  @CommandLine.Parameters(
      arity = "0..1",
      paramLabel = "KIND/NAME",
      description =
          "One object and what it depends on or what depends on it: deploy/api-service (its"
              + " pods, ReplicaSets, autoscaler and Services), svc/gateway (its pods and their"
              + " workloads), pod/NAME, sts/, ds/, job/, hpa/.")
  String target;

  @Option(
      names = "--save-dump",
      paramLabel = "DIR",
      description =
          "Also write what was read to DIR (a new folder) as a kubectl cluster-info dump"
              + " --output-directory folder, redacted (env values, tokens, passwords), that"
              + " --dump DIR reads back to the same findings.")
  Path saveDump;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "10s",
      description =
          "Give up on a live cluster that has not answered within this (a dump is read"
              + " to its end). Default:"
              + " ${DEFAULT-VALUE}.")
  String timeout;

  @Mixin FailOn failOn;

  @Option(
      names = {"-v", "--verbose"},
      description = "Also print notes (kinds not read).")
  boolean verbose;

  @Mixin OutputOptions output;

  @Mixin IncidentOption incident;

  @Override
  public Integer call() throws IOException, InputException, InterruptedException {
    Severity threshold = failOn.threshold();
    IncidentEvidence evidence = incident.open();
    if (dump != null && (kubeconfig != null || context != null)) {
      throw new InputException("give --dump or a live cluster (--kubeconfig/--context), not both");
    }
    if (namespace != null && allNamespaces) {
      throw new InputException("give -n/--namespace or -A/--all-namespaces, not both");
    }
    Duration limit = Durations.parse(timeout, "--timeout");
    if (limit.isZero() || limit.isNegative()) {
      throw new InputException("--timeout must be more than 0");
    }
    Instant asOfTime = asOf == null ? null : VerifyCommand.instant(asOf, "--as-of");
    PrintWriter err = spec.commandLine().getErr();
    Diagnosis diagnosis;
    // kubectl get pods,events,services -n production -o yaml | rootcause diagnose --dump -
    try (StandardInput stdin =
        StandardInput.means(dump)
            ? StandardInput.copy(System.in, "stdin.yaml", VerifyCommand.MAX_DUMP_BYTES, null)
            : null) {
      diagnosis =
          new Diagnoser()
              .diagnose(
                  new Diagnoser.Source(
                      stdin == null ? dump : stdin.path(),
                      asOfTime,
                      kubeconfig,
                      context,
                      namespace,
                      allNamespaces,
                      limit,
                      new Diagnoser.Selection(selector, target, saveDump, Redaction::redact)),
                  repo,
                  new Scanner.Options(null, REPO_MAX_FILE_BYTES));
    } catch (ClusterSourceException e) {
      if (e.badInput()) {
        throw new InputException(Redaction.redact(e.getMessage()));
      }
      err.println("rootcause: " + Redaction.redact(e.getMessage()));
      err.flush();
      return ExitCode.INCOMPLETE.code();
    }
    ScanResult result = diagnosis.result();
    new Notices(output.textOnStdout(), verbose).render(result, err);
    output.write(Renderers.DIAGNOSE, diagnosis, new RenderOptions(false, false, false));
    IncidentOption.keep(evidence, e -> e.diagnosis(diagnosis), err);
    return FailOn.exitCode(result, threshold);
  }
}
