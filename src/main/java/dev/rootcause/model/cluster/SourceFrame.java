package dev.rootcause.model.cluster;

import java.io.Serializable;

/**
 * A frame of a stack trace in the application's own code, as a container's log prints it: the file
 * as the runtime names it ({@code /app/application.py}, {@code /usr/src/app/server.js}, or for Java
 * the source path its package gives, {@code com/acme/Orders.java}), the line, and the function
 * ({@code load_urls}, {@code load}; null when the trace names none). It is what joins a runtime
 * symptom to the line of the repository that raised it.
 */
public record SourceFrame(String path, int line, String function) implements Serializable {

  /** The frame as the reports word it: {@code /app/application.py line 18 (in load_urls)}. */
  public String display() {
    return path + " line " + line + (function == null ? "" : " (in " + function + ")");
  }

  /**
   * The function's own name, without its owner: {@code load} for {@code Orders.load}, {@code
   * handle} for Go's {@code (*Server).handle}, {@code load} for Node's {@code async load}.
   */
  public String simpleFunction() {
    if (function == null) {
      return null;
    }
    String name = function.startsWith("async ") ? function.substring(6) : function;
    int dot = name.lastIndexOf('.');
    return dot < 0 ? name : name.substring(dot + 1);
  }
}
