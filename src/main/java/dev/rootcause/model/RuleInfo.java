package dev.rootcause.model;

import java.util.List;

/** A rule's validated metadata, read once from its {@code @RuleSpec} (see {@code rules.RuleInfos}). */
public record RuleInfo(
    String id,
    Layer layer,
    Severity severity,
    FindingKind kind,
    String summary,
    String symptom,
    String fix,
    List<Threshold> thresholds,
    Class<?> ruleClass) implements java.io.Serializable {

  /** A tunable number and its default. */
  public record Threshold(String name, long defaultValue, String description) implements java.io.Serializable {}

  public RuleInfo {
    thresholds = List.copyOf(thresholds);
  }

  /** The long explanation's resource: {@code /rules/k8s/probe-port-not-exposed.md}. */
  public String docResource() {
    return "/rules/" + id + ".md";
  }
}
