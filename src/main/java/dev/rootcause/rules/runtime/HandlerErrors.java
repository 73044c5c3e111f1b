package dev.rootcause.rules.runtime;

import dev.rootcause.model.cluster.SourceFrame;
import dev.rootcause.model.cluster.StackTraces;
import java.util.HashMap;
import java.util.Map;

/**
 * The exceptions a service's handlers raised, read from the stack traces its log prints beside its
 * 5xx request lines (Flask, Django and gunicorn log one per failed request, Express and Spring
 * theirs): the exception line and the innermost frame in the application's own code.
 */
final class HandlerErrors {
  /** One raised error: the exception line and where the application's code raised it, or null. */
  record Raised(String error, SourceFrame frame) {
    /** Where, as the reports word it, or null. */
    String at() {
      return frame == null ? null : frame.display();
    }
  }

  private final Map<Raised, Integer> counts = new HashMap<>();
  private final StackTraces traces = new StackTraces();
  private Raised pending;
  private Raised top;

  /** Reads the next line of one container's log that is not a request line. */
  void line(String text) {
    StackTraces.Trace t = traces.line(text);
    if (t != null) {
      pending = new Raised(t.error(), t.frame());
    }
  }

  /** A 5xx request line: the error raised since the previous request line is its cause. */
  void failed() {
    ended();
    if (pending != null) {
      int n = counts.merge(pending, 1, Integer::sum);
      if (top == null || n > counts.get(top)) {
        top = pending;
      }
    }
    pending = null;
  }

  /** A request line that did not fail: an error raised before it is not its cause. */
  void answered() {
    ended();
    pending = null;
  }

  /** A trace still being read ends at a request line. */
  private void ended() {
    StackTraces.Trace t = traces.end();
    if (t != null && t.error() != null) {
      pending = new Raised(t.error(), t.frame());
    }
  }

  /** The error raised beside most 5xx lines, or null when no traceback was read. */
  Raised top() {
    return top;
  }

  /** How many 5xx lines the top error was raised beside. */
  int topCount() {
    return top == null ? 0 : counts.get(top);
  }
}
