package dev.rootcause.cli;

/** Exit codes, named in one place, for CI to act on. Only {@link Main} calls System.exit. */
public enum ExitCode {
  /** Nothing at or above {@code --fail-on}. */
  OK(0),
  /** Findings at or above {@code --fail-on} (or a probe/verify criterion failed). */
  FINDINGS(1),
  /** Bad usage or bad input: unknown option, missing path, invalid config, unreadable file. */
  USAGE(2),
  /** A required source failed (cluster unreachable): the answer is incomplete. */
  INCOMPLETE(3),
  /** A bug in rootcause. */
  INTERNAL(4);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
