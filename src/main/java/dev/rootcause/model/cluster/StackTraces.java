package dev.rootcause.model.cluster;

import java.util.List;

/**
 * Reads the stack traces a container log prints, line by line, in the shapes the runtimes write
 * them: Python's {@code Traceback (most recent call last):} (innermost frame last), Node's and
 * Java's exception line followed by {@code at ...} frames (innermost first; Java's last {@code
 * Caused by:} is the root), and Go's {@code panic:} with its goroutine's function and file lines.
 * Each trace ends as the exception it names and its innermost frame in the application's own code,
 * never a frame of a library, the runtime or the standard library.
 */
public final class StackTraces {
  /** One trace: the exception line, and the innermost frame of the application's code or null. */
  public record Trace(String error, SourceFrame frame) implements java.io.Serializable {}

  private enum Mode {
    NONE,
    PYTHON,
    FRAMES,
    GO
  }

  private static final String PYTHON_START = "Traceback (most recent call last):";
  private static final List<String> JAVA_LIBRARIES =
      List.of(
          "java.",
          "javax.",
          "jakarta.",
          "jdk.",
          "sun.",
          "com.sun.",
          "kotlin.",
          "kotlinx.",
          "scala.",
          "org.springframework.",
          "org.apache.",
          "org.hibernate.",
          "com.fasterxml.",
          "io.netty.",
          "reactor.",
          "org.eclipse.",
          "com.google.",
          "io.micrometer.",
          "ch.qos.",
          "org.slf4j.",
          "io.undertow.",
          "com.zaxxer.",
          "org.postgresql.",
          "com.mysql.",
          "io.grpc.",
          "io.quarkus.",
          "io.micronaut.",
          "io.vertx.",
          "okhttp3.",
          "feign.");

  private Mode mode = Mode.NONE;
  private String previous;
  private String error;
  private SourceFrame frame;
  private String goFunction;

  /** Reads the next line; returns the trace this line completes or ends, else null. */
  public Trace line(String text) {
    String stripped = text.strip();
    switch (mode) {
      case PYTHON -> {
        if (stripped.startsWith("File \"")) {
          SourceFrame f = pythonFrame(stripped);
          frame = f != null ? f : frame;
          return null;
        }
        if (!text.isEmpty() && !Character.isWhitespace(text.charAt(0))) {
          // The first unindented line after the frames names the exception.
          mode = Mode.NONE;
          return new Trace(stripped, frame);
        }
        return null;
      }
      case FRAMES -> {
        if (stripped.startsWith("at ")) {
          if (frame == null) {
            frame = atFrame(stripped.substring(3).strip());
          }
          return null;
        }
        if (stripped.startsWith("Caused by:")) {
          error = stripped.substring("Caused by:".length()).strip();
          frame = null;
          return null;
        }
        if (stripped.startsWith("...") && stripped.endsWith("more")) {
          return null;
        }
        Trace done = finish();
        start(text, stripped);
        return done;
      }
      case GO -> {
        if (goLine(text, stripped)) {
          return null;
        }
        Trace done = finish();
        start(text, stripped);
        return done;
      }
      default -> {
        start(text, stripped);
        return null;
      }
    }
  }

  /** Whether a trace is being read: the last line started or continued one. */
  boolean reading() {
    return mode != Mode.NONE;
  }

  /** Whether the trace being read is a Java or Node exception's {@code at} frames. */
  boolean readingFrames() {
    return mode == Mode.FRAMES;
  }

  /** Whether the trace being read is Python's, which ends at its exception line, not before it. */
  boolean readingPython() {
    return mode == Mode.PYTHON;
  }

  /** Ends the trace being read (at a request line, or the log's end): it, or null. */
  public Trace end() {
    Trace done = mode == Mode.FRAMES || mode == Mode.GO ? finish() : null;
    if (mode == Mode.PYTHON) {
      mode = Mode.NONE;
    }
    previous = null;
    return done;
  }

  /** Reads every line of a log: its traces, in order. */
  public static List<Trace> of(List<String> lines) {
    StackTraces reader = new StackTraces();
    List<Trace> traces = new java.util.ArrayList<>();
    for (String line : lines) {
      Trace t = reader.line(line);
      if (t != null) {
        traces.add(t);
      }
    }
    Trace last = reader.end();
    if (last != null) {
      traces.add(last);
    }
    return traces;
  }

  private Trace finish() {
    Trace done = new Trace(error, frame);
    mode = Mode.NONE;
    error = null;
    frame = null;
    goFunction = null;
    return done;
  }

  /** A line outside a trace: the start of one, or the exception line a trace may follow. */
  private void start(String text, String stripped) {
    if (stripped.endsWith(PYTHON_START)) {
      mode = Mode.PYTHON;
      frame = null;
    } else if (stripped.startsWith("panic: ") || stripped.startsWith("fatal error: ")) {
      mode = Mode.GO;
      error = stripped;
      frame = null;
      goFunction = null;
    } else if (stripped.startsWith("at ")
        && previous != null
        && !text.equals(stripped)
        && isFrame(stripped.substring(3).strip())) {
      mode = Mode.FRAMES;
      error = previous;
      frame = atFrame(stripped.substring(3).strip());
    }
    previous = stripped.isEmpty() ? previous : stripped;
  }

  /** {@code File "/app/application.py", line 18, in load_urls}, or null for a library's frame. */
  private static SourceFrame pythonFrame(String line) {
    int start = "File \"".length();
    int end = line.indexOf('"', start);
    if (end < 0) {
      return null;
    }
    String path = line.substring(start, end);
    if (path.contains("/site-packages/")
        || path.contains("/dist-packages/")
        || path.contains("/lib/python")
        || path.startsWith("<")) {
      return null;
    }
    String rest = line.substring(end + 1).strip();
    rest = rest.startsWith(",") ? rest.substring(1).strip() : rest;
    int in = rest.indexOf(", in ");
    String lineText = in < 0 ? rest : rest.substring(0, in);
    Integer number = number(lineText.startsWith("line ") ? lineText.substring(5) : null);
    if (number == null) {
      return null;
    }
    return new SourceFrame(path, number, in < 0 ? null : rest.substring(in + 5).strip());
  }

  /**
   * A frame after {@code at }: Java's {@code com.acme.Orders.load(Orders.java:88)} or Node's {@code
   * load (/usr/src/app/server.js:42:11)} and {@code /usr/src/app/server.js:42:11}; null for a frame
   * outside the application's code.
   */
  private static SourceFrame atFrame(String at) {
    int open = at.lastIndexOf('(');
    boolean parens = open >= 0 && at.endsWith(")");
    String where = parens ? at.substring(open + 1, at.length() - 1) : at;
    String function = parens ? at.substring(0, open).strip() : null;
    if (where.contains(".java:") || where.contains(".kt:") || where.contains(".scala:")) {
      return javaFrame(function, where);
    }
    return nodeFrame(function == null || function.isEmpty() ? null : function, where);
  }

  /** Whether the text after {@code at } is a frame (app or library), not prose indented. */
  private static boolean isFrame(String at) {
    int open = at.lastIndexOf('(');
    String where = open >= 0 && at.endsWith(")") ? at.substring(open + 1, at.length() - 1) : at;
    if (List.of("Native Method", "Unknown Source", "<anonymous>", "native").contains(where)
        || where.startsWith("index ")) {
      return true;
    }
    int colon = where.lastIndexOf(':');
    return colon > 0 && number(where.substring(colon + 1)) != null && where.indexOf(' ') < 0;
  }

  private static SourceFrame javaFrame(String method, String where) {
    if (method == null) {
      return null;
    }
    // A module or class loader before the class: java.base/java.util.Objects, app//com.acme.X.
    String qualified = method.substring(method.lastIndexOf('/') + 1);
    if (JAVA_LIBRARIES.stream().anyMatch(qualified::startsWith)) {
      return null;
    }
    int colon = where.lastIndexOf(':');
    Integer line = number(where.substring(colon + 1));
    int methodDot = qualified.lastIndexOf('.');
    if (line == null || methodDot < 0) {
      return null;
    }
    String type = qualified.substring(0, methodDot);
    int packageDot = type.lastIndexOf('.');
    String pkg = packageDot < 0 ? "" : type.substring(0, packageDot).replace('.', '/') + "/";
    String simpleType = type.substring(packageDot + 1);
    return new SourceFrame(
        pkg + where.substring(0, colon), line, simpleType + qualified.substring(methodDot));
  }

  private static SourceFrame nodeFrame(String function, String where) {
    String path = where.startsWith("file://") ? where.substring("file://".length()) : where;
    int col = path.lastIndexOf(':');
    int lineColon = col < 0 ? -1 : path.lastIndexOf(':', col - 1);
    if (lineColon < 0) {
      return null;
    }
    Integer line = number(path.substring(lineColon + 1, col));
    path = path.substring(0, lineColon);
    if (line == null
        || !path.contains("/")
        || path.contains("node_modules/")
        || path.startsWith("node:")
        || path.startsWith("internal/")) {
      return null;
    }
    String name =
        function != null && function.startsWith("new ") ? function.substring(4) : function;
    return new SourceFrame(path, line, name);
  }

  /**
   * Whether a line belongs to a Go panic's goroutine dump; a function line is kept until the file
   * line under it names where it ran.
   */
  private boolean goLine(String text, String stripped) {
    if (stripped.isEmpty()
        || stripped.startsWith("goroutine ")
        || stripped.startsWith("[signal")
        || stripped.startsWith("exit status")) {
      return true;
    }
    if (text.startsWith("\t") && stripped.contains(".go:")) {
      SourceFrame f = goFrame(stripped, goFunction);
      frame = frame == null ? f : frame;
      return true;
    }
    int open = stripped.indexOf('(');
    if (open > 0 && stripped.endsWith(")") && stripped.substring(0, open).indexOf(' ') < 0
        || stripped.startsWith("created by ")) {
      int args = stripped.lastIndexOf('(');
      goFunction = stripped.startsWith("created by ") ? null : stripped.substring(0, args);
      return true;
    }
    return false;
  }

  /**
   * {@code /app/main.go:57 +0x1d}, or null for the runtime's, the standard library's, a module's.
   */
  private static SourceFrame goFrame(String stripped, String function) {
    int space = stripped.indexOf(' ');
    String where = space < 0 ? stripped : stripped.substring(0, space);
    int colon = where.lastIndexOf(':');
    Integer line = colon < 0 ? null : number(where.substring(colon + 1));
    String path = colon < 0 ? where : where.substring(0, colon);
    if (line == null
        || path.contains("/go/src/")
        || path.contains("/pkg/mod/")
        || path.contains("/vendor/")
        || path.contains("/libexec/src/")
        || !path.startsWith("/")
            && path.contains("/")
            && !path.substring(0, path.indexOf('/')).contains(".")) {
      return null;
    }
    return new SourceFrame(path, line, function);
  }

  private static Integer number(String text) {
    if (text == null || text.isEmpty() || text.length() > 9) {
      return null;
    }
    for (int i = 0; i < text.length(); i++) {
      if (!Character.isDigit(text.charAt(i))) {
        return null;
      }
    }
    return Integer.parseInt(text);
  }
}
