package dev.rootcause.collect.docker;

import dev.rootcause.model.CollectionProblem;
import dev.rootcause.model.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits Dockerfile text into instructions the way BuildKit does: parser directives at the top
 * ({@code # escape=`}), comment lines, line continuations (with comments and blank lines inside
 * them dropped), and heredoc bodies ({@code RUN <<EOF ... EOF}). Each character of an instruction
 * keeps the line and column it was written at.
 */
final class InstructionReader {
  private static final Pattern DIRECTIVE =
      Pattern.compile("^#\\s*([a-zA-Z][a-zA-Z0-9]*)\\s*=\\s*(.*?)\\s*$");
  private static final Set<String> KNOWN_DIRECTIVES = Set.of("syntax", "escape", "check");
  private static final Set<String> HEREDOC_INSTRUCTIONS = Set.of("RUN", "COPY", "ADD");
  private static final Pattern HEREDOC =
      Pattern.compile("<<(-?)([\"']?)([A-Za-z_][A-Za-z0-9_]*)\\2");

  private final String path;
  private final String[] lines;
  private final List<CollectionProblem> problems = new ArrayList<>();
  private char escape = '\\';

  InstructionReader(String path, String text) {
    this.path = path;
    this.lines = text.split("\r?\n", -1);
  }

  /** Text whose every character knows where it was written; {@code end} is just past the text. */
  record Positioned(String text, int[] lines, int[] columns) {

    SourceLocation location(String path, int offset) {
      int at = Math.min(Math.max(offset, 0), text.length());
      return new SourceLocation(path, lines[at], columns[at]);
    }
  }

  /** A heredoc body ({@code name} is its delimiter word), and whether its end line was found. */
  record Heredoc(String name, String body, boolean closed, int line) {}

  /** One instruction: keyword as written, arguments after it, where it starts, heredoc bodies. */
  record Raw(
      String keyword,
      Positioned text,
      int argumentsStart,
      SourceLocation location,
      List<Heredoc> heredocs) {

    String upperKeyword() {
      return keyword.toUpperCase(Locale.ROOT);
    }

    String arguments() {
      return text.text().substring(argumentsStart).strip();
    }
  }

  char escape() {
    return escape;
  }

  List<CollectionProblem> problems() {
    return problems;
  }

  List<Raw> read() {
    int i = readDirectives();
    List<Raw> out = new ArrayList<>();
    while (i < lines.length) {
      String line = lines[i];
      if (isBlankOrComment(line)) {
        i++;
        continue;
      }
      StringBuilder text = new StringBuilder();
      List<int[]> positions = new ArrayList<>();
      while (true) {
        String stripped = line.stripTrailing();
        boolean continues = !stripped.isEmpty() && stripped.charAt(stripped.length() - 1) == escape;
        String kept = continues ? stripped.substring(0, stripped.length() - 1) : line;
        for (int c = 0; c < kept.length(); c++) {
          text.append(kept.charAt(c));
          positions.add(new int[] {i + 1, c + 1});
        }
        i++;
        if (!continues) {
          positions.add(new int[] {i, kept.length() + 1});
          break;
        }
        while (i < lines.length && isBlankOrComment(lines[i])) {
          i++; // comments and blank lines inside a continuation are dropped, as BuildKit does
        }
        if (i >= lines.length) {
          positions.add(new int[] {i, 1});
          break;
        }
        line = lines[i];
      }
      Positioned positioned = positioned(text.toString(), positions);
      int start = 0;
      while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
        start++;
      }
      int end = start;
      while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
        end++;
      }
      String keyword = text.substring(start, end);
      SourceLocation where = positioned.location(path, start);
      List<Heredoc> heredocs = new ArrayList<>();
      if (HEREDOC_INSTRUCTIONS.contains(keyword.toUpperCase(Locale.ROOT))) {
        i = readHeredocs(text.substring(end), i, heredocs);
      }
      out.add(new Raw(keyword, positioned, end, where, heredocs));
    }
    return out;
  }

  /** Parser directives: only at the very top, until the first line that is not one. */
  private int readDirectives() {
    int i = 0;
    while (i < lines.length) {
      Matcher m = DIRECTIVE.matcher(lines[i]);
      if (!m.matches() || !KNOWN_DIRECTIVES.contains(m.group(1).toLowerCase(Locale.ROOT))) {
        break;
      }
      if (m.group(1).equalsIgnoreCase("escape")) {
        String value = m.group(2);
        if (value.equals("\\") || value.equals("`")) {
          escape = value.charAt(0);
        } else {
          problems.add(
              CollectionProblem.note(
                  new SourceLocation(path, i + 1, 1),
                  "escape directive '" + value + "' is neither \\ nor `; using \\"));
        }
      }
      i++;
    }
    return i;
  }

  /** Reads the bodies of the heredocs the instruction opens, in order; returns the next line. */
  private int readHeredocs(String arguments, int next, List<Heredoc> out) {
    Matcher m = HEREDOC.matcher(arguments);
    int i = next;
    while (m.find()) {
      if (m.start() > 0 && arguments.charAt(m.start() - 1) == '<'
          || insideQuotes(arguments, m.start())) {
        continue; // <<< is a here-string, and "a << b" is text, not a heredoc
      }
      boolean stripTabs = !m.group(1).isEmpty();
      String name = m.group(3);
      int opened = i;
      StringBuilder body = new StringBuilder();
      boolean closed = false;
      while (i < lines.length) {
        String line = stripTabs ? stripLeadingTabs(lines[i]) : lines[i];
        i++;
        if (line.equals(name)) {
          closed = true;
          break;
        }
        body.append(line).append('\n');
      }
      if (!closed) {
        problems.add(
            CollectionProblem.note(
                new SourceLocation(path, Math.max(opened, 1), 0),
                "heredoc <<"
                    + name
                    + " is never closed (no line '"
                    + name
                    + "'); read to the end of the file"));
      }
      out.add(new Heredoc(name, body.toString(), closed, opened + 1));
    }
    return i;
  }

  private boolean insideQuotes(String text, int offset) {
    char quote = 0;
    for (int c = 0; c < offset; c++) {
      char ch = text.charAt(c);
      if (ch == escape && quote != '\'' && c + 1 < offset) {
        c++;
      } else if (quote == 0 && (ch == '"' || ch == '\'')) {
        quote = ch;
      } else if (ch == quote) {
        quote = 0;
      }
    }
    return quote != 0;
  }

  private static Positioned positioned(String text, List<int[]> positions) {
    int[] ls = new int[positions.size()];
    int[] cs = new int[positions.size()];
    for (int p = 0; p < positions.size(); p++) {
      ls[p] = positions.get(p)[0];
      cs[p] = positions.get(p)[1];
    }
    return new Positioned(text, ls, cs);
  }

  private static boolean isBlankOrComment(String line) {
    String s = line.strip();
    return s.isEmpty() || s.startsWith("#");
  }

  private static String stripLeadingTabs(String line) {
    int t = 0;
    while (t < line.length() && line.charAt(t) == '\t') {
      t++;
    }
    return line.substring(t);
  }
}
