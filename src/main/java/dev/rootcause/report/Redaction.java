package dev.rootcause.report;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The last line of defence for secrets in any output: credentials in URLs ({@code
 * postgres://user:pass@host}), {@code password=...}-style pairs, bearer tokens, JWTs (kubeconfig
 * and service-account tokens), well-known API key shapes and PEM private keys are masked in every
 * string a renderer writes. Rules already avoid quoting values; this catches what slips through.
 */
public final class Redaction {
  /** What a secret is replaced with; SARIF lists it as the run's redaction token. */
  public static final String MASK = "<redacted>";

  /** {@code scheme://user:password@} (the password may hold '@') and {@code scheme://token@}. */
  private static final Pattern URL_CREDENTIALS =
      Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)(?:([^\\s/@:]+):([^\\s/]+)|([^\\s/@:]+))@");

  private static final Pattern SECRET_PAIRS =
      Pattern.compile(
          "(?i)\\b([a-z0-9_.-]*(?:password|passwd|pwd|passphrase|secret|token|api[_-]?key|access[_-]?key"
              + "|private[_-]?key|credential)[a-z0-9_.-]*)(\"?\\s*[=:]\\s*)([\"']?)([^\\s\"',;]+)");

  /** Shapes that are secret whatever they are called. */
  private static final List<Pattern> TOKENS =
      List.of(
          Pattern.compile("(?i)(\\bbearer\\s+)[a-z0-9._~+/=-]{8,}"),
          Pattern.compile("()\\beyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*"),
          Pattern.compile("()\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b"),
          Pattern.compile(
              "()\\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}"
                  + "|xox[abprs]-[A-Za-z0-9-]{10,}|glpat-[A-Za-z0-9_-]{20,})"),
          Pattern.compile(
              "()-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?(?:-----END [A-Z ]*PRIVATE"
                  + " KEY-----|$)"));

  private Redaction() {}

  public static String redact(String text) {
    if (text == null) {
      return null;
    }
    String out =
        URL_CREDENTIALS
            .matcher(text)
            .replaceAll(
                m ->
                    Matcher.quoteReplacement(
                        m.group(1) + (m.group(2) != null ? m.group(2) + ":" + MASK : MASK) + "@"));
    Matcher m = SECRET_PAIRS.matcher(out);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String value = m.group(4);
      // An env reference ($DB_PASSWORD, ${TOKEN}) names a secret; it is not one.
      String replacement =
          value.startsWith("<redacted") || value.startsWith("$")
              ? m.group()
              : m.group(1) + m.group(2) + m.group(3) + MASK;
      m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(sb);
    out = sb.toString();
    for (Pattern token : TOKENS) {
      out = token.matcher(out).replaceAll(t -> Matcher.quoteReplacement(t.group(1) + MASK));
    }
    return out;
  }
}
