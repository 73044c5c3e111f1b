package dev.rootcause.collect.http;

import dev.rootcause.model.probe.ErrorClass;
import dev.rootcause.model.probe.FailureSample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.IntCountsHistogram;

/**
 * What one event loop saw of one URL. Each loop writes only its own recorders, so recording needs
 * no locks; the generator merges them when the run ends.
 */
final class Recorder {
  /** One hour in microseconds: the longest latency a probe can measure. */
  static final long HIGHEST_MICROS = 3_600_000_000L;

  final Histogram latency = new Histogram(1, HIGHEST_MICROS, 3);
  final long[] statuses = new long[600];
  final long[] errors = new long[ErrorClass.values().length];
  final List<FailureSample> samples = new ArrayList<>();
  long responses;
  long succeeded;
  long[] secondRequests = new long[64];
  long[] secondFailures = new long[64];
  IntCountsHistogram[] secondLatency = new IntCountsHistogram[64];
  int seconds;

  /** When this loop saw the last request of this URL end (System.nanoTime); 0 if none. */
  long lastCompletion;

  private final boolean keepLatencies;
  long[] successLatencies = new long[0];
  int successCount;

  /** Send-to-answer time of every response, for the open model's rate ceiling. */
  long answerNanos;

  Recorder(boolean keepLatencies) {
    this.keepLatencies = keepLatencies;
    if (keepLatencies) {
      successLatencies = new long[1024];
    }
  }

  void response(int status, boolean success, long micros, int second, long now) {
    lastCompletion = now;
    long v = Math.max(1, Math.min(micros, HIGHEST_MICROS));
    latency.recordValue(v);
    statuses[status]++;
    responses++;
    if (success) {
      succeeded++;
      if (keepLatencies) {
        if (successCount == successLatencies.length) {
          successLatencies = Arrays.copyOf(successLatencies, successCount * 2);
        }
        successLatencies[successCount++] = v;
      }
    }
    perSecond(second, !success).recordValue(v);
  }

  void error(ErrorClass error, int second, long now) {
    lastCompletion = now;
    errors[error.ordinal()]++;
    perSecond(second, true);
  }

  void errors(ErrorClass error, long count) {
    errors[error.ordinal()] += count;
  }

  private IntCountsHistogram perSecond(int second, boolean failed) {
    if (second >= secondRequests.length) {
      int n = Math.max(second + 1, secondRequests.length * 2);
      secondRequests = Arrays.copyOf(secondRequests, n);
      secondFailures = Arrays.copyOf(secondFailures, n);
      secondLatency = Arrays.copyOf(secondLatency, n);
    }
    seconds = Math.max(seconds, second + 1);
    secondRequests[second]++;
    if (failed) {
      secondFailures[second]++;
    }
    IntCountsHistogram h = secondLatency[second];
    if (h == null) {
      // One significant digit is enough for a time-series chart and keeps an hour of seconds small.
      h = new IntCountsHistogram(1, HIGHEST_MICROS, 1);
      secondLatency[second] = h;
    }
    return h;
  }
}
