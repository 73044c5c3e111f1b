package dev.rootcause.pipeline;

import dev.rootcause.model.incident.Slo;
import dev.rootcause.model.probe.SloTerm;
import java.util.List;

/**
 * A latency objective as typed, {@code "p95<2s"}: the share of responses that must be faster than
 * the bound (95%), the rest being its error budget.
 */
final class LatencyObjective {
  private LatencyObjective() {}

  static Slo parse(String service, String text, long windowSeconds, String window)
      throws InputException {
    List<SloTerm> terms;
    try {
      terms = dev.rootcause.model.probe.Slo.parse(text).terms();
    } catch (dev.rootcause.model.probe.Slo.SyntaxException e) {
      throw invalid(text);
    }
    if (terms.size() != 1) {
      throw invalid(text);
    }
    SloTerm term = terms.get(0);
    double percentile =
        switch (term.metric()) {
          case P50 -> 50;
          case P90 -> 90;
          case P95 -> 95;
          case P99 -> 99;
          case P999 -> 99.9;
          default -> throw invalid(text);
        };
    if (term.op() != SloTerm.Op.LT && term.op() != SloTerm.Op.LE) {
      throw invalid(text);
    }
    double target = percentile / 100;
    long budget = Math.round(windowSeconds * (1 - target));
    return new Slo(
        service,
        windowSeconds,
        budget,
        text.trim() + " over " + window,
        Slo.Kind.LATENCY,
        target,
        Math.round(term.threshold()));
  }

  private static InputException invalid(String text) {
    return new InputException(
        "--latency: '"
            + text
            + "' is not a latency objective (try \"p95<2s\" or \"p99<500ms\": a percentile"
            + " p50, p90, p95, p99 or p99.9, < and a duration)");
  }
}
