package dev.rootcause.pipeline;

import dev.rootcause.collect.cluster.ClusterReadException;
import dev.rootcause.collect.cluster.ClusterReader;
import dev.rootcause.collect.cluster.DumpClusterReader;
import dev.rootcause.collect.cluster.LiveClusterReader;
import dev.rootcause.model.SystemModel;
import dev.rootcause.model.cluster.ClusterState;
import dev.rootcause.model.probe.CanaryReport;
import dev.rootcause.model.probe.Criterion;
import dev.rootcause.model.probe.ProbePlan;
import dev.rootcause.model.probe.ProbeReport;
import dev.rootcause.model.probe.ProbeResult;
import dev.rootcause.model.probe.Slo;
import dev.rootcause.model.probe.VerifyReport;
import dev.rootcause.rules.Rule;
import dev.rootcause.rules.RuleEngine;
import dev.rootcause.rules.RuleSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * The verify use case: reads the cluster (watched for the stability window while the URLs and the
 * canary are probed), runs the {@code runtime/*} rules on a model holding its state through the
 * same engine as every other command, and returns the gate: every criterion, and the findings.
 */
public final class Verifier {
  private final List<Rule> rules;
  private final Consumer<Prober.Progress> progress;
  private final Runnable progressDone;

  /**
   * A verifier with the built-in runtime rules; {@code progress} is told how load goes while the
   * URLs are probed, and {@code progressDone} runs when each load ends, so the display can clear.
   */
  public Verifier(Consumer<Prober.Progress> progress, Runnable progressDone) {
    this(
        BuiltInRules.all().stream()
            .filter(r -> ClusterCriteria.GATE.contains(r.info().id()))
            .toList(),
        progress,
        progressDone);
  }

  public Verifier(List<Rule> rules, Consumer<Prober.Progress> progress, Runnable progressDone) {
    this.rules = List.copyOf(rules);
    this.progress = progress;
    this.progressDone = progressDone;
  }

  /** What to verify; any part may be null, and at least one is not. */
  public record Request(Probe probe, Canary canary, Cluster cluster) {}

  /** The URLs and the objective they must meet; {@code slow} is the median called slow. */
  public record Probe(ProbePlan plan, Slo slo, Duration slow) {}

  /**
   * Baseline (first URL of the plan) against candidate (second), each one-sided test at {@code
   * alpha}; the slowdown tolerated is a share of the baseline median or at least {@code
   * toleranceMicros}.
   */
  public record Canary(
      ProbePlan plan, double alpha, double slowdownFraction, long toleranceMicros) {}

  /**
   * A namespace of a dump ({@code dump} non-null, dated {@code asOf} or by its pods file) or of a
   * live cluster ({@code kubeconfig}/{@code context}, either null for the default). Logs count from
   * {@code logsSince}, else {@code logsFor} before the time read, else from the window's start.
   */
  public record Cluster(
      Path dump,
      Instant asOf,
      Path kubeconfig,
      String context,
      String namespace,
      Duration stableFor,
      Duration pollInterval,
      Instant logsSince,
      Duration logsFor) {}

  /**
   * Runs the checks and returns the gate.
   *
   * @throws ClusterSourceException the cluster or dump could not be read
   * @throws InputException a plan the load generator refuses
   */
  public VerifyReport verify(Request request)
      throws ClusterSourceException, InputException, InterruptedException {
    Cluster cluster = request.cluster();
    ClusterReader reader = cluster == null ? null : open(cluster);
    try {
      CompletableFuture<ClusterState> observed = reader == null ? null : observe(reader, cluster);
      ProbeReport probe = null;
      if (request.probe() != null) {
        Probe p = request.probe();
        probe = ProbeReport.judge(load(p.plan()), p.slo(), p.slow());
      }
      CanaryReport canary = null;
      if (request.canary() != null) {
        Canary c = request.canary();
        ProbeResult r = load(c.plan());
        canary =
            CanaryReport.decide(
                r.endpoints().get(0),
                r.endpoints().get(1),
                c.alpha(),
                c.slowdownFraction(),
                c.toleranceMicros());
      }
      if (observed == null) {
        return new VerifyReport(probe, canary, null, List.of());
      }
      ClusterState state = await(observed);
      SystemModel model = SystemModel.builder().cluster(state).build();
      RuleEngine.Outcome outcome = new RuleEngine(rules, RuleSettings.DEFAULTS).run(model);
      List<Criterion> criteria = new ClusterCriteria(state, outcome).criteria();
      return new VerifyReport(probe, canary, state.source(), criteria, outcome.findings());
    } finally {
      if (reader != null) {
        reader.close();
      }
    }
  }

  private static ClusterReader open(Cluster cluster) throws ClusterSourceException {
    try {
      return cluster.dump() != null
          ? DumpClusterReader.open(cluster.dump(), cluster.asOf())
          : LiveClusterReader.connect(cluster.kubeconfig(), cluster.context());
    } catch (ClusterReadException e) {
      throw new ClusterSourceException(e.getMessage(), true);
    }
  }

  /** A live cluster is watched for the whole window while the probe runs, on its own thread. */
  private static CompletableFuture<ClusterState> observe(ClusterReader reader, Cluster cluster) {
    Instant since =
        cluster.logsSince() != null
            ? cluster.logsSince()
            : cluster.logsFor() != null ? reader.now().minus(cluster.logsFor()) : null;
    ClusterObserver observer = new ClusterObserver(cluster.stableFor(), cluster.pollInterval());
    CompletableFuture<ClusterState> result = new CompletableFuture<>();
    Thread.ofVirtual()
        .name("rootcause-cluster")
        .start(
            () -> {
              try {
                result.complete(observer.observe(reader, cluster.namespace(), since));
              } catch (Throwable t) {
                result.completeExceptionally(t);
              }
            });
    return result;
  }

  private static ClusterState await(CompletableFuture<ClusterState> observed)
      throws ClusterSourceException, InterruptedException {
    try {
      return observed.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ClusterReadException cre) {
        throw new ClusterSourceException(cre.getMessage(), cre.badInput());
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private ProbeResult load(ProbePlan plan) throws InputException, InterruptedException {
    try {
      return new Prober().measure(plan, progress);
    } finally {
      progressDone.run();
    }
  }
}
