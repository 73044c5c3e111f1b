package dev.rootcause.model;

import java.util.List;

/**
 * One root cause: which rule found it, on what, what breaks at run time, why, and the fix. {@code
 * primary} is where to make the fix; {@code related} are the other artifacts of a cross-file
 * finding.
 */
public record Finding(
    String ruleId,
    Severity severity,
    String subject,
    String symptom,
    String message,
    Location primary,
    List<Evidence> related,
    String fix,
    Confidence confidence) implements java.io.Serializable {

  public Finding {
    related = List.copyOf(related);
  }

  public Layer layer() {
    return Layer.ofRuleId(ruleId);
  }
}
