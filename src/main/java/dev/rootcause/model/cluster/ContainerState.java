package dev.rootcause.model.cluster;

import java.time.Instant;

/**
 * One container of a pod as its status reports it: the current state (with the reason, such as
 * CrashLoopBackOff or ImagePullBackOff, when waiting) and the last termination (such as OOMKilled).
 *
 * @param startedAt when the running container started; null unless running
 * @param lastReason why the previous instance ended ({@code OOMKilled}, {@code Error}); null if none
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
    Instant lastFinishedAt) implements java.io.Serializable {

  /** The container's current state. */
  public enum State { RUNNING, WAITING, TERMINATED, UNKNOWN }

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
