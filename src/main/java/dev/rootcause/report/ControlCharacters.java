package dev.rootcause.report;

import java.util.regex.Pattern;

/**
 * Terminal control characters from the inputs (file names, log lines, response bodies) made inert:
 * an escape sequence, OSC hyperlink or bell in a report must not drive the terminal of whoever
 * prints it. Every text-like format (text, Markdown, the probe reports) goes through here.
 */
public final class ControlCharacters {
  /** C0 controls but the newline (each format decides what a line break becomes), DEL and C1. */
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\u0080-\\u009f&&[^\\n]]");

  private ControlCharacters() {}

  /** {@code s} with each control character but the newline replaced by {@code ?}. */
  public static String neutralise(String s) {
    return s == null ? null : CONTROL.matcher(s).replaceAll("?");
  }
}
