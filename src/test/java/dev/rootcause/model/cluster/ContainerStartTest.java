package dev.rootcause.model.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A container the runtime could not start: its status message, in the runtimes' own words, read for
 * the cause as a log line is.
 */
class ContainerStartTest {
  private static final Instant T = Instant.parse("2025-06-03T14:18:00Z");

  private static ContainerState backOff(String lastReason, int exit, String lastMessage) {
    return new ContainerState(
        "server",
        "registry.acme.io/ledger:3.1.0",
        false,
        6,
        ContainerState.State.WAITING,
        "CrashLoopBackOff",
        "back-off 2m40s restarting failed container=server pod=ledger-6c9d7b-x2k4_ledger(0b1c)",
        null,
        lastReason,
        exit,
        T,
        lastMessage);
  }

  private static ContainerState waiting(String reason, String message) {
    return new ContainerState(
        "server",
        "img",
        false,
        0,
        ContainerState.State.WAITING,
        reason,
        message,
        null,
        null,
        null,
        null,
        null);
  }

  @Test
  void containerdStartErrorOfAMissingEntrypoint() {
    ContainerState c =
        backOff(
            "StartError",
            128,
            "failed to create containerd task: failed to create shim task: OCI runtime create"
                + " failed: runc create failed: unable to start container process: exec:"
                + " \"/app/server\": stat /app/server: no such file or directory: unknown");

    assertThat(c.failedToStart()).isTrue();
    assertThat(c.failureMessage()).startsWith("failed to create containerd task");
    assertThat(c.failureCause())
        .isEqualTo(new LogCause(LogCause.Kind.EXECUTABLE_NOT_FOUND, "/app/server"));
  }

  @Test
  void runContainerErrorOfAnEntrypointNotExecutable() {
    ContainerState c =
        waiting(
            "RunContainerError",
            "failed to start container \"9f3c\": Error response from daemon: failed to create"
                + " task for container: failed to create shim task: OCI runtime create failed:"
                + " runc create failed: unable to start container process: exec:"
                + " \"/entrypoint.sh\": permission denied: unknown");

    assertThat(c.failureCause())
        .isEqualTo(new LogCause(LogCause.Kind.PERMISSION_DENIED, "/entrypoint.sh"));
  }

  @Test
  void dockerContainerCannotRunOfAnImageForAnotherArchitecture() {
    ContainerState c =
        backOff(
            "ContainerCannotRun",
            128,
            "OCI runtime create failed: container_linux.go:380: starting container process"
                + " caused: exec: \"/usr/local/bin/api\": exec format error: unknown");

    assertThat(c.failureCause())
        .isEqualTo(new LogCause(LogCause.Kind.WRONG_PLATFORM, "/usr/local/bin/api"));
  }

  @Test
  void aBackOffMessageIsNoFailureMessage() {
    // The trap: the waiting message of a back-off says when the next try is, not why.
    ContainerState c = backOff("Error", 1, null);

    assertThat(c.failedToStart()).isFalse();
    assertThat(c.failureMessage()).isNull();
    assertThat(c.failureCause()).isNull();
  }

  @Test
  void jdbcRefusalNamesTheAddressItWasRefusedAt() {
    assertThat(
            LogCauses.classify(
                "org.postgresql.util.PSQLException: Connection to 10.96.0.12:5432 refused. Check"
                    + " that the hostname and port are correct and that the postmaster is"
                    + " accepting TCP/IP connections."))
        .isEqualTo(new LogCause(LogCause.Kind.CONNECTION_REFUSED, "10.96.0.12:5432"));
  }
}
