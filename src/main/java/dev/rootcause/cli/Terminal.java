package dev.rootcause.cli;

/**
 * Whether this process talks to a person at a terminal, which decides colour and the live progress
 * line.
 *
 * <p>{@code System.console()} answers that on JDK 21 and 25 (null unless stdin and stdout are a
 * terminal). JDK 22 to 24 made their default console a JLine one that exists even when output is
 * redirected; {@link #pinBuiltInConsole()} selects the built-in console there too, so the one
 * question works on every JDK without {@code Console.isTerminal()}, which {@code --release 21}
 * cannot call.
 */
final class Terminal {
  private Terminal() {}

  /** Call before anything asks for the console: it is chosen once, on first use. */
  static void pinBuiltInConsole() {
    if (System.getProperty("jdk.console") == null) {
      System.setProperty("jdk.console", "java.base");
    }
  }

  /** Whether standard input and output are a terminal. */
  static boolean attached() {
    return System.console() != null;
  }
}
