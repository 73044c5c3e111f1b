package dev.rootcause.model.cluster;

import java.io.Serializable;
import java.time.Instant;

/**
 * One status condition of a cluster object, as {@code kubectl describe} lists them: a Deployment's
 * {@code Progressing}, an HPA's {@code ScalingActive}, a node's {@code MemoryPressure}.
 *
 * @param status {@code True}, {@code False} or {@code Unknown}
 * @param reason the machine-readable reason ({@code ProgressDeadlineExceeded}); null when none
 * @param message the human-readable message; null when none
 * @param since when the condition last changed; null if unknown
 */
public record Condition(String type, String status, String reason, String message, Instant since)
    implements Serializable {

  /** Whether the condition is of that type and status. */
  public boolean is(String type, String status) {
    return type.equals(this.type) && status.equals(this.status);
  }

  /** {@code Progressing=False (ProgressDeadlineExceeded): ...}: how it is quoted as evidence. */
  public String summary() {
    return type
        + "="
        + status
        + (reason == null ? "" : " (" + reason + ")")
        + (message == null || message.isEmpty()
            ? ""
            : ": "
                + (message.endsWith(".") ? message.substring(0, message.length() - 1) : message));
  }
}
