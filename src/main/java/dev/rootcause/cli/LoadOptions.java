package dev.rootcause.cli;

import dev.rootcause.model.probe.Header;
import dev.rootcause.model.probe.LoadModel;
import dev.rootcause.model.probe.ProbePlan;
import dev.rootcause.model.probe.StatusPolicy;
import dev.rootcause.pipeline.InputException;
import dev.rootcause.report.Version;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The load options {@code probe} and {@code verify} share, and the checks that keep load bounded:
 * no run without {@code --requests} or {@code --duration}, and no absurd values.
 */
final class LoadOptions {
  static final int MAX_CONCURRENCY = 10_000;
  static final long MAX_REQUESTS = 100_000_000L;
  static final Duration MAX_DURATION = Duration.ofHours(1);
  static final double MAX_RATE = 1_000_000;
  static final int MAX_URLS = 32;
  static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);
  static final int MAX_BODY = 16 * 1024 * 1024;

  @Option(
      names = "--requests",
      paramLabel = "N",
      description = "Send N requests per URL, then stop.")
  Long requests;

  @Option(
      names = {"-d", "--duration"},
      paramLabel = "DURATION",
      description =
          "Send for this long (30s, 2m), then stop: the run ends then, whatever is still"
              + " in flight.")
  String duration;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      description =
          "Connections per URL. Default: 10; with --rate, enough for one second of"
              + " requests (at least 10, at most 1000).")
  Integer concurrency;

  @Option(
      names = {"-r", "--rate"},
      paramLabel = "R",
      description =
          "Open model: R requests per second per URL on a fixed schedule, latency measured"
              + " from each request's scheduled time (corrects coordinated omission, as wrk2).")
  Double rate;

  @Option(
      names = {"-X", "--method"},
      paramLabel = "METHOD",
      description = "HTTP method. Default: GET, or POST with --data.")
  String method;

  @Option(
      names = {"-H", "--header"},
      paramLabel = "'Name: value'",
      description = "A request header; repeatable. Values of credential headers are never printed.")
  List<String> headers = new ArrayList<>();

  @Option(names = "--data", paramLabel = "BODY", description = "Request body.")
  String data;

  @Option(
      names = "--data-file",
      paramLabel = "FILE|-",
      description = "Request body from a file; '-' reads it from standard input.")
  Path dataFile;

  @Option(
      names = "--connect-timeout",
      paramLabel = "DURATION",
      defaultValue = "5s",
      description = "Give up connecting after this long. Default: ${DEFAULT-VALUE}.")
  String connectTimeout;

  @Option(
      names = {"-t", "--timeout"},
      paramLabel = "DURATION",
      defaultValue = "30s",
      description = "Give up on a response after this long. Default: ${DEFAULT-VALUE}.")
  String timeout;

  @Option(
      names = "--ok-status",
      paramLabel = "LIST",
      defaultValue = "2xx,3xx",
      description =
          "Statuses that count as success: codes, classes, ranges (200,2xx,200-204)."
              + " Default: ${DEFAULT-VALUE}.")
  String okStatus;

  @Option(
      names = "--samples",
      paramLabel = "N",
      defaultValue = "5",
      description =
          "Keep the body of up to N failing responses per URL (redacted, truncated)."
              + " Default: ${DEFAULT-VALUE}.")
  int samples;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Event-loop threads. Default: one per core, at most one per connection.")
  Integer threads;

  @Option(
      names = {"-k", "--insecure"},
      description = "Accept any TLS certificate.")
  boolean insecure;

  /**
   * The plan for {@code urls}, checked.
   *
   * @param defaultConcurrency connections per URL when neither the user nor the rate says
   * @throws InputException for an unbounded run, an absurd value or an unreadable body file
   */
  ProbePlan plan(List<String> urls, int defaultConcurrency, boolean keepLatencies)
      throws InputException {
    if (urls.isEmpty()) {
      throw new InputException("give at least one URL to probe");
    }
    if (urls.size() > MAX_URLS) {
      throw new InputException(
          urls.size() + " URLs: at most " + MAX_URLS + " can be probed at once");
    }
    Duration d = duration == null ? null : Durations.parse(duration, "--duration");
    if (requests == null && d == null) {
      throw new InputException(
          "refusing to send unbounded load: give --requests N or --duration D"
              + " (e.g. --requests 20, --duration 30s)");
    }
    if (requests != null && (requests < 1 || requests > MAX_REQUESTS)) {
      throw new InputException(
          "--requests "
              + requests
              + ": must be between 1 and "
              + String.format(Locale.ROOT, "%,d", MAX_REQUESTS));
    }
    if (d != null && (d.isZero() || d.compareTo(MAX_DURATION) > 0)) {
      throw new InputException("--duration " + duration + ": must be more than 0 and at most 1h");
    }
    if (rate != null && (!(rate > 0) || rate > MAX_RATE)) {
      throw new InputException(
          "--rate "
              + rate
              + ": must be more than 0 and at most "
              + String.format(Locale.ROOT, "%,.0f", MAX_RATE)
              + " requests per second");
    }
    int conns =
        concurrency != null
            ? concurrency
            : rate != null
                ? (int) Math.min(1000, Math.max(10, Math.ceil(rate)))
                : defaultConcurrency;
    if (conns < 1 || conns > MAX_CONCURRENCY) {
      throw new InputException(
          "--concurrency " + conns + ": must be between 1 and " + MAX_CONCURRENCY);
    }
    if ((long) conns * urls.size() > 2L * MAX_CONCURRENCY) {
      throw new InputException(
          (long) conns * urls.size() + " connections in all: at most " + 2 * MAX_CONCURRENCY);
    }
    Duration ct = Durations.parse(connectTimeout, "--connect-timeout");
    Duration rt = Durations.parse(timeout, "--timeout");
    for (Duration t : List.of(ct, rt)) {
      if (t.toMillis() < 1 || t.compareTo(MAX_TIMEOUT) > 0) {
        throw new InputException("timeouts must be between 1ms and 10m");
      }
    }
    if (samples < 0 || samples > 1000) {
      throw new InputException("--samples " + samples + ": must be between 0 and 1000");
    }
    int cores = Runtime.getRuntime().availableProcessors();
    int loopThreads = threads != null ? threads : cores;
    if (loopThreads < 1 || loopThreads > 256) {
      throw new InputException("--threads " + loopThreads + ": must be between 1 and 256");
    }
    StatusPolicy policy;
    try {
      policy = StatusPolicy.parse(okStatus);
    } catch (IllegalArgumentException e) {
      throw new InputException("--ok-status: " + e.getMessage());
    }
    byte[] body = body();
    String m = method != null ? method.toUpperCase(Locale.ROOT) : body.length > 0 ? "POST" : "GET";
    if (!m.matches("[A-Z]+")) {
      throw new InputException("--method '" + method + "' is not an HTTP method");
    }
    return new ProbePlan(
        urls,
        m,
        headers(),
        body,
        rate != null ? LoadModel.OPEN : LoadModel.CLOSED,
        conns,
        requests == null ? 0 : requests,
        d,
        rate == null ? 0 : rate,
        ct,
        rt,
        loopThreads,
        samples,
        keepLatencies,
        insecure,
        policy);
  }

  private List<Header> headers() throws InputException {
    List<Header> out = new ArrayList<>();
    boolean agent = false;
    for (String h : headers) {
      int colon = h.indexOf(':');
      String name = colon < 0 ? "" : h.substring(0, colon).trim();
      if (colon < 1
          || !name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")
          || h.contains("\n")
          || h.contains("\r")) {
        throw new InputException(
            "--header '" + (colon < 0 ? h : name + ": ...") + "' is not 'Name: value'");
      }
      agent |= name.equalsIgnoreCase("user-agent");
      out.add(new Header(name, h.substring(colon + 1).trim()));
    }
    if (!agent) {
      out.add(new Header("User-Agent", "rootcause/" + Version.get()));
    }
    return out;
  }

  private byte[] body() throws InputException {
    if (data != null && dataFile != null) {
      throw new InputException("give --data or --data-file, not both");
    }
    if (data != null) {
      return data.getBytes(StandardCharsets.UTF_8);
    }
    if (dataFile == null) {
      return new byte[0];
    }
    if (dataFile.toString().equals("-")) {
      try {
        byte[] body = System.in.readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
          throw new InputException(
              "standard input: larger than 16 MiB, too large for a request body");
        }
        return body;
      } catch (IOException e) {
        throw new InputException("standard input: cannot read the request body: " + e.getMessage());
      }
    }
    try {
      if (Files.size(dataFile) > MAX_BODY) {
        throw new InputException(dataFile + ": larger than 16 MiB, too large for a request body");
      }
      return Files.readAllBytes(dataFile);
    } catch (IOException e) {
      throw new InputException(dataFile + ": cannot read the request body: " + e.getMessage());
    }
  }
}
