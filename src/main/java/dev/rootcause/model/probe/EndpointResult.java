package dev.rootcause.model.probe;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one URL did under load: every request ended either in an HTTP response (counted by status)
 * or in an error (counted by class).
 *
 * @param responses requests that got a complete HTTP response, whatever its status
 * @param succeeded responses whose status the plan counts as success
 * @param latency latency of every response (errors have none), from the intended send time in the
 *     open model
 * @param successLatencies every successful latency in microseconds, in completion order, when the
 *     plan kept them; empty otherwise
 * @param elapsed from the first request to the last answer
 * @param shortfall how far the client fell short of an open-model rate, or null when it kept up
 */
public record EndpointResult(
    String url,
    long responses,
    long succeeded,
    SortedMap<Integer, Long> statuses,
    Map<ErrorClass, Long> errors,
    LatencySummary latency,
    List<HistogramBucket> histogram,
    List<SecondStats> timeline,
    List<FailureSample> samples,
    long[] successLatencies,
    Duration elapsed,
    LoadShortfall shortfall)
    implements java.io.Serializable {

  public EndpointResult {
    statuses = new TreeMap<>(statuses);
    errors = errors.isEmpty() ? new EnumMap<>(ErrorClass.class) : new EnumMap<>(errors);
    histogram = List.copyOf(histogram);
    timeline = List.copyOf(timeline);
    samples = List.copyOf(samples);
    successLatencies = successLatencies == null ? new long[0] : successLatencies;
  }

  /** A result whose client kept up with the plan. */
  public EndpointResult(
      String url,
      long responses,
      long succeeded,
      SortedMap<Integer, Long> statuses,
      Map<ErrorClass, Long> errors,
      LatencySummary latency,
      List<HistogramBucket> histogram,
      List<SecondStats> timeline,
      List<FailureSample> samples,
      long[] successLatencies,
      Duration elapsed) {
    this(
        url,
        responses,
        succeeded,
        statuses,
        errors,
        latency,
        histogram,
        timeline,
        samples,
        successLatencies,
        elapsed,
        null);
  }

  /** Responses with a 5xx status: the server's own errors, whatever {@code --ok-status} says. */
  public long serverErrors() {
    return statuses.entrySet().stream()
        .filter(e -> e.getKey() >= 500)
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  /** Every request that ended, with a response or an error. */
  public long requests() {
    return responses + errorCount();
  }

  public long errorCount() {
    return errors.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Requests that failed: an error, or a response whose status is not a success. */
  public long failed() {
    return requests() - succeeded;
  }

  /** Succeeded over all requests; 0 when nothing was sent. */
  public double successRate() {
    long n = requests();
    return n == 0 ? 0 : (double) succeeded / n;
  }

  /** Requests that ended per second of the run. */
  public double rps() {
    double s = elapsed.toNanos() / 1e9;
    return s <= 0 ? 0 : requests() / s;
  }

  /** Statuses that were not successes, with their counts. */
  public SortedMap<Integer, Long> failingStatuses(StatusPolicy policy) {
    SortedMap<Integer, Long> out = new TreeMap<>();
    statuses.forEach(
        (code, n) -> {
          if (!policy.isSuccess(code)) {
            out.put(code, n);
          }
        });
    return out;
  }
}
