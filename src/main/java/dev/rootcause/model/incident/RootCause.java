package dev.rootcause.model.incident;

import java.io.Serializable;
import java.util.List;

/**
 * A finding attached to an incident as evidence: the rule that found it and the line to fix.
 *
 * @param line 0 when the finding has no file line (a cluster object)
 * @param subject what the finding is about ({@code Service production/gateway}), or "" when not
 *     recorded (evidence attached before rootcause kept it)
 * @param symptom what breaks at run time, as observed when a cluster was read, or ""
 * @param objects the cluster objects its evidence names ({@code Pod production/api-1}): two
 *     findings naming the same pod are about the same failure
 * @param foundAt when it was attached (epoch seconds), or 0 when not recorded
 */
public record RootCause(
    String ruleId,
    String severity,
    String layer,
    String path,
    int line,
    String message,
    String fix,
    String subject,
    String symptom,
    List<String> objects,
    long foundAt)
    implements Serializable {

  public RootCause {
    subject = subject == null ? "" : subject;
    symptom = symptom == null ? "" : symptom;
    objects = List.copyOf(objects);
  }

  /** A finding with no subject, symptom, cluster objects or time recorded. */
  public RootCause(
      String ruleId,
      String severity,
      String layer,
      String path,
      int line,
      String message,
      String fix) {
    this(ruleId, severity, layer, path, line, message, fix, "", "", List.of(), 0);
  }

  /** {@code application.py:18}, or the bare path when there is no line. */
  public String where() {
    return line > 0 ? path + ":" + line : path;
  }

  /** The same finding, dated when it was attached. */
  public RootCause foundAt(long at) {
    return new RootCause(
        ruleId, severity, layer, path, line, message, fix, subject, symptom, objects, at);
  }

  /**
   * True for a symptom rootcause observed in a cluster without a line to fix (a runtime finding):
   * when another finding names the same object, it is that finding's consequence.
   */
  public boolean observedOnly() {
    return "runtime".equals(layer);
  }
}
