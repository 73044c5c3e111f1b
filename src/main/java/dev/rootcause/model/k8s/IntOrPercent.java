package dev.rootcause.model.k8s;

/**
 * An IntOrString count such as {@code maxUnavailable: 25%} or {@code minAvailable: 2}, as written
 * and as the controllers resolve it against a replica count.
 */
public record IntOrPercent(String raw, int value, boolean percent) implements java.io.Serializable {

  /** Reads {@code 2} or {@code 25%}; null for anything else (not a count this model can judge). */
  public static IntOrPercent parse(String raw) {
    if (raw == null) {
      return null;
    }
    String text = raw.trim();
    boolean percent = text.endsWith("%");
    String digits = percent ? text.substring(0, text.length() - 1).trim() : text;
    if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit) || digits.length() > 9) {
      return null;
    }
    return new IntOrPercent(text, Integer.parseInt(digits), percent);
  }

  /** The count for {@code replicas} pods: a percentage rounds up or down as the controller does. */
  public int of(int replicas, boolean roundUp) {
    if (!percent) {
      return value;
    }
    long scaled = (long) value * replicas;
    return (int) (roundUp ? (scaled + 99) / 100 : scaled / 100);
  }

  public boolean isZero() {
    return value == 0;
  }

  @Override
  public String toString() {
    return raw;
  }
}
