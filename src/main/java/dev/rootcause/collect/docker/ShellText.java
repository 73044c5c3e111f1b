package dev.rootcause.collect.docker;

import dev.rootcause.collect.docker.InstructionReader.Heredoc;
import dev.rootcause.collect.docker.InstructionReader.Raw;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The shell of a {@code RUN} laid out as it is written: each line of a continued instruction is a
 * row of its own (joined by a shell line continuation, which the shell reads as Docker does), and
 * heredoc bodies follow on their own lines, so every command keeps the line of the Dockerfile it is
 * on. {@code rows} holds that line for each row.
 */
record ShellText(String text, int[] rows) {

  /** The Dockerfile line of a 0-based row of {@code text}. */
  int lineOfRow(int row) {
    return rows[Math.min(Math.max(row, 0), rows.length - 1)];
  }

  /**
   * The shell of {@code raw} from offset {@code from} of its text (past any {@code --mount} flags);
   * {@code onlyHeredoc} when the instruction is just {@code RUN <<EOF}, whose body is the script.
   * {@code substitute} applies the Dockerfile's ARG and ENV values.
   */
  static ShellText of(Raw raw, int from, boolean onlyHeredoc, UnaryOperator<String> substitute) {
    StringBuilder text = new StringBuilder();
    List<Integer> rows = new ArrayList<>();
    if (!onlyHeredoc) {
      String written = raw.text().text();
      int[] lines = raw.text().lines();
      StringBuilder command = new StringBuilder();
      rows.add(lines[from]);
      for (int i = from; i < written.length(); i++) {
        if (i > from && lines[i] != lines[i - 1]) {
          command.append('\n');
          rows.add(lines[i]);
        }
        command.append(written.charAt(i));
      }
      text.append(heredocLast(substitute.apply(command.toString())).replace("\n", "\\\n"))
          .append('\n');
    }
    for (Heredoc h : raw.heredocs()) {
      String body = substitute.apply(h.body());
      int bodyLines = (int) body.chars().filter(c -> c == '\n').count();
      for (int k = 0; k <= (onlyHeredoc ? bodyLines - 1 : bodyLines); k++) {
        rows.add(h.line() + k); // the body's lines, then the delimiter's
      }
      text.append(body);
      if (!onlyHeredoc) {
        text.append(h.name()).append('\n');
      }
    }
    if (rows.isEmpty()) {
      rows.add(raw.location().line());
    }
    return new ShellText(text.toString(), rows.stream().mapToInt(Integer::intValue).toArray());
  }

  /**
   * {@code <<EOF bash} as {@code bash <<EOF}: BuildKit's examples put the heredoc first, which bash
   * accepts and tree-sitter-bash does not; at the end its body still follows the line.
   */
  private static String heredocLast(String command) {
    String s = command.strip();
    int end = 0;
    while (s.startsWith("<<", end)) {
      int blank = s.indexOf(' ', end);
      if (blank < 0) {
        return command;
      }
      end = blank + 1;
    }
    return end == 0 ? command : s.substring(end) + " " + s.substring(0, end).strip();
  }
}
