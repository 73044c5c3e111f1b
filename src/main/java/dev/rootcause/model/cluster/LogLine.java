package dev.rootcause.model.cluster;

import java.io.Serializable;
import java.time.Instant;

/**
 * One line of a container log; {@code timestamp} is the one kubectl's --timestamps or the app
 * itself wrote at the start of the line, or null when the line has none; {@code error} whether the
 * line reports an error (see {@link LogLevels}); {@code cause} the start-up failure it proves, or
 * null (see {@link LogCauses}).
 */
public record LogLine(Instant timestamp, String text, boolean error, LogCause cause)
    implements Serializable {

  /** A line whose level and cause are read from its text. */
  public LogLine(Instant timestamp, String text) {
    this(timestamp, text, LogLevels.isError(text), LogCauses.classify(text));
  }

  /** Whether the line may have been written at or after {@code since}: undated lines may have. */
  public boolean mayBeSince(Instant since) {
    return timestamp == null || !timestamp.isBefore(since);
  }
}
