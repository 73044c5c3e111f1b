package dev.rootcause.model.probe;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Endpoint results built by hand, for judging tests that need no network. */
final class Results {
  private Results() {}

  static EndpointResult of(
      Map<Integer, Long> statuses,
      Map<ErrorClass, Long> errors,
      LatencySummary latency,
      Duration elapsed) {
    long responses = statuses.values().stream().mapToLong(Long::longValue).sum();
    long ok =
        statuses.entrySet().stream()
            .filter(e -> e.getKey() < 400)
            .mapToLong(Map.Entry::getValue)
            .sum();
    return new EndpointResult(
        "http://127.0.0.1:5001/",
        responses,
        ok,
        new TreeMap<>(statuses),
        errors.isEmpty() ? new EnumMap<>(ErrorClass.class) : errors,
        latency,
        List.of(),
        List.of(),
        List.of(),
        null,
        elapsed);
  }

  static LatencySummary latency(long p50, long p95, long max) {
    return new LatencySummary(20, p50 / 2, p50, 1, p50, p95, p95, max, max, max);
  }
}
