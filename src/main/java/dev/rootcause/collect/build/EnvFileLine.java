package dev.rootcause.collect.build;

import java.util.Map;

/** One line of a {@code .env} / {@code env_file} file as compose reads it: {@code KEY=value}. */
public final class EnvFileLine {
  private EnvFileLine() {}

  /**
   * The name and value a line sets ({@code export} and matching quotes dropped), or null for a
   * comment, a blank or a line without {@code =}.
   */
  public static Map.Entry<String, String> parse(String line) {
    String l = line.strip();
    if (l.startsWith("export ")) {
      l = l.substring(7).strip();
    }
    int eq = l.indexOf('=');
    if (l.startsWith("#") || eq <= 0) {
      return null;
    }
    String value = l.substring(eq + 1).strip();
    if (value.length() >= 2
        && (value.startsWith("\"") && value.endsWith("\"")
            || value.startsWith("'") && value.endsWith("'"))) {
      value = value.substring(1, value.length() - 1);
    }
    return Map.entry(l.substring(0, eq).strip(), value);
  }
}
