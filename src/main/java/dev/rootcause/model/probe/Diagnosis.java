package dev.rootcause.model.probe;

import dev.rootcause.model.stats.Proportion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Collectors;

/**
 * What kind of failure one URL shows, in the terms of the seed incidents: always failing (a release
 * whose every request fails), intermittent (a random 500 half the time), unreachable (nothing
 * listening), slow (3-8 s responses), or healthy. The failure rate carries a 95% Wilson interval,
 * so "10 of 20" reads as 30%-70%, not as exactly 50%.
 */
public record Diagnosis(
    String url,
    Availability availability,
    boolean slow,
    Proportion failureRate,
    SortedMap<Integer, Long> failingStatuses,
    Map<ErrorClass, Long> errors,
    String headline,
    String explanation)
    implements java.io.Serializable {

  /** Whether requests succeed. */
  public enum Availability {
    HEALTHY("healthy"),
    INTERMITTENT("intermittent"),
    ALWAYS_FAILING("always failing"),
    UNREACHABLE("unreachable"),
    NO_DATA("no data");

    private final String label;

    Availability(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /**
   * Diagnoses one URL.
   *
   * @param slowThreshold a median latency at or above this is slow
   */
  public static Diagnosis of(EndpointResult r, StatusPolicy policy, Duration slowThreshold) {
    long n = r.requests();
    long failed = r.failed();
    SortedMap<Integer, Long> failing = r.failingStatuses(policy);
    Proportion rate = Proportion.wilson(failed, n);
    Availability a;
    if (n == 0) {
      a = Availability.NO_DATA;
    } else if (r.responses() == 0) {
      a = Availability.UNREACHABLE;
    } else if (failed == n) {
      a = Availability.ALWAYS_FAILING;
    } else if (failed > 0) {
      a = Availability.INTERMITTENT;
    } else {
      a = Availability.HEALTHY;
    }
    long timeouts = r.errors().getOrDefault(ErrorClass.TIMEOUT, 0L);
    long thresholdMicros = slowThreshold.toNanos() / 1_000;
    boolean slow =
        r.latency().count() > 0 && r.latency().p50() >= thresholdMicros
            || n > 0 && timeouts * 2 >= n;

    List<String> tags = new ArrayList<>();
    if (a != Availability.HEALTHY || !slow) {
      tags.add(a.label());
    }
    if (slow) {
      tags.add("slow");
    }
    String headline = String.join(", ", tags);

    List<String> why = new ArrayList<>();
    String outcomes = outcomes(failing, r.errors());
    switch (a) {
      case NO_DATA -> why.add("no request completed");
      case UNREACHABLE -> why.add("no request got an HTTP response: " + outcomes + firstReason(r));
      case ALWAYS_FAILING ->
          why.add(
              "every request failed, "
                  + failed
                  + " of "
                  + n
                  + " ("
                  + interval(rate)
                  + "): "
                  + outcomes);
      case INTERMITTENT ->
          why.add(
              "some but not all requests failed: "
                  + failed
                  + " of "
                  + n
                  + " ("
                  + interval(rate)
                  + "): "
                  + outcomes
                  + "; the other "
                  + r.succeeded()
                  + " succeeded");
      case HEALTHY -> why.add("all " + n + " requests succeeded");
    }
    if (slow) {
      LatencySummary l = r.latency();
      StringBuilder s = new StringBuilder();
      if (l.count() > 0) {
        s.append("median ")
            .append(Units.micros(l.p50()))
            .append(", p95 ")
            .append(Units.micros(l.p95()))
            .append(", max ")
            .append(Units.micros(l.max()));
      }
      if (timeouts > 0) {
        s.append(s.isEmpty() ? "" : "; ").append(timeouts).append(" timed out");
      }
      why.add(
          "responses are slow: "
              + s
              + " (slow means a median of "
              + Units.duration(slowThreshold)
              + " or more)");
    }
    if (r.shortfall() != null) {
      why.add(r.shortfall().describe());
    }
    return new Diagnosis(
        r.url(), a, slow, rate, failing, r.errors(), headline, String.join("; ", why));
  }

  /**
   * The first kept error's detail ({@code " (self-signed certificate: use -k/--insecure ...)"}):
   * when nothing answered, why is the first thing to read.
   */
  private static String firstReason(EndpointResult r) {
    return r.samples().stream()
        .filter(s -> s.error() != null && s.detail() != null)
        .findFirst()
        .filter(s -> !s.detail().equalsIgnoreCase(s.error().description()))
        .map(s -> " (" + s.detail() + ")")
        .orElse("");
  }

  /** {@code 50.0%, 95% CI 29.9%-70.1%}. */
  public static String interval(Proportion p) {
    return Units.percent(p.rate())
        + ", 95% CI "
        + Units.percent(p.low())
        + "-"
        + Units.percent(p.high());
  }

  /** {@code HTTP 500 x10, connection refused x2}. */
  public static String outcomes(SortedMap<Integer, Long> failing, Map<ErrorClass, Long> errors) {
    List<String> parts = new ArrayList<>();
    failing.forEach((code, count) -> parts.add("HTTP " + code + " x" + count));
    parts.addAll(
        errors.entrySet().stream()
            .map(e -> e.getKey().description() + " x" + e.getValue())
            .collect(Collectors.toList()));
    return String.join(", ", parts);
  }
}
