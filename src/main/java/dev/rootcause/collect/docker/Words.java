package dev.rootcause.collect.docker;

import java.util.ArrayList;
import java.util.List;

/**
 * BuildKit's word rules for instruction arguments: splitting on unquoted blanks, quote removal, the
 * escape character, and {@code $VAR}, {@code ${VAR}}, {@code ${VAR:-word}}, {@code ${VAR:+word}}
 * substitution. A variable whose value is not known stays as written, so whoever reads the value
 * sees the {@code $} and knows it is unresolved.
 */
final class Words {
  private Words() {}

  /** A word as written (quotes included) and its offset in the text it was split from. */
  record Word(String raw, int offset) {}

  /** What is known of a variable: {@code declared} without a {@code value} means unknown. */
  record Var(boolean declared, String value) {
    static final Var UNDECLARED = new Var(false, null);
    static final Var UNKNOWN = new Var(true, null);

    static Var known(String value) {
      return new Var(true, value);
    }

    boolean known() {
      return value != null;
    }
  }

  /** Looks up a variable by name; never null. */
  interface Vars {
    Var lookup(String name);
  }

  static final Vars NONE = name -> Var.UNDECLARED;

  /** Splits on blanks outside quotes; offsets are relative to {@code text}. */
  static List<Word> split(String text, char escape) {
    List<Word> out = new ArrayList<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      while (i < n && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      if (i >= n) {
        break;
      }
      int start = i;
      char quote = 0;
      while (i < n) {
        char c = text.charAt(i);
        if (quote == 0 && Character.isWhitespace(c)) {
          break;
        }
        if (c == escape && quote != '\'' && i + 1 < n) {
          i += 2;
          continue;
        }
        if (quote == 0 && (c == '"' || c == '\'')) {
          quote = c;
        } else if (c == quote) {
          quote = 0;
        }
        i++;
      }
      out.add(new Word(text.substring(start, i), start));
    }
    return out;
  }

  /** A word's value: variables substituted where known, quotes and escapes removed. */
  static String value(String raw, Vars vars, char escape) {
    return expand(raw, vars, escape, true);
  }

  /** Shell text with known variables substituted; quotes and escapes are left for the shell. */
  static String substitute(String text, Vars vars, char escape) {
    return expand(text, vars, escape, false);
  }

  private static String expand(String s, Vars vars, char escape, boolean unquote) {
    StringBuilder out = new StringBuilder();
    int n = s.length();
    char quote = 0;
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (quote == '\'') {
        if (c == '\'') {
          quote = 0;
          if (!unquote) {
            out.append(c);
          }
        } else {
          out.append(c);
        }
        i++;
      } else if (c == escape && i + 1 < n) {
        char next = s.charAt(i + 1);
        if (!unquote) {
          out.append(c).append(next);
        } else if (quote == '"' && next != '"' && next != '$' && next != escape) {
          out.append(c).append(next); // inside double quotes only these are escaped
        } else {
          out.append(next);
        }
        i += 2;
      } else if (c == '\'' && quote == 0) {
        quote = '\'';
        if (!unquote) {
          out.append(c);
        }
        i++;
      } else if (c == '"') {
        quote = quote == '"' ? 0 : '"';
        if (!unquote) {
          out.append(c);
        }
        i++;
      } else if (c == '$') {
        i = dollar(s, i, out, vars, escape);
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /** Expands the reference at {@code s[at] == '$'}; returns the index just past it. */
  private static int dollar(String s, int at, StringBuilder out, Vars vars, char escape) {
    int n = s.length();
    if (at + 1 >= n) {
      out.append('$');
      return at + 1;
    }
    char next = s.charAt(at + 1);
    if (next == '{') {
      int close = closingBrace(s, at + 2);
      if (close < 0) {
        out.append(s, at, n);
        return n;
      }
      String inner = s.substring(at + 2, close);
      String raw = s.substring(at, close + 1);
      int nameEnd = nameEnd(inner, 0);
      if (nameEnd == 0) {
        out.append(raw);
        return close + 1;
      }
      Var var = vars.lookup(inner.substring(0, nameEnd));
      String op = inner.substring(nameEnd);
      out.append(braced(var, op, raw, vars, escape));
      return close + 1;
    }
    int nameEnd = nameEnd(s, at + 1);
    if (nameEnd == at + 1) {
      out.append('$');
      return at + 1;
    }
    Var var = vars.lookup(s.substring(at + 1, nameEnd));
    out.append(var.known() ? var.value() : s.substring(at, nameEnd));
    return nameEnd;
  }

  private static String braced(Var var, String op, String raw, Vars vars, char escape) {
    if (op.isEmpty()) {
      return var.known() ? var.value() : raw;
    }
    if (var.declared() && !var.known()) {
      return raw; // a build argument without a default: whatever --build-arg says
    }
    boolean colon = op.startsWith(":");
    String form = colon ? op.substring(1) : op;
    if (form.isEmpty() || form.charAt(0) != '-' && form.charAt(0) != '+') {
      return raw; // ${VAR#pattern} and friends: not worth guessing
    }
    String word = value(form.substring(1), vars, escape);
    boolean set = var.known() && (!colon || !var.value().isEmpty());
    if (form.charAt(0) == '-') {
      return set ? var.value() : word;
    }
    return set ? word : "";
  }

  private static int closingBrace(String s, int from) {
    int depth = 1;
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  private static int nameEnd(String s, int from) {
    int i = from;
    while (i < s.length()) {
      char c = s.charAt(i);
      boolean ok = c == '_' || Character.isLetter(c) && c < 128 || i > from && Character.isDigit(c);
      if (!ok) {
        break;
      }
      i++;
    }
    return i;
  }

  /**
   * Parses a JSON array of strings ({@code ["python", "app.py"]}), the exec form; null when the
   * text is not exactly that, in which case Docker reads the instruction in shell form.
   */
  static List<String> jsonArray(String text) {
    String s = text.strip();
    if (!s.startsWith("[") || !s.endsWith("]")) {
      return null;
    }
    List<String> out = new ArrayList<>();
    int i = skipBlanks(s, 1);
    if (s.charAt(i) == ']') {
      return i == s.length() - 1 ? out : null;
    }
    while (i < s.length()) {
      if (s.charAt(i) != '"') {
        return null;
      }
      StringBuilder value = new StringBuilder();
      i++;
      while (i < s.length() && s.charAt(i) != '"') {
        char c = s.charAt(i);
        if (c == '\\') {
          if (i + 1 >= s.length()) {
            return null;
          }
          char e = s.charAt(++i);
          switch (e) {
            case '"', '\\', '/' -> value.append(e);
            case 'n' -> value.append('\n');
            case 't' -> value.append('\t');
            case 'r' -> value.append('\r');
            case 'b' -> value.append('\b');
            case 'f' -> value.append('\f');
            case 'u' -> {
              if (i + 4 >= s.length()) {
                return null;
              }
              try {
                value.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
              } catch (NumberFormatException ex) {
                return null;
              }
              i += 4;
            }
            default -> {
              return null;
            }
          }
        } else {
          value.append(c);
        }
        i++;
      }
      if (i >= s.length()) {
        return null;
      }
      out.add(value.toString());
      i = skipBlanks(s, i + 1);
      if (i >= s.length()) {
        return null;
      }
      if (s.charAt(i) == ']') {
        return i == s.length() - 1 ? out : null;
      }
      if (s.charAt(i) != ',') {
        return null;
      }
      i = skipBlanks(s, i + 1);
    }
    return null;
  }

  private static int skipBlanks(String s, int from) {
    int i = from;
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return Math.min(i, s.length() - 1);
  }
}
