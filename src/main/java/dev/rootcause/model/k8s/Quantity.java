package dev.rootcause.model.k8s;

import java.math.BigDecimal;
import java.util.Map;

/**
 * A Kubernetes resource quantity ({@code 64Mi}, {@code 500m}, {@code 1.5}, {@code 1e3}), kept as
 * written and as a number in base units (bytes, cores).
 */
public record Quantity(String raw, BigDecimal value) implements java.io.Serializable {

  private static final Map<String, BigDecimal> SUFFIXES =
      Map.ofEntries(
          Map.entry("Ki", BigDecimal.valueOf(1L << 10)),
          Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
          Map.entry("Gi", BigDecimal.valueOf(1L << 30)),
          Map.entry("Ti", BigDecimal.valueOf(1L << 40)),
          Map.entry("Pi", BigDecimal.valueOf(1L << 50)),
          Map.entry("Ei", BigDecimal.valueOf(1L << 60)),
          Map.entry("n", new BigDecimal("1e-9")),
          Map.entry("u", new BigDecimal("1e-6")),
          Map.entry("m", new BigDecimal("1e-3")),
          Map.entry("k", new BigDecimal("1e3")),
          Map.entry("M", new BigDecimal("1e6")),
          Map.entry("G", new BigDecimal("1e9")),
          Map.entry("T", new BigDecimal("1e12")),
          Map.entry("P", new BigDecimal("1e15")),
          Map.entry("E", new BigDecimal("1e18")));

  /** Parses a quantity; throws {@link IllegalArgumentException} naming the text when malformed. */
  public static Quantity parse(String raw) {
    String text = raw.trim();
    int end = text.length();
    while (end > 0 && Character.isLetter(text.charAt(end - 1))) {
      end--;
    }
    String number = text.substring(0, end);
    String suffix = text.substring(end);
    // "1e3" is a decimal exponent, not the suffix "e3": the letters then include digits after.
    if (suffix.isEmpty() || number.isEmpty()) {
      return new Quantity(raw, parseNumber(raw, text));
    }
    BigDecimal multiplier = SUFFIXES.get(suffix);
    if (multiplier == null) {
      throw new IllegalArgumentException("not a Kubernetes quantity: '" + raw + "'");
    }
    return new Quantity(raw, parseNumber(raw, number).multiply(multiplier));
  }

  private static BigDecimal parseNumber(String raw, String number) {
    try {
      return new BigDecimal(number);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a Kubernetes quantity: '" + raw + "'");
    }
  }

  public long bytes() {
    return value.longValue();
  }

  /** Bytes as a short human form: {@code 64Mi}, {@code 1.5Gi}. */
  public static String humanBytes(long bytes) {
    if (bytes >= 1L << 30 && bytes % (1L << 30) == 0) {
      return (bytes >> 30) + "Gi";
    }
    if (bytes >= 1L << 20) {
      double mi = bytes / (double) (1L << 20);
      return mi == Math.rint(mi) ? (long) mi + "Mi" : String.format("%.1fMi", mi);
    }
    return bytes + "B";
  }

  @Override
  public String toString() {
    return raw;
  }
}
