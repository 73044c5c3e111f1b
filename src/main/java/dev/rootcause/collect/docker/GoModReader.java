package dev.rootcause.collect.docker;

import dev.rootcause.model.SourceLocation;
import dev.rootcause.model.docker.GoModule;

/** Reads the {@code go} directive of a {@code go.mod}: the Go version a builder image must have. */
final class GoModReader {
  private GoModReader() {}

  /** The module of {@code path}, or null when it has no {@code go} directive. */
  static GoModule read(String path, String text) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      int comment = line.indexOf("//");
      if (comment >= 0) {
        line = line.substring(0, comment).strip();
      }
      if (line.startsWith("go ") || line.startsWith("go\t")) {
        String version = line.substring(3).strip();
        int slash = path.lastIndexOf('/');
        return new GoModule(
            slash < 0 ? "" : path.substring(0, slash), version, SourceLocation.of(path, i + 1));
      }
    }
    return null;
  }
}
