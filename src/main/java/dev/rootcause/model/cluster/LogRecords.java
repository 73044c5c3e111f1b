package dev.rootcause.model.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * Groups a log's lines into records: a multi-line stack trace (Java's and Node's {@code at} frames,
 * {@code Caused by:}, {@code ... 23 more}; Python's traceback; Go's goroutine dump) is one record
 * with the line that started it, so an exception of 40 frames counts as one error, not as every
 * frame whose package or function holds the word {@code error}. The exception line a logger prints
 * under its own error line ({@code ERROR ... Request failed} then {@code
 * java.lang.IllegalStateException: ...}) joins that record too. Every line keeps its own cause, so
 * a {@code Caused by: java.net.UnknownHostException: db} is still read.
 */
public final class LogRecords {
  private LogRecords() {}

  /**
   * The lines with {@link LogLine#continues()} set on each line that continues a record, and {@link
   * LogLine#error()} cleared there; the same list read twice gives the same result.
   */
  public static List<LogLine> group(List<LogLine> lines) {
    int n = lines.size();
    if (n == 0) {
      return List.of();
    }
    boolean[] cont = new boolean[n];
    StackTraces reader = new StackTraces();
    int recordStart = -1;
    int startBefore = -1;
    boolean tail = false;
    boolean chained = false;
    for (int i = 0; i < n; i++) {
      String body = body(lines.get(i));
      boolean indented = !body.isEmpty() && Character.isWhitespace(body.charAt(0));
      boolean wasReading = reader.reading();
      boolean wasPython = reader.readingPython();
      boolean ended = reader.line(body) != null;
      boolean c;
      if (wasPython || (wasReading && !ended)) {
        c = true; // a frame, a Caused by, a goroutine line, or Python's closing exception line
      } else if (indented && tail) {
        c = true; // Suppressed:, Node's [cause] and error fields after the frames
      } else if (tail && chainedPython(body)) {
        c = true;
        chained = true;
      } else if (reader.readingFrames()) {
        // The first frame: the line before it is the exception, which joins the record before it
        // when that record is an error a logger printed the exception under.
        c = true;
        int header = i - 1;
        if (header >= 0 && !cont[header] && startBefore >= 0 && lines.get(startBefore).error()) {
          cont[header] = true;
          recordStart = startBefore;
          startBefore = -1;
        }
      } else if (reader.reading()) {
        // Python's Traceback line or Go's panic: it starts the trace, and joins an error record
        // printed just before it (logging.exception), or a chained traceback.
        c = chained || (recordStart >= 0 && lines.get(recordStart).error());
        chained = false;
      } else {
        c = false;
      }
      cont[i] = c;
      tail = c;
      if (!c) {
        startBefore = recordStart;
        recordStart = i;
        chained = false;
      }
    }
    List<LogLine> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      LogLine l = lines.get(i);
      out.add(
          cont[i] == l.continues() && !(cont[i] && l.error())
              ? l
              : new LogLine(l.timestamp(), l.text(), !cont[i] && l.error(), l.cause(), cont[i]));
    }
    return List.copyOf(out);
  }

  /** Python's words between the tracebacks of a chained exception. */
  private static boolean chainedPython(String body) {
    return body.startsWith("During handling of the above exception")
        || body.startsWith("The above exception was the direct cause");
  }

  /**
   * The line as the application wrote it: without the timestamp {@code kubectl logs --timestamps}
   * puts first ({@code 2025-06-03T14:20:00.123456789Z }), so a frame's indentation is seen.
   */
  static String body(LogLine line) {
    String text = line.text();
    if (line.timestamp() == null || text.length() < 21 || text.charAt(10) != 'T') {
      return text;
    }
    int space = text.indexOf(' ');
    return space < 0 ? text : text.substring(space + 1);
  }
}
