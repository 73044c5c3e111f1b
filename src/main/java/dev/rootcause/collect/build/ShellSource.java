package dev.rootcause.collect.build;

import java.util.Map;
import java.util.function.IntUnaryOperator;

/**
 * Shell text to analyze and where it lives: a whole script, a Makefile recipe line, a CI {@code
 * run:} step or a Jenkins {@code sh} string. {@code lineOfRow} maps a 0-based row of {@code text}
 * to the 1-based line of the host file; {@code variables} are known before the first line (a
 * workflow's {@code env:}, a Makefile's exported variables); {@code opaque} maps placeholders the
 * host put into the text for its own expressions ({@code ${{ github.sha }}}) back to what was
 * written, so templated names read as the author wrote them.
 */
record ShellSource(
    String text,
    String hostPath,
    IntUnaryOperator lineOfRow,
    WorkDir workDir,
    Map<String, String> variables,
    Map<String, String> opaque) {

  public ShellSource {
    variables = Map.copyOf(variables);
    opaque = Map.copyOf(opaque);
  }

  /** A standalone script file: run from its own folder or from the repository root. */
  static ShellSource script(String path, String text) {
    return new ShellSource(
        text, path, row -> row + 1, WorkDir.invocation(RepoPaths.parent(path)), Map.of(), Map.of());
  }

  /**
   * Shell embedded in another file, starting at {@code firstLine}, run in the folder {@code dir}.
   */
  static ShellSource embedded(
      String hostPath,
      String text,
      int firstLine,
      String dir,
      Map<String, String> variables,
      Map<String, String> opaque) {
    return new ShellSource(
        text,
        hostPath,
        row -> firstLine + row,
        WorkDir.exactly(RepoPaths.parent(hostPath), dir),
        variables,
        opaque);
  }
}
