package dev.rootcause.report;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The last line of defence for secrets in any output: credentials in URLs ({@code
 * postgres://user:pass@host}), credential headers ({@code Cookie}, {@code Authorization}, {@code
 * X-Api-Key}) raw or echoed as JSON, {@code password=...}-style pairs and query parameters,
 * passwords in JSON (escaped or not), bearer tokens, JWTs, the key shapes of common providers and
 * PEM private keys are masked in every string a renderer writes, scan findings and probe bodies
 * alike. Rules already avoid quoting values; this catches what slips through.
 */
public final class Redaction {
  /** What a secret is replaced with; SARIF lists it as the run's redaction token. */
  public static final String MASK = "<redacted>";

  /** {@code scheme://user:password@} (the password may hold '@') and {@code scheme://token@}. */
  private static final Pattern URL_CREDENTIALS =
      Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)(?:([^\\s/@:]+):([^\\s/]+)|([^\\s/@:]+))@");

  /**
   * A value after its name: quoted with escaped quotes (JSON inside a JSON string), double or
   * single quoted (up to the closing quote, or the end of a cut-off body), or bare.
   */
  private static String value(String bare) {
    return "(?:(?<oa>\\\\\")(?<va>(?:[^\"\\\\\\r\\n]|\\\\[^\"\\r\\n])*)(?<ca>\\\\\")?"
        + "|(?<ob>\")(?<vb>(?:[^\"\\\\\\r\\n]|\\\\.)*)(?<cb>\")?"
        + "|(?<oc>')(?<vc>[^'\\r\\n]*)(?<cc>')?"
        + "|(?<vd>"
        + bare
        + "))";
  }

  /** Request and response headers that carry credentials, at the start of a line or as a key. */
  private static final Pattern HEADERS =
      Pattern.compile(
          "(?im)(?:^[ \\t]*|(?<=[\"']))(?<key>(?:proxy-)?authorization|cookie|set-cookie"
              + "|x-[a-z0-9-]*(?:key|token|secret|auth|session)[a-z0-9-]*)"
              + "(?<sep>\\\\?[\"']?[ \\t]*:[ \\t]*)"
              + value("[^\\r\\n]+"));

  /** The scheme of an {@code Authorization} value says how, not who: it stays. */
  private static final Pattern AUTH_SCHEME =
      Pattern.compile(
          "(?i)^(?:bearer|basic|digest|token|negotiate|ntlm|hoba|mutual|apikey|aws4-hmac-sha256)\\s+");

  private static final Pattern SECRET_PAIRS =
      Pattern.compile(
          "(?i)\\b(?<key>[a-z0-9_.-]*(?:password|passwd|pwd|passphrase|secret|token|api[_-]?key"
              + "|access[_-]?key|private[_-]?key|credential)[a-z0-9_.-]*)"
              + "(?<sep>\\\\?[\"']?\\s*[=:]\\s*)"
              + value("[^\\s\"'\\\\,;&}\\]]+"));

  /** A key that names a file: what follows its colon is a line number. */
  private static final Pattern FILE_NAME =
      Pattern.compile(
          "(?i).*\\.(?:ya?ml|json|env|properties|conf|cfg|ini|toml|txt|tfvars|tf|tpl|xml|py|js|ts"
              + "|go|java|kt|rb|sh)");

  /** The secret words in the plural name a count ({@code "tokens": 3}), not a credential. */
  private static final Pattern PLURAL =
      Pattern.compile("(?i).*(?:passwords|secrets|tokens|keys|credentials)");

  /** Shapes that are secret whatever they are called. */
  private static final List<Pattern> TOKENS =
      List.of(
          Pattern.compile("(?i)(\\bbearer\\s+)[a-z0-9._~+/=-]{8,}"),
          Pattern.compile("()\\beyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*"),
          Pattern.compile("()\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b"),
          Pattern.compile(
              "()\\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}"
                  + "|xox[abprs]-[A-Za-z0-9-]{10,}|glpat-[A-Za-z0-9_-]{20,})"),
          // Stripe secret and restricted keys and webhook secrets; OpenAI-style keys; Google API
          // keys; npm tokens.
          Pattern.compile(
              "()\\b(?:[sr]k_(?:live|test)_[A-Za-z0-9]{10,}|whsec_[A-Za-z0-9]{20,}"
                  + "|sk-[A-Za-z0-9_-]{20,}|AIza[0-9A-Za-z_-]{35}|npm_[A-Za-z0-9]{36})"),
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
    out = maskValues(HEADERS, out, true);
    out = maskValues(SECRET_PAIRS, out, false);
    for (Pattern token : TOKENS) {
      out = token.matcher(out).replaceAll(t -> Matcher.quoteReplacement(t.group(1) + MASK));
    }
    return out;
  }

  private static String maskValues(Pattern pattern, String text, boolean header) {
    Matcher m = pattern.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String open = first(m, "oa", "ob", "oc");
      String value = first(m, "va", "vb", "vc", "vd");
      String close = first(m, "ca", "cb", "cc");
      String kept = "";
      if (header) {
        Matcher scheme = AUTH_SCHEME.matcher(value);
        if (m.group("key").toLowerCase(java.util.Locale.ROOT).endsWith("authorization")
            && scheme.find()) {
          kept = scheme.group();
        }
      }
      String replacement =
          keep(m.group("key"), m.group("sep"), open, value)
              ? m.group()
              : m.group("key") + m.group("sep") + open + kept + MASK + close;
      m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /**
   * Values that are not secrets although their name sounds like one: an env reference ({@code
   * $DB_PASSWORD}, {@code ${TOKEN}}) names a secret without being one; a value already masked; and
   * a bare number after a JSON key, a plural name or a file name (a count or a line).
   */
  private static boolean keep(String key, String sep, String open, String value) {
    if (value.isEmpty() || value.startsWith("<redacted") || value.startsWith("$")) {
      return true;
    }
    if (!open.isEmpty() || !value.matches("[\\d:]+|\\d+\\.\\d+|null|true|false")) {
      return false;
    }
    return sep.startsWith("\"")
        || sep.startsWith("'")
        || PLURAL.matcher(key).matches()
        || FILE_NAME.matcher(key).matches()
        || value.matches("null|true|false");
  }

  private static String first(Matcher m, String... groups) {
    for (String g : groups) {
      String v = m.group(g);
      if (v != null) {
        return v;
      }
    }
    return "";
  }
}
