package dev.rootcause.model;

import dev.rootcause.model.cluster.SourceFrame;
import java.util.List;

/**
 * One finding: which rule found it, on what, what breaks at run time, why, and the fix. {@code
 * primary} is where to make the fix; {@code related} are the other artifacts of a cross-file
 * finding; {@code kind} says whether it is a root cause or hardening advice (the rule's kind,
 * unless the rule proved a failure in this case). {@code frame} is, for a runtime symptom whose log
 * shows a stack trace, the frame of the application's code that raised it (null otherwise): what
 * joins the symptom to the repository's line.
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
    FindingKind kind,
    SourceFrame frame)
    implements java.io.Serializable {

  public Finding {
    related = List.copyOf(related);
    java.util.Objects.requireNonNull(kind, "kind");
  }

  /** A finding no stack frame locates. */
  public Finding(
      String ruleId,
      Severity severity,
      String subject,
      String symptom,
      String message,
      Location primary,
      List<Evidence> related,
      String fix,
      Confidence confidence,
      FindingKind kind) {
    this(
        ruleId, severity, subject, symptom, message, primary, related, fix, confidence, kind, null);
  }

  public boolean rootCause() {
    return kind == FindingKind.ROOT_CAUSE;
  }

  /** The same finding at another severity (a {@code .rootcause.yaml} override). */
  public Finding withSeverity(Severity other) {
    return new Finding(
        ruleId, other, subject, symptom, message, primary, related, fix, confidence, kind, frame);
  }

  public Layer layer() {
    return Layer.ofRuleId(ruleId);
  }
}
