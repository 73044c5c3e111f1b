package dev.rootcause.collect.pipeline;

import dev.rootcause.model.SourceLocation;
import dev.rootcause.model.pipeline.Pipeline;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a shell script embedded in a pipeline file into classified steps, one per command line.
 */
final class ShellLines {
  private ShellLines() {}

  /**
   * Steps of {@code script}, whose first line is at {@code firstLine} of {@code path}. Backslash
   * continuations are joined; blank lines, comments and shebangs are dropped.
   */
  static List<Pipeline.Step> steps(String path, String script, int firstLine) {
    List<Pipeline.Step> steps = new ArrayList<>();
    String[] lines = script.split("\n", -1);
    StringBuilder pending = new StringBuilder();
    int pendingLine = 0;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (pending.isEmpty()) {
        pendingLine = firstLine + i;
      }
      if (line.endsWith("\\")) {
        pending.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      pending.append(line);
      String command = pending.toString().strip();
      pending.setLength(0);
      if (command.isEmpty() || command.startsWith("#")) {
        continue;
      }
      steps.add(
          new Pipeline.Step(
              command, StepClassifier.classify(command), new SourceLocation(path, pendingLine, 0)));
    }
    return steps;
  }
}
