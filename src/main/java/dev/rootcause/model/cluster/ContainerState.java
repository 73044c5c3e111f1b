package dev.rootcause.model.cluster;

import java.io.Serializable;
import java.time.Instant;
import java.util.Set;

/**
 * One container of a pod as its status reports it: the current state (with the reason, such as
 * CrashLoopBackOff or ImagePullBackOff, when waiting) and the last termination (such as OOMKilled).
 *
 * @param startedAt when the running container started; null unless running
 * @param lastReason why the previous instance ended ({@code OOMKilled}, {@code Error}); null if
 *     none
 * @param lastFinishedAt when the previous instance ended; null if none
 * @param lastMessage what the runtime or the container said when the previous instance ended (a
 *     {@code StartError}'s {@code exec: "/app/server": stat /app/server: no such file or
 *     directory}, or the termination message file); null if none
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
    Instant lastFinishedAt,
    String lastMessage)
    implements Serializable {
  private static final Set<String> START_FAILURES =
      Set.of("StartError", "ContainerCannotRun", "RunContainerError");

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

  /**
   * Whether the runtime could not start the container at all: containerd's {@code StartError},
   * Docker's {@code ContainerCannotRun}, the kubelet's {@code RunContainerError}. Such a container
   * never ran, so it has no log; its status message is the only evidence.
   */
  public boolean failedToStart() {
    return startFailure(reason) || startFailure(lastReason);
  }

  /**
   * What the runtime or the container said when it last failed, or null: the message of a container
   * that could not start (waiting or terminated), else of the previous instance. A back-off's
   * {@code back-off 5m0s restarting failed container} says nothing of why.
   */
  public String failureMessage() {
    boolean current = state == State.TERMINATED || (state == State.WAITING && startFailure(reason));
    String text = current && message != null && !message.isBlank() ? message : lastMessage;
    return text == null || text.isBlank() ? null : text.strip();
  }

  /** The cause {@link #failureMessage()} proves, read as a log line is; null when none. */
  public LogCause failureCause() {
    String text = failureMessage();
    return text == null ? null : LogCauses.classify(text);
  }

  private static boolean startFailure(String reason) {
    return reason != null && START_FAILURES.contains(reason);
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
