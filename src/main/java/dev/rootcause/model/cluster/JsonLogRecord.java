package dev.rootcause.model.cluster;

/**
 * The fields of one structured (JSON) log line that tell its level and what went wrong, as pino,
 * bunyan, zap, logrus, logstash-logback-encoder, structlog and the cloud loggers write them; read
 * by a small scanner because every line of a log passes here and most are not JSON.
 *
 * @param level the level as written: {@code error}, {@code 50}, {@code ERROR}; null when absent
 * @param message the message field ({@code msg}, {@code message}, {@code event})
 * @param error what the error fields say ({@code err.message}, {@code error}, {@code stack_trace},
 *     {@code exception}), newline-separated; empty when none
 */
public record JsonLogRecord(String level, String message, String error) {
  private static final int MAX_FIELD = 2_048;

  /** The record of a line that holds one JSON object (after a timestamp prefix), or null. */
  public static JsonLogRecord parse(String line) {
    int start = line.indexOf('{');
    if (start < 0 || start > 40 || line.charAt(line.length() - 1) != '}') {
      return null; // not a JSON line: the common case, decided without scanning
    }
    Scanner s = new Scanner(line, start);
    try {
      s.object(0);
    } catch (IllegalStateException | IndexOutOfBoundsException | NumberFormatException e) {
      return null; // not well-formed: read as text
    }
    if (s.level == null && s.message == null) {
      return null;
    }
    return new JsonLogRecord(s.level, s.message, s.error.toString().strip());
  }

  /** Whether the level field says error or worse: a pino number of 50 or more, or a word. */
  public Boolean levelIsError() {
    if (level == null) {
      return null;
    }
    if (!level.isEmpty() && Character.isDigit(level.charAt(0))) {
      try {
        return Integer.parseInt(level) >= 50; // pino/bunyan: 50 error, 60 fatal
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return LogLevels.errorWord(level);
  }

  /** The message and the error fields: what cause patterns and a quote should see. */
  public String text() {
    String m = message == null ? "" : message;
    return error.isEmpty() ? m : m.isEmpty() ? error : m + ": " + error;
  }

  /** A minimal JSON reader that keeps only the fields a log record's meaning is in. */
  private static final class Scanner {
    private final String s;
    private int i;
    String level;
    String message;
    final StringBuilder error = new StringBuilder();

    Scanner(String s, int start) {
      this.s = s;
      this.i = start;
    }

    /** An object; depth 0 is the record, depth 1 an error object such as pino's {@code err}. */
    void object(int depth) {
      expect('{');
      skipSpace();
      if (peek() == '}') {
        i++;
        return;
      }
      while (true) {
        skipSpace();
        String key = string();
        skipSpace();
        expect(':');
        skipSpace();
        char c = peek();
        if (c == '"') {
          keep(key, string(), depth);
        } else if (c == '{') {
          if (depth == 0 && isErrorKey(key)) {
            object(1);
          } else {
            skipValue();
          }
        } else if (c == '[') {
          skipValue();
        } else {
          String literal = literal();
          if (depth == 0 && isLevelKey(key)) {
            level = literal;
          }
        }
        skipSpace();
        char next = s.charAt(i++);
        if (next == '}') {
          return;
        }
        if (next != ',') {
          throw new IllegalStateException();
        }
      }
    }

    private void keep(String key, String value, int depth) {
      if (depth == 0 && isLevelKey(key) && level == null) {
        level = value;
      } else if (depth == 0 && isMessageKey(key) && message == null) {
        message = cut(value);
      } else if (isErrorKey(key)
          || (depth == 1 && (key.equals("message") || key.equals("stack")))) {
        if (error.length() < MAX_FIELD) {
          error.append(cut(value)).append('\n');
        }
      }
    }

    private static boolean isLevelKey(String k) {
      return k.equals("level") || k.equals("severity") || k.equals("lvl") || k.equals("log.level");
    }

    private static boolean isMessageKey(String k) {
      return k.equals("msg") || k.equals("message") || k.equals("event");
    }

    private static boolean isErrorKey(String k) {
      return k.equals("err")
          || k.equals("error")
          || k.equals("exception")
          || k.equals("stack_trace")
          || k.equals("stacktrace")
          || k.equals("exc_info")
          || k.equals("error.message");
    }

    private static String cut(String v) {
      return v.length() > MAX_FIELD ? v.substring(0, MAX_FIELD) : v;
    }

    private String string() {
      expect('"');
      StringBuilder b = null;
      int from = i;
      while (true) {
        char c = s.charAt(i++);
        if (c == '"') {
          return b == null ? s.substring(from, i - 1) : b.toString();
        }
        if (c == '\\') {
          if (b == null) {
            b = new StringBuilder(s.substring(from, i - 1));
          }
          char e = s.charAt(i++);
          switch (e) {
            case 'n' -> b.append('\n');
            case 't' -> b.append('\t');
            case 'r' -> b.append('\r');
            case 'u' -> {
              b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
              i += 4;
            }
            default -> b.append(e);
          }
        } else if (b != null) {
          b.append(c);
        }
      }
    }

    private String literal() {
      int from = i;
      while (i < s.length() && ",}] \t".indexOf(s.charAt(i)) < 0) {
        i++;
      }
      return s.substring(from, i);
    }

    private void skipValue() {
      int depth = 0;
      do {
        char c = s.charAt(i);
        if (c == '"') {
          string();
          continue;
        }
        if (c == '{' || c == '[') {
          depth++;
        } else if (c == '}' || c == ']') {
          depth--;
        }
        i++;
      } while (depth > 0);
    }

    private void skipSpace() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
    }

    private char peek() {
      if (i >= s.length()) {
        throw new IllegalStateException();
      }
      return s.charAt(i);
    }

    private void expect(char c) {
      if (peek() != c) {
        throw new IllegalStateException();
      }
      i++;
    }
  }
}
