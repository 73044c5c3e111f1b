package dev.rootcause.model.probe;

/** Latency percentiles of the responses to one URL, in microseconds. */
public record LatencySummary(
    long count,
    long min,
    double mean,
    double stddev,
    long p50,
    long p90,
    long p95,
    long p99,
    long p999,
    long max)
    implements java.io.Serializable {

  public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
