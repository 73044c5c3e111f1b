package dev.rootcause.model;

import dev.rootcause.model.app.AppFacts;
import java.util.List;

/**
 * A rule's validated metadata, read once from its {@code @RuleSpec} (see {@code rules.RuleInfos}).
 * {@code languages} are the source languages an app rule covers, empty for other rules; {@code
 * explains} the ids of the runtime symptoms a finding of this rule is the cause of.
 */
public record RuleInfo(
    String id,
    Layer layer,
    Severity severity,
    FindingKind kind,
    String summary,
    String symptom,
    String fix,
    List<Threshold> thresholds,
    List<AppFacts.Language> languages,
    List<String> explains,
    Class<?> ruleClass) {

  /** A tunable number and its default. */
  public record Threshold(String name, long defaultValue, String description)
      implements java.io.Serializable {}

  public RuleInfo {
    thresholds = List.copyOf(thresholds);
    languages = List.copyOf(languages);
    explains = List.copyOf(explains);
  }

  /** A rule that reads no source language. */
  public RuleInfo(
      String id,
      Layer layer,
      Severity severity,
      FindingKind kind,
      String summary,
      String symptom,
      String fix,
      List<Threshold> thresholds,
      Class<?> ruleClass) {
    this(
        id,
        layer,
        severity,
        kind,
        summary,
        symptom,
        fix,
        thresholds,
        List.of(),
        List.of(),
        ruleClass);
  }

  /** The long explanation's resource: {@code /rules/k8s/probe-port-not-exposed.md}. */
  public String docResource() {
    return "/rules/" + id + ".md";
  }
}
