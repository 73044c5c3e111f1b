package dev.rootcause.model;

/**
 * A value that may be a secret (env values, Secret data, URLs with credentials). Rules may inspect
 * it; {@link #toString()} and {@link #masked()} never reveal it, so it cannot leak into a report by
 * accident.
 */
public final class Sensitive implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private final String value;

  private Sensitive(String value) {
    this.value = value;
  }

  public static Sensitive of(String value) {
    return value == null ? null : new Sensitive(value);
  }

  /** The real value, for rules that must look inside (a host in a URL, a number). */
  public String reveal() {
    return value;
  }

  public String masked() {
    return "<redacted>";
  }

  @Override
  public String toString() {
    return masked();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Sensitive s && s.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }
}
