package dev.rootcause.serve;

import dev.rootcause.model.ScanResult;
import dev.rootcause.model.probe.Header;
import dev.rootcause.model.probe.LoadModel;
import dev.rootcause.model.probe.ProbePlan;
import dev.rootcause.model.probe.ProbeReport;
import dev.rootcause.model.probe.Slo;
import dev.rootcause.model.probe.StatusPolicy;
import dev.rootcause.model.probe.VerifyReport;
import dev.rootcause.pipeline.ClusterSourceException;
import dev.rootcause.pipeline.IncidentEvidence;
import dev.rootcause.pipeline.Incidents;
import dev.rootcause.pipeline.InputException;
import dev.rootcause.pipeline.Prober;
import dev.rootcause.pipeline.Scanner;
import dev.rootcause.pipeline.Verifier;
import dev.rootcause.report.Notices;
import dev.rootcause.report.Redaction;
import dev.rootcause.serve.Views.RunTarget;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * The runs the operator allowed with {@code --allow-run}: a page may scan exactly these folders, or
 * probe and verify exactly these URLs, and keep the result as the incident's evidence the way
 * {@code --incident ID} does. A run is named by its index, never by a path or URL, so no request
 * can reach anything the operator did not list; the load is fixed here, not by the request.
 */
final class Runs {
  private static final long MAX_FILE_BYTES = 8L * 1024 * 1024;

  /** A page's probe: enough requests to see an intermittent failure, never a load test. */
  static final int PROBE_REQUESTS = 50;

  static final int PROBE_CONCURRENCY = 4;

  /** A page's verify: the twenty-request gate {@code verify} uses by default, one connection. */
  static final int VERIFY_REQUESTS = 20;

  /** Both stop after this, answered or not, so a hung service cannot hold a request for long. */
  static final Duration MAX_RUN = Duration.ofSeconds(30);

  private static final String VERIFY_SLO = "success=100%,max<2s";

  private final List<RunTarget> targets;
  private final String store;
  private final Clock clock;

  /** One run at a time: a page cannot stack load on a service that is already hurting. */
  private final Semaphore running = new Semaphore(1);

  Runs(List<String> folders, List<String> urls, String store, Clock clock) {
    List<RunTarget> t = new ArrayList<>();
    folders.forEach(f -> t.add(new RunTarget(t.size(), "scan", f)));
    for (String u : urls) {
      t.add(new RunTarget(t.size(), "probe", u));
      t.add(new RunTarget(t.size(), "verify", u));
    }
    this.targets = List.copyOf(t);
    this.store = store;
    this.clock = clock;
  }

  /** What the page offers; URLs shown redacted, as in every other output. */
  List<RunTarget> targets() {
    return targets.stream()
        .map(t -> new RunTarget(t.index(), t.kind(), Safe.text(t.target())))
        .toList();
  }

  /**
   * Runs the allowed target at {@code index} and attaches its result to the incident; returns what
   * to tell the person who asked.
   */
  String run(Incidents incidents, String id, String index) throws InputException {
    RunTarget target = target(index);
    incidents.show(id);
    IncidentEvidence evidence =
        IncidentEvidence.open(new IncidentEvidence.Request(store, id, null, false, null), clock);
    if (!running.tryAcquire()) {
      throw new InputException("another run is going; try again when it has finished");
    }
    try {
      return switch (target.kind()) {
        case "scan" -> evidence.scan(scan(target.target()));
        case "probe" -> evidence.probe(probe(target.target()));
        default -> evidence.verify(verify(target.target()));
      };
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InputException("the run of " + Safe.text(target.target()) + " was interrupted");
    } finally {
      running.release();
    }
  }

  private static ScanResult scan(String folder) throws InputException {
    ScanResult result;
    try {
      result =
          new Scanner()
              .scan(
                  java.nio.file.Path.of(folder),
                  new Scanner.Options(null, MAX_FILE_BYTES, Scanner.defaultCacheDir()));
    } catch (IOException e) {
      throw new InputException("cannot scan " + folder + ": " + e.getMessage());
    }
    String nothing = Notices.nothingRead(result);
    if (nothing != null) {
      throw new InputException(nothing.replaceFirst("^rootcause: ", ""));
    }
    return result;
  }

  private static ProbeReport probe(String url) throws InputException, InterruptedException {
    ProbePlan plan = plan(url, PROBE_REQUESTS, PROBE_CONCURRENCY);
    try {
      return ProbeReport.judge(new Prober().measure(plan, p -> {}), null, Duration.ofSeconds(1));
    } catch (InputException e) {
      throw new InputException(Redaction.redact(e.getMessage()));
    }
  }

  private static VerifyReport verify(String url) throws InputException, InterruptedException {
    ProbePlan plan = plan(url, VERIFY_REQUESTS, 1);
    try {
      return new Verifier(p -> {}, () -> {})
          .verify(
              new Verifier.Request(
                  new Verifier.Probe(plan, Slo.parse(VERIFY_SLO), Duration.ofSeconds(1)),
                  null,
                  null));
    } catch (ClusterSourceException e) {
      // No cluster is read here; a plan the load generator refuses comes as InputException.
      throw new IllegalStateException(e);
    } catch (InputException e) {
      throw new InputException(Redaction.redact(e.getMessage()));
    }
  }

  /** The fixed, bounded load of a page's run: {@code requests} GETs, {@code MAX_RUN} at most. */
  static ProbePlan plan(String url, int requests, int concurrency) {
    return new ProbePlan(
        List.of(url),
        "GET",
        List.of(new Header("User-Agent", "rootcause-serve")),
        new byte[0],
        LoadModel.CLOSED,
        concurrency,
        requests,
        MAX_RUN,
        0,
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        1,
        5,
        false,
        false,
        StatusPolicy.defaults());
  }

  private RunTarget target(String index) throws InputException {
    try {
      int i = Integer.parseInt(index == null ? "" : index.trim());
      if (i >= 0 && i < targets.size()) {
        return targets.get(i);
      }
    } catch (NumberFormatException ignored) {
      // falls through to the refusal below
    }
    throw new InputException(
        targets.isEmpty()
            ? "this server is read-only for runs (start it with --allow-run PATH|URL to allow"
                + " scans, probes and verifications)"
            : "no such run: choose one of the folders or URLs the operator allowed");
  }
}
