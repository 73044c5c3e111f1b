package dev.rootcause.collect.http;

import dev.rootcause.model.probe.EndpointResult;
import dev.rootcause.model.probe.ErrorClass;
import dev.rootcause.model.probe.FailureSample;
import dev.rootcause.model.probe.Header;
import dev.rootcause.model.probe.HistogramBucket;
import dev.rootcause.model.probe.LatencySummary;
import dev.rootcause.model.probe.LoadModel;
import dev.rootcause.model.probe.LoadShortfall;
import dev.rootcause.model.probe.ProbePlan;
import dev.rootcause.model.probe.ProbeResult;
import dev.rootcause.model.probe.SecondStats;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.IntCountsHistogram;

/**
 * The HTTP load generator behind {@code rootcause probe}: HTTP/1.1 keep-alive connections on a few
 * selector threads, in the closed model ({@code concurrency} connections, each sending as soon as
 * its last answer came) or the open model (sends due at a fixed rate, latency measured from the due
 * time so a stalled server cannot hide its stall: the coordinated-omission correction of wrk2).
 */
public final class LoadGenerator {

  /** What a run looks like while it runs, for a progress line. */
  public record Progress(Duration elapsed, long done, long failures, long planned) {}

  /**
   * Runs the plan and returns what each URL did. Never throws for what the network does: refused
   * connections, DNS failures, resets and timeouts are counted in the result.
   *
   * @param progress called about four times a second from the calling thread
   * @throws IllegalArgumentException when a URL cannot be probed (not http/https, no host)
   */
  public ProbeResult run(ProbePlan plan, Consumer<Progress> progress) throws InterruptedException {
    List<Target> targets = plan.urls().stream().map(Target::parse).toList();
    List<Resolved> resolved = new ArrayList<>();
    for (Target t : targets) {
      resolved.add(resolve(t, plan.connectTimeout()));
    }
    SSLContext ssl = sslContext(plan.insecure());
    SSLParameters params = ssl.getDefaultSSLParameters();
    params.setApplicationProtocols(new String[] {"http/1.1"});
    if (!plan.insecure()) {
      params.setEndpointIdentificationAlgorithm("HTTPS");
    }

    int connectionsTotal = plan.concurrency() * targets.size();
    int threads = Math.max(1, Math.min(plan.threads(), connectionsTotal));
    Instant startedAt = Instant.now();
    long start = System.nanoTime();
    // The duration bounds the whole run: no request starts after it, and none is waited for.
    long stop = plan.duration() == null ? Long.MAX_VALUE : start + plan.duration().toNanos();
    List<EventLoop> loops = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      loops.add(
          new EventLoop(
              plan.connectTimeout().toNanos(), plan.requestTimeout().toNanos(), ssl, params, stop));
    }
    double interval = plan.model() == LoadModel.OPEN ? 1e9 / plan.rate() : 0;
    long total = total(plan);
    List<Endpoint> endpoints = new ArrayList<>();
    List<List<Recorder>> recorders = new ArrayList<>();
    int next = 0;
    for (int u = 0; u < targets.size(); u++) {
      Target t = targets.get(u);
      Resolved r = resolved.get(u);
      Endpoint e =
          new Endpoint(
              t,
              r.address,
              r.error,
              requestBytes(plan, t),
              plan.method().equalsIgnoreCase("HEAD"),
              total,
              start,
              stop,
              interval,
              plan.failureSamples());
      endpoints.add(e);
      List<Recorder> perLoop = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        perLoop.add(new Recorder(plan.keepLatencies()));
      }
      recorders.add(perLoop);
      for (int c = 0; c < plan.concurrency(); c++) {
        int l = next++ % threads;
        loops.get(l).add(new Connection(loops.get(l), e, perLoop.get(l), plan.okStatus()));
      }
    }

    long planned = total == Long.MAX_VALUE ? 0 : total * targets.size();
    List<Thread> running = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      Thread th = new Thread(loops.get(i), "rootcause-probe-" + i);
      th.setDaemon(true);
      running.add(th);
      th.start();
    }
    try {
      for (Thread th : running) {
        while (th.isAlive()) {
          th.join(250);
          progress.accept(snapshot(endpoints, start, planned));
        }
      }
    } catch (InterruptedException e) {
      loops.forEach(EventLoop::stop);
      throw e;
    }
    for (EventLoop l : loops) {
      if (l.crash() != null) {
        throw new IllegalStateException("probe event loop failed: " + l.crash(), l.crash());
      }
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    List<EndpointResult> results = new ArrayList<>();
    for (int u = 0; u < endpoints.size(); u++) {
      results.add(merge(endpoints.get(u), recorders.get(u), plan));
    }
    return new ProbeResult(plan, startedAt, elapsed, results);
  }

  private static long total(ProbePlan plan) {
    long byCount = plan.requests() > 0 ? plan.requests() : Long.MAX_VALUE;
    if (plan.model() == LoadModel.OPEN && plan.duration() != null) {
      long bySchedule = (long) Math.floor(plan.rate() * plan.duration().toNanos() / 1e9);
      return Math.min(byCount, Math.max(1, bySchedule));
    }
    return byCount;
  }

  private static Progress snapshot(List<Endpoint> endpoints, long start, long planned) {
    long done = 0;
    long failures = 0;
    for (Endpoint e : endpoints) {
      done += e.done.sum();
      failures += e.failures.sum();
    }
    return new Progress(Duration.ofNanos(System.nanoTime() - start), done, failures, planned);
  }

  private record Resolved(InetSocketAddress address, String error) {}

  /** Resolves once, before the clock starts, so DNS time is not charged to the first requests. */
  private static Resolved resolve(Target t, Duration timeout) throws InterruptedException {
    CompletableFuture<InetAddress> lookup = new CompletableFuture<>();
    Thread.ofVirtual()
        .name("rootcause-dns")
        .start(
            () -> {
              try {
                lookup.complete(InetAddress.getByName(t.host()));
              } catch (Throwable e) {
                lookup.completeExceptionally(e);
              }
            });
    try {
      InetAddress a = lookup.get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
      return new Resolved(new InetSocketAddress(a, t.port()), null);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      String why =
          cause instanceof UnknownHostException
              ? "unknown host " + t.host()
              : String.valueOf(cause.getMessage());
      return new Resolved(null, why);
    } catch (TimeoutException e) {
      lookup.cancel(true);
      return new Resolved(
          null, "no DNS answer for " + t.host() + " within " + timeout.toMillis() + " ms");
    }
  }

  static byte[] requestBytes(ProbePlan plan, Target t) {
    StringBuilder sb = new StringBuilder(256);
    sb.append(plan.method().toUpperCase(Locale.ROOT))
        .append(' ')
        .append(t.requestTarget())
        .append(" HTTP/1.1\r\n");
    boolean host = false;
    boolean length = false;
    for (Header h : plan.headers()) {
      String n = h.name().toLowerCase(Locale.ROOT);
      host |= n.equals("host");
      length |= n.equals("content-length");
      sb.append(h.name()).append(": ").append(h.value()).append("\r\n");
    }
    if (!host) {
      sb.append("Host: ").append(t.hostHeader()).append("\r\n");
    }
    if (plan.body().length > 0 && !length) {
      sb.append("Content-Length: ").append(plan.body().length).append("\r\n");
    }
    sb.append("\r\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream(sb.length() + plan.body().length);
    out.writeBytes(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(plan.body());
    return out.toByteArray();
  }

  private static SSLContext sslContext(boolean insecure) {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(
          null,
          insecure ? new TrustManager[] {new TrustEverything()} : CertificateTrust.defaults(),
          null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no TLS in this JVM: " + e.getMessage(), e);
    }
  }

  /** For --insecure: a test server's self-signed certificate is accepted. */
  private static final class TrustEverything implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }

  private static EndpointResult merge(Endpoint e, List<Recorder> parts, ProbePlan plan) {
    Histogram all = new Histogram(1, Recorder.HIGHEST_MICROS, 3);
    long[] statuses = new long[600];
    long[] errors = new long[ErrorClass.values().length];
    long responses = 0;
    long succeeded = 0;
    int seconds = 0;
    List<FailureSample> samples = new ArrayList<>();
    long[] latencies = new long[0];
    for (Recorder r : parts) {
      all.add(r.latency);
      for (int i = 0; i < statuses.length; i++) {
        statuses[i] += r.statuses[i];
      }
      for (int i = 0; i < errors.length; i++) {
        errors[i] += r.errors[i];
      }
      responses += r.responses;
      succeeded += r.succeeded;
      seconds = Math.max(seconds, r.seconds);
      samples.addAll(r.samples);
      int old = latencies.length;
      latencies = Arrays.copyOf(latencies, old + r.successCount);
      System.arraycopy(r.successLatencies, 0, latencies, old, r.successCount);
    }
    long answerNanos = 0;
    for (Recorder r : parts) {
      answerNanos += r.answerNanos;
    }
    LoadShortfall shortfall = shortfall(e, plan, responses, answerNanos);
    TreeMap<Integer, Long> statusMap = new TreeMap<>();
    for (int i = 0; i < statuses.length; i++) {
      if (statuses[i] > 0) {
        statusMap.put(i, statuses[i]);
      }
    }
    Map<ErrorClass, Long> errorMap = new EnumMap<>(ErrorClass.class);
    for (ErrorClass c : ErrorClass.values()) {
      if (errors[c.ordinal()] > 0) {
        errorMap.put(c, errors[c.ordinal()]);
      }
    }
    List<SecondStats> timeline = new ArrayList<>();
    for (int s = 0; s < seconds; s++) {
      long req = 0;
      long fail = 0;
      IntCountsHistogram h = new IntCountsHistogram(1, Recorder.HIGHEST_MICROS, 1);
      for (Recorder r : parts) {
        if (s < r.secondRequests.length) {
          req += r.secondRequests[s];
          fail += r.secondFailures[s];
          if (r.secondLatency[s] != null) {
            h.add(r.secondLatency[s]);
          }
        }
      }
      boolean any = h.getTotalCount() > 0;
      timeline.add(
          new SecondStats(
              s,
              req,
              fail,
              any ? h.getValueAtPercentile(50) : 0,
              any ? h.getValueAtPercentile(99) : 0,
              any ? h.getMaxValue() : 0));
    }
    samples.sort(Comparator.comparingLong(FailureSample::atMillis));
    long last = e.startNanos;
    for (Recorder r : parts) {
      if (r.lastCompletion != 0 && r.lastCompletion - last > 0) {
        last = r.lastCompletion;
      }
    }
    long elapsedNanos = Math.max(0, last - e.startNanos);
    return new EndpointResult(
        e.target.url(),
        responses,
        succeeded,
        statusMap,
        errorMap,
        summary(all),
        buckets(all),
        timeline,
        samples,
        latencies,
        Duration.ofNanos(elapsedNanos),
        shortfall);
  }

  /**
   * Requests of an open-model schedule that were never sent are the client's shortfall, not the
   * server's failures: the server never saw them. Null when the whole schedule went out.
   */
  private static LoadShortfall shortfall(
      Endpoint e, ProbePlan plan, long responses, long answerNanos) {
    long unsent = e.unsent();
    if (unsent <= 0 || plan.duration() == null) {
      return null;
    }
    double seconds = plan.duration().toNanos() / 1e9;
    double meanAnswerMicros = responses == 0 ? 0 : answerNanos / 1e3 / responses;
    return new LoadShortfall(
        plan.rate(), (e.total - unsent) / seconds, unsent, plan.concurrency(), meanAnswerMicros);
  }

  static LatencySummary summary(Histogram h) {
    if (h.getTotalCount() == 0) {
      return LatencySummary.EMPTY;
    }
    return new LatencySummary(
        h.getTotalCount(),
        h.getMinValue(),
        h.getMean(),
        h.getStdDeviation(),
        h.getValueAtPercentile(50),
        h.getValueAtPercentile(90),
        h.getValueAtPercentile(95),
        h.getValueAtPercentile(99),
        h.getValueAtPercentile(99.9),
        h.getMaxValue());
  }

  /** About 40 buckets, evenly spaced on a log scale from the fastest to the slowest response. */
  static List<HistogramBucket> buckets(Histogram h) {
    List<HistogramBucket> out = new ArrayList<>();
    if (h.getTotalCount() == 0) {
      return out;
    }
    long min = Math.max(1, h.getMinValue());
    long max = h.getMaxValue() + 1;
    int n = 40;
    double ratio = Math.pow((double) max / min, 1.0 / n);
    List<long[]> edges = new ArrayList<>();
    long from = min;
    for (int i = 1; i <= n && from < max; i++) {
      long to = i == n ? max : Math.max(from + 1, (long) Math.ceil(min * Math.pow(ratio, i)));
      edges.add(new long[] {from, Math.min(to, max), 0});
      from = to;
    }
    edges.get(edges.size() - 1)[1] = max;
    for (HistogramIterationValue v : h.recordedValues()) {
      long value = h.highestEquivalentValue(v.getValueIteratedTo());
      long clamped = Math.max(min, Math.min(value, max - 1));
      int lo = 0;
      int hi = edges.size() - 1;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (clamped >= edges.get(mid)[1]) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      edges.get(lo)[2] += v.getCountAtValueIteratedTo();
    }
    for (long[] b : edges) {
      out.add(new HistogramBucket(b[0], b[1], b[2]));
    }
    return out;
  }
}
