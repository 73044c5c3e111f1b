package dev.rootcause.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Renders the examples and notes below every command's options without ever breaking a token: an
 * example too long for the terminal continues on the next line after a shell {@code \}, so it still
 * pastes and runs; prose wraps between words. (picocli's own wrapping breaks after any punctuation,
 * which cut {@code --slo 'p95<2s,success>=99.9%'} in two.)
 */
final class HelpFooter {
  private static final String CONTINUATION = "      ";

  private HelpFooter() {}

  /** Installs this renderer on {@code cli} and every subcommand under it. */
  static void install(CommandLine cli) {
    cli.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_FOOTER, HelpFooter::render);
    cli.getSubcommands().values().forEach(HelpFooter::install);
  }

  static String render(CommandLine.Help help) {
    UsageMessageSpec usage = help.commandSpec().usageMessage();
    StringBuilder out = new StringBuilder();
    for (String line : usage.footer()) {
      String text = line.contains("%") ? String.format(Locale.ROOT, line) : line;
      for (String wrapped : wrap(text, usage.width())) {
        out.append(wrapped).append(System.lineSeparator());
      }
    }
    return out.toString();
  }

  /**
   * {@code line} in lines of at most {@code width} characters, broken only at spaces outside
   * quotes; an indented line is a command, continued with {@code \}. A line that fits is kept as
   * written (the exit-code table lines up its columns), and a token longer than the width whole.
   */
  static List<String> wrap(String line, int width) {
    if (line.length() <= width) {
      return List.of(line);
    }
    boolean command = line.startsWith("  ") && !line.isBlank();
    int indent = line.length() - line.stripLeading().length();
    List<String> tokens = tokens(line.strip());
    List<String> lines = new ArrayList<>();
    String suffix = command ? " \\" : "";
    StringBuilder current = new StringBuilder(" ".repeat(indent));
    boolean empty = true;
    for (String token : tokens) {
      int room = width - suffix.length();
      if (!empty && current.length() + 1 + token.length() > room) {
        lines.add(current + suffix);
        current = new StringBuilder(command ? CONTINUATION : " ".repeat(indent));
        empty = true;
      }
      current.append(empty ? "" : " ").append(token);
      empty = false;
    }
    lines.add(current.toString());
    return lines;
  }

  /** Words, keeping a quoted argument ('p95<2s, x', "a b") as one. */
  private static List<String> tokens(String text) {
    List<String> tokens = new ArrayList<>();
    StringBuilder token = new StringBuilder();
    char quote = 0;
    for (char c : text.toCharArray()) {
      if (quote == 0 && c == ' ') {
        if (!token.isEmpty()) {
          tokens.add(token.toString());
          token.setLength(0);
        }
        continue;
      }
      if (quote == 0 && (c == '\'' || c == '"')) {
        quote = c;
      } else if (c == quote) {
        quote = 0;
      }
      token.append(c);
    }
    if (!token.isEmpty() || tokens.isEmpty()) {
      tokens.add(token.toString());
    }
    return tokens;
  }
}
