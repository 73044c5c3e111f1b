package dev.rootcause.model.cluster;

import java.math.BigDecimal;

/**
 * Kubernetes resource quantities as written ({@code 250m}, {@code 1.5}, {@code 64Mi}, {@code 1G})
 * turned into numbers, so a request can be weighed against a node's allocatable.
 */
public final class Quantities {
  private Quantities() {}

  /** CPU in millicores, or -1 when the text is not a quantity. */
  public static long millicores(String text) {
    BigDecimal v = value(text);
    return v == null ? -1 : v.movePointRight(3).longValue();
  }

  /** Bytes, or -1 when the text is not a quantity. */
  public static long bytes(String text) {
    BigDecimal v = value(text);
    return v == null ? -1 : v.longValue();
  }

  /** {@code 3.8Gi}, {@code 512Mi}: bytes as a person reads them. */
  public static String bytesText(long bytes) {
    String[] units = {"", "Ki", "Mi", "Gi", "Ti"};
    double v = bytes;
    int u = 0;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return (v == Math.rint(v) ? String.valueOf((long) v) : String.format("%.1f", v)) + units[u];
  }

  /** {@code 1.5} cores or {@code 250m}: millicores as a person reads them. */
  public static String cpuText(long millis) {
    return millis % 1000 == 0 ? String.valueOf(millis / 1000) : millis + "m";
  }

  private static BigDecimal value(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String t = text.strip();
    int end = t.length();
    while (end > 0 && Character.isLetter(t.charAt(end - 1))) {
      end--;
    }
    BigDecimal factor =
        switch (t.substring(end)) {
          case "" -> BigDecimal.ONE;
          case "m" -> new BigDecimal("0.001");
          case "k" -> BigDecimal.valueOf(1_000L);
          case "M" -> BigDecimal.valueOf(1_000_000L);
          case "G" -> BigDecimal.valueOf(1_000_000_000L);
          case "T" -> BigDecimal.valueOf(1_000_000_000_000L);
          case "Ki" -> BigDecimal.valueOf(1L << 10);
          case "Mi" -> BigDecimal.valueOf(1L << 20);
          case "Gi" -> BigDecimal.valueOf(1L << 30);
          case "Ti" -> BigDecimal.valueOf(1L << 40);
          default -> null;
        };
    if (factor == null) {
      return null;
    }
    try {
      return new BigDecimal(t.substring(0, end)).multiply(factor);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
