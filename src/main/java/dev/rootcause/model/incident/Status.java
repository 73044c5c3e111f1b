package dev.rootcause.model.incident;

import java.util.Locale;

/** Where an incident stands, in the order responders move it: statuspage.io's four states. */
public enum Status {
  INVESTIGATING,
  IDENTIFIED,
  MONITORING,
  RESOLVED;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean open() {
    return this != RESOLVED;
  }
}
