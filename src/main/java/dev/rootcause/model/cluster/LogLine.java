package dev.rootcause.model.cluster;

import java.io.Serializable;
import java.time.Instant;

/**
 * One line of a container log; {@code timestamp} is the one kubectl's --timestamps or the app
 * itself wrote at the start of the line, or null when the line has none; {@code error} whether the
 * line starts a record that reports an error (see {@link LogLevels}); {@code cause} the start-up
 * failure it proves, or null (see {@link LogCauses}); {@code continues} whether the line continues
 * the record an earlier line started (a stack frame, {@code Caused by:}, {@code ... 23 more}): such
 * a line is never counted as an error of its own, though its cause is read (see {@link
 * LogRecords}).
 */
public record LogLine(
    Instant timestamp, String text, boolean error, LogCause cause, boolean continues)
    implements Serializable {

  /** A line whose level and cause are read from its text. */
  public LogLine(Instant timestamp, String text) {
    this(timestamp, text, text == null ? null : JsonLogRecord.parse(text));
  }

  // Every line read passes here: a JSON record is decoded once for its level and its cause.
  private LogLine(Instant timestamp, String text, JsonLogRecord json) {
    this(timestamp, text, LogLevels.isError(text, json), LogCauses.classify(text, json), false);
  }

  /** Whether the line may have been written at or after {@code since}: undated lines may have. */
  public boolean mayBeSince(Instant since) {
    return timestamp == null || !timestamp.isBefore(since);
  }

  /**
   * The line as the application wrote it, without the timestamp {@code kubectl logs --timestamps}
   * puts first: what stack-trace and frame reading must see.
   */
  public String body() {
    return LogRecords.body(this);
  }
}
