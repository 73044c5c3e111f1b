package dev.rootcause.collect.code;

/**
 * A URL as far as the code shows it: its text with {@code {}} for the parts computed at run time,
 * and the env var it starts from, if any. Both null when nothing is known.
 */
public record UrlValue(String url, String envVar) {
  public static final UrlValue UNKNOWN = new UrlValue(null, null);

  public boolean known() {
    return url != null || envVar != null;
  }

  /** {@code base + "/path"}: a known base followed by a literal (or by {@code {}} when not one). */
  public UrlValue plus(String literal) {
    if (!known()) {
      return UNKNOWN;
    }
    return new UrlValue((url == null ? "{}" : url) + (literal == null ? "{}" : literal), envVar);
  }
}
