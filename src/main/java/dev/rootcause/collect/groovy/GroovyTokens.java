package dev.rootcause.collect.groovy;

import java.util.ArrayList;
import java.util.List;

/**
 * A small Groovy tokenizer for Jenkinsfiles: identifiers, string literals (all four quotings, with
 * {@code ${...}} nesting in double-quoted ones) and single punctuation characters; comments are
 * skipped. Enough to find {@code stage(...)} blocks, {@code sh '...'} and {@code docker.build(...)}
 * calls without a Groovy parser; slashy strings and other rare forms read as punctuation. Shared by
 * every collector that reads Jenkinsfiles.
 */
public final class GroovyTokens {
  private GroovyTokens() {}

  /** What a token is. */
  public enum Type {
    IDENT,
    STRING,
    PUNCT
  }

  /**
   * One token; for strings {@code text} is the content between the quotes as written (escapes
   * undone later), {@code contentStart} its offset, {@code interpolating} true for {@code "} and
   * {@code """}.
   */
  public record Token(
      Type type,
      String text,
      int start,
      int end,
      int contentStart,
      boolean interpolating,
      boolean closed) {
    public boolean is(String s) {
      return type != Type.STRING && text.equals(s);
    }

    public boolean isIdent() {
      return type == Type.IDENT;
    }

    public boolean isString() {
      return type == Type.STRING;
    }
  }

  public static List<Token> tokenize(String src) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int n = src.length();
    while (i < n) {
      char c = src.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (src.startsWith("//", i)) {
        int eol = src.indexOf('\n', i);
        i = eol < 0 ? n : eol;
      } else if (src.startsWith("/*", i)) {
        int close = src.indexOf("*/", i + 2);
        i = close < 0 ? n : close + 2;
      } else if (src.startsWith("'''", i) || src.startsWith("\"\"\"", i)) {
        String quote = src.substring(i, i + 3);
        int end = closing(src, i + 3, quote, quote.charAt(0) == '"');
        out.add(
            new Token(
                Type.STRING,
                src.substring(i + 3, end),
                i,
                Math.min(n, end + 3),
                i + 3,
                quote.charAt(0) == '"',
                src.startsWith(quote, end)));
        i = Math.min(n, end + 3);
      } else if (c == '\'' || c == '"') {
        int end = closing(src, i + 1, String.valueOf(c), c == '"');
        out.add(
            new Token(
                Type.STRING,
                src.substring(i + 1, end),
                i,
                Math.min(n, end + 1),
                i + 1,
                c == '"',
                src.startsWith(String.valueOf(c), end)));
        i = Math.min(n, end + 1);
      } else if (Character.isJavaIdentifierStart(c)) {
        int start = i;
        while (i < n && Character.isJavaIdentifierPart(src.charAt(i))) {
          i++;
        }
        out.add(new Token(Type.IDENT, src.substring(start, i), start, i, start, false, true));
      } else {
        out.add(new Token(Type.PUNCT, String.valueOf(c), i, i + 1, i, false, true));
        i++;
      }
    }
    return out;
  }

  /** Offset of the closing quote (or the end of text), skipping escapes and {@code ${...}}. */
  private static int closing(String src, int from, String quote, boolean interpolating) {
    int i = from;
    while (i < src.length()) {
      char c = src.charAt(i);
      if (c == '\\') {
        i += 2;
      } else if (interpolating && src.startsWith("${", i)) {
        i = closingBrace(src, i + 1) + 1;
      } else if (src.startsWith(quote, i)) {
        return i;
      } else if (quote.length() == 1 && c == '\n') {
        return i; // an unterminated one-line string ends at the line
      } else {
        i++;
      }
    }
    return src.length();
  }

  /** Offset of the brace closing the one at {@code open}, or the end of text. */
  public static int closingBrace(String src, int open) {
    int depth = 0;
    for (int i = open; i < src.length(); i++) {
      char c = src.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return i;
      }
    }
    return src.length() - 1;
  }
}
