package dev.rootcause.collect.build;

import dev.rootcause.collect.SourceFile;
import dev.rootcause.collect.yaml.YamlNode;
import dev.rootcause.model.SourceLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

/**
 * Where the text of a YAML scalar starts in its file. A block scalar ({@code run: |}) is marked at
 * its indicator but its first row is on the next line; the file is read once, lazily, to tell.
 */
final class YamlLines {
  private final SourceFile file;
  private List<String> lines;

  YamlLines(SourceFile file) {
    this.file = file;
  }

  /** The line of a scalar's first content row. */
  int contentLine(YamlNode.Scalar scalar) {
    SourceLocation at = scalar.location();
    if (scalar.plain()) {
      return at.line();
    }
    String line = line(at.line());
    int col = at.column() - 1;
    if (line != null && col >= 0 && col < line.length()) {
      char c = line.charAt(col);
      return c == '|' || c == '>' ? at.line() + 1 : at.line();
    }
    return scalar.value() != null && scalar.value().contains("\n") ? at.line() + 1 : at.line();
  }

  private String line(int n) {
    if (lines == null) {
      try {
        lines = Files.readAllLines(file.absolute());
      } catch (IOException | RuntimeException e) {
        lines = List.of();
      }
    }
    return n >= 1 && n <= lines.size() ? lines.get(n - 1) : null;
  }
}
