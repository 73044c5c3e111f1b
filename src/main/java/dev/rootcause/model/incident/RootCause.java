package dev.rootcause.model.incident;

import java.io.Serializable;

/**
 * A finding attached to an incident as evidence: the rule that found it and the line to fix.
 *
 * @param line 0 when the finding has no file line (a cluster object)
 */
public record RootCause(
    String ruleId, String severity, String layer, String path, int line, String message, String fix)
    implements Serializable {

  /** {@code application.py:18}, or the bare path when there is no line. */
  public String where() {
    return line > 0 ? path + ":" + line : path;
  }
}
