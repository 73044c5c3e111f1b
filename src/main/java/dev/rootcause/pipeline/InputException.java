package dev.rootcause.pipeline;

/** Bad input the user must fix (missing path, invalid config): one line, exit code 2. */
public final class InputException extends Exception {
  private static final long serialVersionUID = 1L;

  public InputException(String message) {
    super(message);
  }
}
