package dev.rootcause.report;

import java.util.Locale;

/**
 * The output formats of every command; which ones a kind of result has is said by {@link
 * Renderers}.
 */
public enum Format {
  TEXT,
  JSON,
  SARIF,
  MARKDOWN,
  HTML;

  /** The name as users type it: {@code sarif}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
