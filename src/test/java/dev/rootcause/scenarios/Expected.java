package dev.rootcause.scenarios;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A blind system's {@code EXPECTED.md}: its faults, its traps and the faults not found yet. A line
 * {@code - `path:line` `rule-id`: why} under a heading; backticked words with a colon and a line
 * number are locations, the others rule ids.
 */
record Expected(List<Entry> faults, List<Entry> traps, List<Entry> notFoundYet) {

  /** One listed fault or trap: where it may be reported, by which rules, and why. */
  record Entry(List<String> locations, List<String> rules, String reason) {
    String label() {
      return String.join(" ", locations) + (rules.isEmpty() ? "" : " " + String.join("|", rules));
    }
  }

  static Expected read(Path file) throws IOException {
    List<Entry> faults = new ArrayList<>();
    List<Entry> traps = new ArrayList<>();
    List<Entry> notFound = new ArrayList<>();
    List<Entry> current = null;
    for (String line : Files.readAllLines(file)) {
      if (line.startsWith("## ")) {
        String heading = line.substring(3).trim().toLowerCase(java.util.Locale.ROOT);
        current =
            switch (heading) {
              case "faults" -> faults;
              case "traps" -> traps;
              case "not found yet" -> notFound;
              default -> throw new IllegalStateException(file + ": unknown heading " + line);
            };
      } else if (line.startsWith("- ") && current != null) {
        current.add(entry(file, line.substring(2)));
      }
    }
    return new Expected(faults, traps, notFound);
  }

  private static Entry entry(Path file, String text) {
    List<String> locations = new ArrayList<>();
    List<String> rules = new ArrayList<>();
    int i = 0;
    while (i < text.length() && text.charAt(i) == '`') {
      int end = text.indexOf('`', i + 1);
      String word = text.substring(i + 1, end);
      int colon = word.lastIndexOf(':');
      if (colon > 0 && word.substring(colon + 1).chars().allMatch(Character::isDigit)) {
        locations.add(word);
      } else {
        rules.add(word);
      }
      i = end + 1;
      while (i < text.length() && text.charAt(i) == ' ') {
        i++;
      }
    }
    if (locations.isEmpty()) {
      throw new IllegalStateException(file + ": an entry without a location: " + text);
    }
    String reason = text.substring(i).replaceFirst("^:\\s*", "");
    return new Entry(List.copyOf(locations), List.copyOf(rules), reason);
  }
}
