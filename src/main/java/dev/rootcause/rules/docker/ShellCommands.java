package dev.rootcause.rules.docker;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits the shell text of a {@code RUN} or shell-form {@code CMD} into simple commands, enough to
 * recognise what each does. Anything a line-level reading cannot follow (subshells, command
 * substitution, loops, conditionals) marks its command {@code opaque}.
 */
final class ShellCommands {
  private static final Set<String> SHELLS = Set.of("sh", "bash", "ash", "dash", "zsh");
  private static final Set<String> KEYWORDS =
      Set.of("if", "then", "else", "elif", "fi", "for", "while", "until", "do", "done", "case",
          "esac", "function", "select");

  private ShellCommands() {}

  /**
   * One simple command: its words with quotes removed, the files it redirects output to, and
   * whether it holds shell constructs rootcause does not follow.
   */
  record Command(List<String> words, List<String> writes, boolean opaque) {

    /** The program: the first word after {@code VAR=value} assignments and {@code exec}. */
    String name() {
      int i = start();
      return i < words.size() ? words.get(i) : "";
    }

    /** The words after the program. */
    List<String> args() {
      int i = start();
      return i < words.size() ? words.subList(i + 1, words.size()) : List.of();
    }

    private int start() {
      int i = 0;
      while (i < words.size() && (isAssignment(words.get(i)) || words.get(i).equals("exec"))) {
        i++;
      }
      return i;
    }

    private static boolean isAssignment(String word) {
      int eq = word.indexOf('=');
      return eq > 0 && word.substring(0, eq).matches("[A-Za-z_][A-Za-z0-9_]*");
    }
  }

  static List<Command> parse(String text) {
    List<Command> out = new ArrayList<>();
    Builder current = new Builder();
    List<String[]> heredocs = new ArrayList<>(); // {delimiter, program that reads it}
    int n = text.length();
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (c == '\n' && !heredocs.isEmpty()) {
        current.finish(out);
        current = new Builder();
        i = heredocBodies(text, i + 1, heredocs, out);
        heredocs.clear();
        continue;
      }
      if (c == '\n' || c == ';' || c == '&' || c == '|') {
        current.finish(out);
        current = new Builder();
        i += i + 1 < n && (c == '&' || c == '|') && text.charAt(i + 1) == c ? 2 : 1;
        continue;
      }
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      if (c == '#') {
        while (i < n && text.charAt(i) != '\n') {
          i++; // a word starting with # starts a comment
        }
        continue;
      }
      if (c == '<' && i + 1 < n && text.charAt(i + 1) == '<'
          && (i + 2 >= n || text.charAt(i + 2) != '<')) {
        i += 2;
        if (i < n && text.charAt(i) == '-') {
          i++;
        }
        int[] end = {i};
        String delimiter = readWord(text, end, new Builder());
        i = end[0];
        String reader = current.words.isEmpty()
            ? "sh" : new Command(current.words, List.of(), false).name();
        heredocs.add(new String[] {delimiter, reader});
        continue;
      }
      if (c == '>' || c == '<') {
        boolean output = c == '>';
        i++;
        if (i < n && (text.charAt(i) == '>' || text.charAt(i) == '<')) {
          i++;
        }
        boolean duplicate = i < n && text.charAt(i) == '&';
        if (duplicate) {
          i++; // >&2, <&0: a file descriptor, not a file
        }
        while (i < n && text.charAt(i) == ' ') {
          i++;
        }
        int[] end = {i};
        String target = readWord(text, end, current);
        i = end[0];
        if (output && !duplicate && !target.isEmpty()) {
          current.writes.add(target);
        }
        continue;
      }
      int[] end = {i};
      String word = readWord(text, end, current);
      i = end[0];
      if (word.matches("\\d+") && i < n && text.charAt(i) == '>') {
        continue; // 2>file: the fd number belongs to the redirection
      }
      if (current.words.isEmpty() && (KEYWORDS.contains(word) || word.startsWith("(")
          || word.startsWith("{"))) {
        current.opaque = true;
      }
      current.words.add(word);
    }
    current.finish(out);
    return out;
  }

  /**
   * Reads the heredoc bodies that follow a line: a shell reading one runs it as commands; any
   * other program ({@code cat <<EOF > file}) takes it as data. Returns the index after the last.
   */
  private static int heredocBodies(
      String text, int from, List<String[]> heredocs, List<Command> out) {
    int i = from;
    for (String[] heredoc : heredocs) {
      StringBuilder body = new StringBuilder();
      while (i < text.length()) {
        int eol = text.indexOf('\n', i);
        String line = text.substring(i, eol < 0 ? text.length() : eol);
        i = eol < 0 ? text.length() : eol + 1;
        if (line.strip().equals(heredoc[0])) {
          break;
        }
        body.append(line).append('\n');
      }
      String reader = heredoc[1].substring(heredoc[1].lastIndexOf('/') + 1);
      if (SHELLS.contains(reader)) {
        out.addAll(parse(body.toString()));
      }
    }
    return i;
  }

  /** Reads one word from {@code at[0]}, removing quotes; marks command substitution as opaque. */
  private static String readWord(String text, int[] at, Builder command) {
    StringBuilder word = new StringBuilder();
    int i = at[0];
    char quote = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (quote == 0 && (Character.isWhitespace(c) || c == ';' || c == '&' || c == '|'
          || c == '>' || c == '<')) {
        break;
      }
      if (c == '\\' && quote != '\'' && i + 1 < text.length()) {
        word.append(text.charAt(i + 1));
        i += 2;
        continue;
      }
      if (quote == 0 && (c == '"' || c == '\'')) {
        quote = c;
      } else if (c == quote) {
        quote = 0;
      } else {
        if (c == '`' && quote != '\'' || c == '$' && quote != '\'' && i + 1 < text.length()
            && text.charAt(i + 1) == '(') {
          command.opaque = true;
        }
        word.append(c);
      }
      i++;
    }
    at[0] = i;
    return word.toString();
  }

  private static final class Builder {
    final List<String> words = new ArrayList<>();
    final List<String> writes = new ArrayList<>();
    boolean opaque;

    void finish(List<Command> out) {
      if (!words.isEmpty() || !writes.isEmpty()) {
        out.add(new Command(List.copyOf(words), List.copyOf(writes), opaque));
      }
    }
  }
}
