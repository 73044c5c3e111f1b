package dev.rootcause.model.probe;

/**
 * One term of an SLO such as {@code p95<2s}: a metric, a comparison and a threshold. Latencies are
 * in microseconds, rates in [0, 1], throughput in requests per second.
 */
public record SloTerm(Metric metric, Op op, double threshold, String text)
    implements java.io.Serializable {

  /** What a term measures. */
  public enum Metric {
    P50("p50", Kind.LATENCY, 50),
    P90("p90", Kind.LATENCY, 90),
    P95("p95", Kind.LATENCY, 95),
    P99("p99", Kind.LATENCY, 99),
    P999("p99.9", Kind.LATENCY, 99.9),
    MAX("max", Kind.LATENCY, 100),
    MEAN("mean", Kind.LATENCY, 0),
    SUCCESS("success", Kind.RATE, 0),
    ERRORS("errors", Kind.RATE, 0),
    RPS("rps", Kind.THROUGHPUT, 0);

    final String label;
    final Kind kind;
    final double percentile;

    Metric(String label, Kind kind, double percentile) {
      this.label = label;
      this.kind = kind;
      this.percentile = percentile;
    }

    public String label() {
      return label;
    }

    public Kind kind() {
      return kind;
    }
  }

  /** The unit family of a metric. */
  public enum Kind {
    LATENCY,
    RATE,
    THROUGHPUT
  }

  /** A comparison. */
  public enum Op {
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">="),
    EQ("=");

    final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }

    boolean holds(double measured, double threshold) {
      // Rates are ratios of counts: 999/1000 must meet ">= 99.9%" despite binary rounding.
      double eps = 1e-12 * Math.max(1, Math.abs(threshold));
      return switch (this) {
        case LT -> measured < threshold - eps;
        case LE -> measured <= threshold + eps;
        case GT -> measured > threshold + eps;
        case GE -> measured >= threshold - eps;
        case EQ -> Math.abs(measured - threshold) <= eps;
      };
    }
  }

  /** Checks this term on what one URL did. */
  public Criterion evaluate(EndpointResult r) {
    String name = text;
    if (r.requests() == 0) {
      return new Criterion(name, r.url(), false, "no requests completed", "nothing was measured");
    }
    return switch (metric.kind) {
      case RATE -> {
        double value = metric == Metric.SUCCESS ? r.successRate() : 1 - r.successRate();
        long count = metric == Metric.SUCCESS ? r.succeeded() : r.failed();
        yield new Criterion(
            name,
            r.url(),
            op.holds(value, threshold),
            Units.percent(value) + " (" + count + "/" + r.requests() + ")",
            "");
      }
      case THROUGHPUT ->
          new Criterion(
              name, r.url(), op.holds(r.rps(), threshold), Units.number(r.rps()) + " req/s", "");
      case LATENCY -> latency(r, name);
    };
  }

  private Criterion latency(EndpointResult r, String name) {
    long timeouts = r.errors().getOrDefault(ErrorClass.TIMEOUT, 0L);
    long n = r.requests();
    // A timed-out request was slower than any response: it sits above every percentile it can.
    boolean timeoutsReachPercentile =
        metric == Metric.MAX
            ? timeouts > 0
            : metric != Metric.MEAN && timeouts > n * (1 - metric.percentile / 100.0);
    if (timeoutsReachPercentile) {
      return new Criterion(
          name,
          r.url(),
          false,
          "timed out",
          timeouts + " of " + n + " requests got no response before the timeout");
    }
    LatencySummary l = r.latency();
    if (l.count() == 0) {
      return new Criterion(
          name, r.url(), false, "no responses", "every request failed before a response");
    }
    double value =
        switch (metric) {
          case P50 -> l.p50();
          case P90 -> l.p90();
          case P95 -> l.p95();
          case P99 -> l.p99();
          case P999 -> l.p999();
          case MAX -> l.max();
          case MEAN -> l.mean();
          default -> throw new IllegalStateException(metric.name());
        };
    String detail = timeouts > 0 ? timeouts + " timed out" : "";
    return new Criterion(name, r.url(), op.holds(value, threshold), Units.micros(value), detail);
  }
}
