package dev.rootcause.model.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service-level objective as a probe checks it: comma-separated terms such as {@code
 * p95<2s,p99<5s,success>=99.9%,rps>=50}. Parsing is strict: a term that does not parse is an error
 * naming that term, never silently ignored.
 *
 * <p>Metrics: {@code p50 p90 p95 p99 p99.9 max mean} (latency: a number with us, ms, s or m;
 * compared with {@code <} or {@code <=}), {@code success} and {@code errors} (a percentage), {@code
 * rps} (requests per second).
 */
public record Slo(List<SloTerm> terms) implements java.io.Serializable {

  /** A term that does not parse; the message names the term. */
  public static final class SyntaxException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    SyntaxException(String message) {
      super(message);
    }
  }

  private static final Pattern TERM =
      Pattern.compile("\\s*([a-z][a-z0-9.\\-_]*)\\s*(<=|>=|==|<|>|=)\\s*(\\S+?)\\s*");
  private static final Pattern NUMBER_UNIT = Pattern.compile("(\\d+(?:\\.\\d+)?)([a-z%]*)");

  public Slo {
    terms = List.copyOf(terms);
  }

  /**
   * Parses an SLO.
   *
   * @throws SyntaxException naming the first bad term and what is wrong with it
   */
  public static Slo parse(String spec) {
    if (spec == null || spec.isBlank()) {
      throw new SyntaxException("empty SLO (try \"p95<2s,success>=99.9%\")");
    }
    List<SloTerm> terms = new ArrayList<>();
    for (String raw : spec.split(",", -1)) {
      terms.add(term(raw));
    }
    return new Slo(terms);
  }

  private static SloTerm term(String raw) {
    String text = raw.trim();
    String quoted = "'" + text + "'";
    if (text.isEmpty()) {
      throw new SyntaxException("empty term (a stray comma?)");
    }
    Matcher m = TERM.matcher(text.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new SyntaxException(
          quoted + " is not METRIC OP VALUE (try p95<2s, success>=99.9%, rps>=50)");
    }
    SloTerm.Metric metric = metric(m.group(1), quoted);
    SloTerm.Op op =
        switch (m.group(2)) {
          case "<" -> SloTerm.Op.LT;
          case "<=" -> SloTerm.Op.LE;
          case ">" -> SloTerm.Op.GT;
          case ">=" -> SloTerm.Op.GE;
          default -> SloTerm.Op.EQ;
        };
    Matcher v = NUMBER_UNIT.matcher(m.group(3));
    if (!v.matches()) {
      throw new SyntaxException(quoted + ": '" + m.group(3) + "' is not a number with a unit");
    }
    double number = Double.parseDouble(v.group(1));
    String unit = v.group(2);
    double threshold =
        switch (metric.kind()) {
          case LATENCY -> {
            if (op != SloTerm.Op.LT && op != SloTerm.Op.LE) {
              throw new SyntaxException(
                  quoted + ": a latency must be bounded from above (use < or <=)");
            }
            yield switch (unit) {
              case "us" -> number;
              case "ms" -> number * 1_000;
              case "s" -> number * 1_000_000;
              case "m" -> number * 60_000_000;
              default ->
                  throw new SyntaxException(
                      quoted
                          + ": '"
                          + m.group(3)
                          + "' needs a time unit: us, ms, s or m (e.g. 2s, 500ms)");
            };
          }
          case RATE -> {
            if (!unit.equals("%")) {
              throw new SyntaxException(
                  quoted + ": '" + m.group(3) + "' needs a percent sign (e.g. 99.9%)");
            }
            if (number > 100) {
              throw new SyntaxException(quoted + ": a percentage cannot exceed 100%");
            }
            boolean success = metric == SloTerm.Metric.SUCCESS;
            if (success && (op == SloTerm.Op.LT || op == SloTerm.Op.LE)
                || !success && (op == SloTerm.Op.GT || op == SloTerm.Op.GE)) {
              throw new SyntaxException(
                  quoted
                      + ": "
                      + (success
                          ? "success must be bounded from below (use >=, > or =)"
                          : "errors must be bounded from above (use <=, < or =)"));
            }
            // Decimal arithmetic: 99.9 / 100.0 is 0.9990000000000001, which 999 of 1000 would miss.
            yield new java.math.BigDecimal(v.group(1)).movePointLeft(2).doubleValue();
          }
          case THROUGHPUT -> {
            if (!unit.isEmpty() && !unit.equals("rps") && !unit.equals("/s")) {
              throw new SyntaxException(
                  quoted + ": rps takes a plain number of requests per second");
            }
            if (op != SloTerm.Op.GT && op != SloTerm.Op.GE) {
              throw new SyntaxException(
                  quoted + ": throughput must be bounded from below (use >= or >)");
            }
            yield number;
          }
        };
    return new SloTerm(metric, op, threshold, text.replaceAll("\\s+", ""));
  }

  private static SloTerm.Metric metric(String name, String quoted) {
    return switch (name) {
      case "p50", "median" -> SloTerm.Metric.P50;
      case "p90" -> SloTerm.Metric.P90;
      case "p95" -> SloTerm.Metric.P95;
      case "p99" -> SloTerm.Metric.P99;
      case "p99.9", "p999" -> SloTerm.Metric.P999;
      case "max" -> SloTerm.Metric.MAX;
      case "mean", "avg" -> SloTerm.Metric.MEAN;
      case "success", "availability" -> SloTerm.Metric.SUCCESS;
      case "errors", "error", "error-rate", "error_rate" -> SloTerm.Metric.ERRORS;
      case "rps", "throughput" -> SloTerm.Metric.RPS;
      default ->
          throw new SyntaxException(
              quoted
                  + ": unknown metric '"
                  + name
                  + "' (known: p50 p90 p95 p99 p99.9 max mean success errors rps)");
    };
  }

  /** Every term on every URL, in order: URL by URL, term by term. */
  public List<Criterion> evaluate(ProbeResult result) {
    List<Criterion> out = new ArrayList<>();
    for (EndpointResult e : result.endpoints()) {
      for (SloTerm t : terms) {
        out.add(t.evaluate(e));
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return String.join(",", terms.stream().map(SloTerm::text).toList());
  }
}
