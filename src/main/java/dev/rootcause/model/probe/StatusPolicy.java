package dev.rootcause.model.probe;

import java.util.BitSet;
import java.util.Locale;

/** Which HTTP status codes count as success: 2xx and 3xx unless the user says otherwise. */
public final class StatusPolicy {
  private final BitSet ok;
  private final String text;

  private StatusPolicy(BitSet ok, String text) {
    this.ok = ok;
    this.text = text;
  }

  public static StatusPolicy defaults() {
    return parse("2xx,3xx");
  }

  /**
   * Parses a comma list of codes ({@code 200}), classes ({@code 2xx}) and ranges ({@code 200-204}).
   *
   * @throws IllegalArgumentException naming the bad element
   */
  public static StatusPolicy parse(String text) {
    BitSet ok = new BitSet(600);
    for (String raw : text.split(",", -1)) {
      String term = raw.trim().toLowerCase(Locale.ROOT);
      if (term.matches("[1-5]xx")) {
        int base = (term.charAt(0) - '0') * 100;
        ok.set(base, base + 100);
      } else if (term.matches("\\d{3}-\\d{3}")) {
        int from = Integer.parseInt(term.substring(0, 3));
        int to = Integer.parseInt(term.substring(4));
        if (from < 100 || to > 599 || from > to) {
          throw new IllegalArgumentException(
              "'" + raw.trim() + "' is not a status range in 100-599");
        }
        ok.set(from, to + 1);
      } else if (term.matches("\\d{3}")) {
        int code = Integer.parseInt(term);
        if (code < 100 || code > 599) {
          throw new IllegalArgumentException(
              "'" + raw.trim() + "' is not a status code in 100-599");
        }
        ok.set(code);
      } else {
        throw new IllegalArgumentException(
            "'" + raw.trim() + "' is not a status code, class or range (try 200, 2xx, 200-204)");
      }
    }
    return new StatusPolicy(ok, text.trim());
  }

  public boolean isSuccess(int status) {
    return status >= 0 && status < 600 && ok.get(status);
  }

  @Override
  public String toString() {
    return text;
  }
}
