package dev.rootcause.model;

import java.util.Comparator;

/**
 * A position in a file of the scanned tree. {@code path} is relative to the scan root with '/'
 * separators; {@code line} and {@code column} are 1-based, 0 when unknown.
 */
public record SourceLocation(String path, int line, int column)
    implements Location, java.io.Serializable {

  public static final Comparator<SourceLocation> ORDER =
      Comparator.comparing(SourceLocation::path)
          .thenComparingInt(SourceLocation::line)
          .thenComparingInt(SourceLocation::column);

  public SourceLocation {
    if (path == null || path.isEmpty()) {
      throw new IllegalArgumentException("path is required");
    }
    if (line < 0 || column < 0) {
      throw new IllegalArgumentException("negative position " + line + ":" + column);
    }
  }

  public static SourceLocation of(String path, int line) {
    return new SourceLocation(path, line, 0);
  }

  /** The whole file, when no line applies (a missing instruction, an absent field). */
  public static SourceLocation file(String path) {
    return new SourceLocation(path, 0, 0);
  }

  @Override
  public String display() {
    if (line == 0) {
      return path;
    }
    return column == 0 ? path + ":" + line : path + ":" + line + ":" + column;
  }

  @Override
  public String toString() {
    return display();
  }
}
