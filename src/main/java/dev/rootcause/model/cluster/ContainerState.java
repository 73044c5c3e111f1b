package dev.rootcause.model.cluster;

import java.io.Serializable;
import java.time.Instant;

/**
 * One container of a pod as its status reports it: the current state (with the reason, such as
 * CrashLoopBackOff or ImagePullBackOff, when waiting) and the last termination (such as OOMKilled).
 *
 * @param startedAt when the running container started; null unless running
 * @param lastReason why the previous instance ended ({@code OOMKilled}, {@code Error}); null if
 *     none
 * @param lastFinishedAt when the previous instance ended; null if none
 */
public record ContainerState(
    String name,
    String image,
    boolean ready,
    int restartCount,
    State state,
    String reason,
    String message,
    Instant startedAt,
    String lastReason,
    Integer lastExitCode,
    Instant lastFinishedAt)
    implements Serializable {

  /** The container's current state. */
  public enum State {
    RUNNING,
    WAITING,
    TERMINATED,
    UNKNOWN
  }

  /**
   * When the container last restarted, as far as its status tells: the end of the previous
   * instance, else the start of the current one; null when neither is known.
   */
  public Instant lastRestartAt() {
    return lastFinishedAt != null ? lastFinishedAt : startedAt;
  }

  /** {@code Running}, {@code CrashLoopBackOff}, {@code Completed}: the word kubectl shows. */
  public String display() {
    if (reason != null && !reason.isEmpty() && state != State.RUNNING) {
      return reason;
    }
    return switch (state) {
      case RUNNING -> "Running";
      case WAITING -> "Waiting";
      case TERMINATED -> "Terminated";
      case UNKNOWN -> "Unknown";
    };
  }
}
