package dev.rootcause.report;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The last line of defence for secrets in any output: credentials in URLs ({@code
 * postgres://user:pass@host}) and {@code password=...}-style pairs are masked in every string a
 * renderer writes. Rules already avoid quoting values; this catches what slips through.
 */
public final class Redaction {
  private static final Pattern URL_CREDENTIALS =
      Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)([^\\s/@:]+):([^\\s/@]+)@");
  private static final Pattern SECRET_PAIRS =
      Pattern.compile("(?i)\\b([a-z_]*(?:password|passwd|secret|token|api[_-]?key|credential)[a-z_]*)"
          + "(\\s*[=:]\\s*)(\"?)([^\\s\",;]+)");

  private Redaction() {}

  public static String redact(String text) {
    if (text == null) {
      return null;
    }
    String out = URL_CREDENTIALS.matcher(text).replaceAll("$1$2:<redacted>@");
    Matcher m = SECRET_PAIRS.matcher(out);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String value = m.group(4);
      String replacement = value.equals("<redacted>") || value.startsWith("$")
          ? m.group() : m.group(1) + m.group(2) + m.group(3) + "<redacted>";
      m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(sb);
    return sb.toString();
  }
}
