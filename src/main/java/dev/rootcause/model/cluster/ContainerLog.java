package dev.rootcause.model.cluster;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * The log of one container of one pod, its lines grouped into records: a stack trace's frames
 * continue the line that started it (see {@link LogRecords}).
 *
 * @param source where it was read: {@code kubectl logs}-style from the API, or a dump file
 */
public record ContainerLog(
    String namespace, String pod, String container, List<LogLine> lines, String source)
    implements Serializable {

  public ContainerLog {
    lines = LogRecords.group(lines);
  }

  /**
   * The line that says what a record is about: Python prints {@code Traceback (most recent call
   * last):} first and the exception last, so its record is told by its last line; any other record
   * by the line that starts it.
   */
  public LogLine headline(LogLine start) {
    if (!start.text().endsWith("Traceback (most recent call last):")) {
      return start;
    }
    int i = 0;
    while (i < lines.size() && lines.get(i) != start) {
      i++;
    }
    while (i + 1 < lines.size() && lines.get(i + 1).continues()) {
      i++;
    }
    return i < lines.size() ? lines.get(i) : start;
  }

  /** The lines that may have been written at or after {@code since}, undated ones included. */
  public List<LogLine> linesSince(Instant since) {
    return lines.stream().filter(l -> l.mayBeSince(since)).toList();
  }
}
