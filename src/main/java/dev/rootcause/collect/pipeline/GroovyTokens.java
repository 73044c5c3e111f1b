package dev.rootcause.collect.pipeline;

import java.util.ArrayList;
import java.util.List;

/**
 * A tokenizer for the part of Groovy a Jenkinsfile uses: identifiers, the four string forms
 * (with their starting line), comments, and punctuation. Enough to find calls and blocks without
 * mistaking text inside strings or comments for code.
 */
final class GroovyTokens {
  private GroovyTokens() {}

  /** A token: an identifier, a string's content, or one punctuation character. */
  record Token(Kind kind, String text, int line) {
    boolean isIdent() {
      return kind == Kind.IDENT;
    }

    boolean isString() {
      return kind == Kind.STRING;
    }

    boolean is(String symbol) {
      return kind == Kind.SYMBOL && text.equals(symbol);
    }
  }

  enum Kind {
    IDENT,
    STRING,
    SYMBOL
  }

  /** Tokens of {@code src}; an unterminated string or comment is an error naming its line. */
  static List<Token> tokenize(String src) {
    List<Token> out = new ArrayList<>();
    int line = 1;
    int i = 0;
    int n = src.length();
    while (i < n) {
      char c = src.charAt(i);
      if (c == '\n') {
        line++;
        i++;
      } else if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '/') {
        while (i < n && src.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '*') {
        int end = src.indexOf("*/", i + 2);
        if (end < 0) {
          throw new IllegalArgumentException("unterminated comment starting at line " + line);
        }
        line += count(src, i, end);
        i = end + 2;
      } else if (c == '\'' || c == '"') {
        boolean triple = src.startsWith(String.valueOf(c).repeat(3), i);
        String quote = triple ? String.valueOf(c).repeat(3) : String.valueOf(c);
        int start = i + quote.length();
        int end = findClose(src, start, quote, triple);
        if (end < 0) {
          throw new IllegalArgumentException("unterminated string starting at line " + line);
        }
        out.add(new Token(Kind.STRING, src.substring(start, end), line));
        line += count(src, i, end);
        i = end + quote.length();
      } else if (Character.isJavaIdentifierStart(c)) {
        int start = i;
        while (i < n && Character.isJavaIdentifierPart(src.charAt(i))) {
          i++;
        }
        out.add(new Token(Kind.IDENT, src.substring(start, i), line));
      } else {
        out.add(new Token(Kind.SYMBOL, String.valueOf(c), line));
        i++;
      }
    }
    return out;
  }

  private static int findClose(String src, int from, String quote, boolean triple) {
    for (int i = from; i < src.length(); i++) {
      char c = src.charAt(i);
      if (c == '\\') {
        i++;
      } else if (!triple && c == '\n') {
        return -1;
      } else if (src.startsWith(quote, i)) {
        return i;
      }
    }
    return -1;
  }

  private static int count(String s, int from, int to) {
    int lines = 0;
    for (int i = from; i < to; i++) {
      if (s.charAt(i) == '\n') {
        lines++;
      }
    }
    return lines;
  }
}
