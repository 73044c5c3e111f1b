package dev.rootcause.report;

/**
 * The frame every HTML report shares: one self-contained page (inline CSS, no script, nothing
 * fetched) so it can be attached to a ticket and opened anywhere, and the one escape every string
 * goes through, after redaction.
 */
public final class HtmlPage {
  /** Page, headings and tables; each report adds its own rules after these. */
  public static final String BASE_CSS =
      "body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:960px;color:#222}"
          + "h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.6em}h3{font-size:1.05em}"
          + "table{border-collapse:collapse;margin:.5em 0}td,th{padding:.25em .7em;text-align:left;"
          + "border-bottom:1px solid #ddd;vertical-align:top}th{background:#f4f4f4}";

  private HtmlPage() {}

  /** The head with {@code css} inline, the title as heading, and the version that wrote it. */
  public static void open(StringBuilder b, String title, String css) {
    b.append("<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8>\n<title>")
        .append(esc(title))
        .append("</title>\n<style>\n")
        .append(css)
        .append("\n</style></head><body>\n<h1>")
        .append(esc(title))
        .append("</h1>\n")
        .append("<p class=note>rootcause ")
        .append(esc(Version.get()))
        .append("</p>\n");
  }

  public static void close(StringBuilder b) {
    b.append("</body></html>\n");
  }

  /** Redacts, then escapes for HTML text and attribute values. */
  public static String esc(String s) {
    if (s == null) {
      return "";
    }
    String r = Redaction.redact(s);
    StringBuilder out = new StringBuilder(r.length());
    for (int i = 0; i < r.length(); i++) {
      char ch = r.charAt(i);
      switch (ch) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(ch);
      }
    }
    return out.toString();
  }
}
