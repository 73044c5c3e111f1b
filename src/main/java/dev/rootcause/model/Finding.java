package dev.rootcause.model;

import java.util.List;

/**
 * One finding: which rule found it, on what, what breaks at run time, why, and the fix. {@code
 * primary} is where to make the fix; {@code related} are the other artifacts of a cross-file
 * finding; {@code kind} says whether it is a root cause or hardening advice (the rule's kind,
 * unless the rule proved a failure in this case).
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
    Confidence confidence,
    FindingKind kind)
    implements java.io.Serializable {

  public Finding {
    related = List.copyOf(related);
    java.util.Objects.requireNonNull(kind, "kind");
  }

  public boolean rootCause() {
    return kind == FindingKind.ROOT_CAUSE;
  }

  /** The same finding at another severity (a {@code .rootcause.yaml} override). */
  public Finding withSeverity(Severity other) {
    return new Finding(
        ruleId, other, subject, symptom, message, primary, related, fix, confidence, kind);
  }

  public Layer layer() {
    return Layer.ofRuleId(ruleId);
  }
}
