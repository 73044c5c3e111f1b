package dev.rootcause.model;

/**
 * Whether a finding causes or directly explains a failure (a root cause), or is advice that makes
 * the system sturdier but breaks nothing by itself (hardening): the first screen shows root causes
 * and only counts hardening.
 */
public enum FindingKind {
  ROOT_CAUSE("root-cause"),
  HARDENING("hardening");

  private final String label;

  FindingKind(String label) {
    this.label = label;
  }

  /** As the outputs spell it: {@code root-cause}, {@code hardening}. */
  public String label() {
    return label;
  }
}
