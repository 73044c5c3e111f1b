package dev.rootcause.collect.code;

import dev.rootcause.model.SourceLocation;
import dev.rootcause.model.app.Hazard;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How long a sleep's argument waits, in seconds, as far as the code states it: literals and their
 * arithmetic, each language's duration constants ({@code 2 * time.Second}, {@code
 * TimeUnit.SECONDS}, {@code Duration.ofMillis}) and random draws as ranges ({@code
 * random.uniform(3, 8)}, {@code rand.Intn(500)}, {@code Math.random() * 5000}). A name the text
 * does not define (a constant, an env var) makes the whole delay unknown: never a guess.
 */
public final class Delays {
  private Delays() {}

  /** What a bare number in the argument counts. */
  public enum Unit {
    MINUTES(60),
    SECONDS(1),
    MILLISECONDS(1e-3),
    NANOSECONDS(1e-9);

    final double seconds;

    Unit(double seconds) {
      this.seconds = seconds;
    }
  }

  /** A delay between {@code min} and {@code max} seconds (equal for a fixed one). */
  public record Range(double min, double max) {
    Range times(double k) {
      return new Range(min * k, max * k);
    }
  }

  /** Go's durations are nanoseconds: {@code 2 * time.Second} is 2e9. */
  private static final Map<String, Double> CONSTANTS =
      Map.of(
          "time.Nanosecond", 1d,
          "time.Microsecond", 1e3,
          "time.Millisecond", 1e6,
          "time.Second", 1e9,
          "time.Minute", 6e10);

  /**
   * A sleep hazard whose wait is read from {@code delay}, the argument's full text (the record's
   * {@code argument} is the shortened one shown in messages).
   */
  public static Hazard.Sleep sleep(
      String route,
      SourceLocation at,
      String code,
      String callee,
      String delay,
      Unit unit,
      boolean everyRequest,
      boolean deferredResponse) {
    Range r = seconds(delay, unit);
    return new Hazard.Sleep(
        route,
        at,
        code,
        callee,
        delay == null || delay.isBlank() ? null : Snippets.shorten(delay),
        everyRequest,
        deferredResponse,
        r == null ? null : r.min(),
        r == null ? null : r.max());
  }

  /** The delay {@code text} waits, read in {@code unit}; null when the code does not state it. */
  public static Range seconds(String text, Unit unit) {
    if (text == null || text.isBlank() || unit == null) {
      return null;
    }
    try {
      Parser p = new Parser(text);
      Range r = p.sum();
      if (r == null || p.pos < p.text.length() || r.min() < 0 || Double.isNaN(r.max())) {
        return null;
      }
      return r.times(unit.seconds);
    } catch (RuntimeException e) {
      return null; // text the grammar does not cover: unknown, not wrong
    }
  }

  /** A recursive-descent reader of +, -, *, /, parentheses, casts, calls and constants. */
  private static final class Parser {
    final String text;
    int pos;

    Parser(String text) {
      this.text = text.replace("_", "").trim();
    }

    Range sum() {
      return chain("+-", this::product);
    }

    Range product() {
      return chain("*/", this::unary);
    }

    /** Operands joined by the operators in {@code ops}, left to right. */
    private Range chain(String ops, java.util.function.Supplier<Range> operand) {
      Range left = operand.get();
      while (left != null) {
        skip();
        char c = peek();
        if (c == '\0' || ops.indexOf(c) < 0) {
          break;
        }
        pos++;
        Range right = operand.get();
        left = right == null ? null : combine(c, left, right);
      }
      return left;
    }

    /** Interval arithmetic: the smallest and largest values {@code a op b} can take. */
    private static Range combine(char op, Range a, Range b) {
      return switch (op) {
        case '+' -> new Range(a.min() + b.min(), a.max() + b.max());
        case '-' -> new Range(a.min() - b.max(), a.max() - b.min());
        case '*' -> corners(a, b, (x, y) -> x * y);
        default -> b.min() <= 0 ? null : corners(a, b, (x, y) -> x / y);
      };
    }

    private static Range corners(Range a, Range b, java.util.function.DoubleBinaryOperator op) {
      double[] p = {
        op.applyAsDouble(a.min(), b.min()),
        op.applyAsDouble(a.min(), b.max()),
        op.applyAsDouble(a.max(), b.min()),
        op.applyAsDouble(a.max(), b.max())
      };
      double lo = p[0];
      double hi = p[0];
      for (double v : p) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      return new Range(lo, hi);
    }

    Range unary() {
      skip();
      if (peek() == '(') {
        int save = pos;
        pos++;
        String cast = name();
        skip();
        if (cast != null && CASTS.contains(cast) && peek() == ')') {
          pos++;
          return unary(); // (long) (Math.random() * 5000)
        }
        pos = save + 1;
        Range inner = sum();
        skip();
        if (inner == null || peek() != ')') {
          return null;
        }
        pos++;
        return inner;
      }
      if (Character.isDigit(peek()) || peek() == '.') {
        return number();
      }
      return call();
    }

    Range number() {
      int start = pos;
      while (pos < text.length()
          && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
        pos++;
      }
      String n = text.substring(start, pos).toLowerCase(Locale.ROOT);
      // 2000L, 1.5f, 3e3: Java and Go suffixes and exponents
      while (!n.isEmpty() && "lfd".indexOf(n.charAt(n.length() - 1)) >= 0) {
        n = n.substring(0, n.length() - 1);
      }
      double v = Double.parseDouble(n);
      return new Range(v, v);
    }

    /** A constant, or a call ({@code random.uniform(3, 8)}), possibly a chain of them. */
    Range call() {
      String name = name();
      if (name == null) {
        return null;
      }
      skip();
      if (peek() != '(') {
        Double constant = CONSTANTS.get(name);
        return constant == null ? null : new Range(constant, constant);
      }
      pos++;
      List<Range> args = new ArrayList<>();
      skip();
      if (peek() == ')') {
        pos++;
      } else {
        while (true) {
          args.add(sum());
          skip();
          char c = peek();
          pos++;
          if (c == ')') {
            break;
          }
          if (c != ',') {
            return null;
          }
        }
      }
      skip();
      if (peek() == '.') { // ThreadLocalRandom.current().nextInt(3000, 8000)
        pos++;
        return name.endsWith(".current") || name.equals("current") ? call() : null;
      }
      return Calls.apply(name, args);
    }

    String name() {
      skip();
      int start = pos;
      while (pos < text.length()
          && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
        pos++;
      }
      if (start == pos || !Character.isLetter(text.charAt(start))) {
        pos = start;
        return null;
      }
      return text.substring(start, pos);
    }

    char peek() {
      return pos < text.length() ? text.charAt(pos) : '\0';
    }

    void skip() {
      while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
        pos++;
      }
    }
  }

  private static final java.util.Set<String> CASTS =
      java.util.Set.of("int", "long", "double", "float", "short");

  /** The calls a delay is commonly built from, by their last name (or two). */
  private static final class Calls {
    static Range apply(String name, List<Range> args) {
      if (args.contains(null)) {
        return null;
      }
      String last = name.substring(name.lastIndexOf('.') + 1);
      int n = args.size();
      return switch (last) {
        // identity wrappers: time.Duration(x), int(x), float(x), Number(x), Long.valueOf(x)
        case "Duration", "int", "float", "Number", "parseInt", "valueOf" ->
            n == 1 ? args.get(0) : null;
        case "floor", "trunc" ->
            n == 1 ? new Range(Math.floor(args.get(0).min()), Math.floor(args.get(0).max())) : null;
        case "round" ->
            n == 1 ? new Range(Math.round(args.get(0).min()), Math.round(args.get(0).max())) : null;
        case "ceil" ->
            n == 1 ? new Range(Math.ceil(args.get(0).min()), Math.ceil(args.get(0).max())) : null;
        // uniform draws in [0, 1)
        case "random", "Float64", "Float32", "nextDouble", "nextFloat" ->
            n == 0 ? new Range(0, 1) : null;
        // Python random.uniform(a, b), random.randint(a, b): both ends included
        case "uniform", "randint" ->
            n == 2 ? new Range(args.get(0).min(), args.get(1).max()) : null;
        case "randrange" ->
            n == 1
                ? new Range(0, args.get(0).max() - 1)
                : n == 2 ? new Range(args.get(0).min(), args.get(1).max() - 1) : null;
        // Go rand.Intn(n), Java nextInt(n) / nextInt(a, b): the upper end excluded
        case "Intn", "Int31n", "Int63n", "IntN", "Int64N", "N", "nextInt", "nextLong" ->
            n == 1
                ? new Range(0, args.get(0).max() - 1)
                : n == 2 ? new Range(args.get(0).min(), args.get(1).max() - 1) : null;
        // Java java.time.Duration, read in milliseconds as Thread.sleep(long) would be
        case "ofMillis" -> n == 1 ? args.get(0) : null;
        case "ofSeconds" -> n == 1 ? args.get(0).times(1000) : null;
        case "ofMinutes" -> n == 1 ? args.get(0).times(60_000) : null;
        default -> null;
      };
    }
  }
}
