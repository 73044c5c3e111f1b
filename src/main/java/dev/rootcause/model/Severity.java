package dev.rootcause.model;

import java.util.Locale;

/** How bad a finding is, from "worth knowing" to "this is the outage". */
public enum Severity {
  INFO,
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code high}, {@code HIGH}; throws with the accepted values on anything else. */
  public static Severity parse(String text) {
    for (Severity s : values()) {
      if (s.name().equalsIgnoreCase(text.trim())) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unknown severity '" + text + "' (expected info, low, medium, high or critical)");
  }

  public boolean atLeast(Severity other) {
    return compareTo(other) >= 0;
  }
}
