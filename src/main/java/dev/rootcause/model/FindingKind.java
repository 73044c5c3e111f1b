package dev.rootcause.model;

/**
 * Whether a finding causes or directly explains a failure (a root cause), is a failure that another
 * finding of the same result causes (a consequence: a Service without endpoints because its pods
 * crash), or is advice that makes the system sturdier but breaks nothing by itself (hardening): the
 * first screen shows root causes, lists consequences under them and only counts hardening.
 */
public enum FindingKind {
  ROOT_CAUSE("root-cause"),
  CONSEQUENCE("consequence"),
  HARDENING("hardening");

  private final String label;

  FindingKind(String label) {
    this.label = label;
  }

  /** As the outputs spell it: {@code root-cause}, {@code consequence}, {@code hardening}. */
  public String label() {
    return label;
  }
}
