package dev.rootcause.collect.nginx;

import java.util.ArrayList;
import java.util.List;

/**
 * An nginx configuration read into its directives: name, arguments and block, each with the line
 * and column it is written at. The tokenizer follows nginx's own: {@code #} comments, single and
 * double quotes with backslash escapes, {@code ;} {@code {} {@code }} as separators, {@code ${var}}
 * kept inside a word, and {@code *_by_lua_block} bodies skipped as opaque Lua.
 */
final class NginxConfig {
  private NginxConfig() {}

  /** One directive; {@code block} is null for a simple directive ending in {@code ;}. */
  record Directive(String name, List<Arg> args, List<Directive> block, int line, int column) {
    Directive {
      args = List.copyOf(args);
      block = block == null ? null : List.copyOf(block);
    }
  }

  /**
   * One argument as nginx sees it (quotes removed); {@code variable} when it contains {@code $}.
   */
  record Arg(String text, boolean quoted, int line, int column) {
    boolean variable() {
      return text.contains("$");
    }
  }

  /** Thrown on text nginx itself would reject, naming the line. */
  static final class SyntaxError extends Exception {
    private static final long serialVersionUID = 1L;
    final int line;

    SyntaxError(int line, String message) {
      super(message);
      this.line = line;
    }
  }

  /** The top-level directives of {@code text}. */
  static List<Directive> parse(String text) throws SyntaxError {
    Parser p = new Parser(text);
    return p.block(0);
  }

  private static final class Parser {
    private final String s;
    private int pos;
    private int line = 1;
    private int lineStart;

    Parser(String text) {
      this.s = text;
    }

    /**
     * The directives up to the closing brace of a block opened at line {@code openedAt} (0: top).
     */
    List<Directive> block(int openedAt) throws SyntaxError {
      List<Directive> out = new ArrayList<>();
      List<Arg> words = new ArrayList<>();
      while (true) {
        Arg tok = next();
        if (tok == null) {
          if (openedAt > 0) {
            throw new SyntaxError(
                openedAt, "the block opened here is never closed (\"}\" missing)");
          }
          if (!words.isEmpty()) {
            throw new SyntaxError(
                words.get(0).line(),
                "directive \"" + words.get(0).text() + "\" is not terminated by \";\"");
          }
          return out;
        }
        if (!tok.quoted() && tok.text().equals(";")) {
          if (words.isEmpty()) {
            continue; // a stray ';' is an empty directive: nginx accepts it
          }
          out.add(directive(words, null));
          words = new ArrayList<>();
        } else if (!tok.quoted() && tok.text().equals("{")) {
          if (words.isEmpty()) {
            throw new SyntaxError(tok.line(), "unexpected \"{\"");
          }
          List<Directive> inner;
          if (words.get(0).text().endsWith("_by_lua_block")) {
            skipLua(tok.line());
            inner = List.of();
          } else {
            inner = block(tok.line());
          }
          out.add(directive(words, inner));
          words = new ArrayList<>();
        } else if (!tok.quoted() && tok.text().equals("}")) {
          if (!words.isEmpty()) {
            throw new SyntaxError(tok.line(), "unexpected \"}\"");
          }
          if (openedAt == 0) {
            throw new SyntaxError(tok.line(), "unexpected \"}\"");
          }
          return out;
        } else {
          words.add(tok);
        }
      }
    }

    private static Directive directive(List<Arg> words, List<Directive> block) {
      Arg name = words.get(0);
      return new Directive(
          name.text(), words.subList(1, words.size()), block, name.line(), name.column());
    }

    /** The next token, or null at the end; separators come back as one-character words. */
    private Arg next() throws SyntaxError {
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if (c == '\n') {
          newline();
        } else if (Character.isWhitespace(c)) {
          pos++;
        } else if (c == '#') {
          while (pos < s.length() && s.charAt(pos) != '\n') {
            pos++;
          }
        } else {
          break;
        }
      }
      if (pos >= s.length()) {
        return null;
      }
      int startLine = line;
      int startColumn = pos - lineStart + 1;
      char c = s.charAt(pos);
      if (c == ';' || c == '{' || c == '}') {
        pos++;
        return new Arg(String.valueOf(c), false, startLine, startColumn);
      }
      if (c == '"' || c == '\'') {
        return quoted(c, startLine, startColumn);
      }
      StringBuilder word = new StringBuilder();
      while (pos < s.length()) {
        char ch = s.charAt(pos);
        if (Character.isWhitespace(ch) || ch == ';' || ch == '{' || ch == '}') {
          break;
        }
        if (ch == '$' && pos + 1 < s.length() && s.charAt(pos + 1) == '{') {
          int close = s.indexOf('}', pos);
          if (close < 0) {
            throw new SyntaxError(line, "unterminated variable \"${\"");
          }
          word.append(s, pos, close + 1);
          pos = close + 1;
          continue;
        }
        if (ch == '\\' && pos + 1 < s.length()) {
          word.append(ch).append(s.charAt(pos + 1));
          pos += 2;
          continue;
        }
        word.append(ch);
        pos++;
      }
      return new Arg(word.toString(), false, startLine, startColumn);
    }

    private Arg quoted(char quote, int startLine, int startColumn) throws SyntaxError {
      StringBuilder text = new StringBuilder();
      pos++;
      while (pos < s.length()) {
        char ch = s.charAt(pos);
        if (ch == '\\' && pos + 1 < s.length()) {
          char escaped = s.charAt(pos + 1);
          text.append(
              escaped == quote || escaped == '\\' ? String.valueOf(escaped) : "\\" + escaped);
          pos += 2;
          continue;
        }
        if (ch == quote) {
          pos++;
          return new Arg(text.toString(), true, startLine, startColumn);
        }
        if (ch == '\n') {
          newline();
          text.append('\n');
          continue;
        }
        text.append(ch);
        pos++;
      }
      throw new SyntaxError(startLine, "unterminated quoted string");
    }

    /**
     * Skips a Lua body up to its matching brace, as lua-nginx-module does: Lua's own braces nest,
     * and braces inside Lua strings and {@code --} comments do not count.
     */
    private void skipLua(int openedAt) throws SyntaxError {
      int depth = 1;
      char quote = 0;
      boolean comment = false;
      while (pos < s.length()) {
        char ch = s.charAt(pos);
        if (ch == '\n') {
          newline();
          comment = false;
          continue;
        }
        pos++;
        if (comment) {
          continue;
        }
        if (quote != 0) {
          if (ch == '\\') {
            pos++;
          } else if (ch == quote) {
            quote = 0;
          }
        } else if (ch == '"' || ch == '\'') {
          quote = ch;
        } else if (ch == '-' && pos < s.length() && s.charAt(pos) == '-') {
          comment = true;
        } else if (ch == '{') {
          depth++;
        } else if (ch == '}' && --depth == 0) {
          return;
        }
      }
      throw new SyntaxError(openedAt, "unterminated Lua block");
    }

    private void newline() {
      pos++;
      line++;
      lineStart = pos;
    }
  }
}
