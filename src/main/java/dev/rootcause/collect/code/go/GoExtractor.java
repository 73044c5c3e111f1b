package dev.rootcause.collect.code.go;

import dev.rootcause.collect.FileKind;
import dev.rootcause.collect.SourceFile;
import dev.rootcause.collect.code.LanguageExtractor;
import dev.rootcause.collect.code.SourceFacts;
import dev.rootcause.collect.syntax.Grammar;
import dev.rootcause.collect.syntax.SyntaxTree;
import dev.rootcause.model.app.AppFacts;
import java.util.List;
import java.util.Set;

/**
 * Reads a Go source file: the port it serves on, its net/http, gin, echo, chi and gorilla routes
 * with the statuses each handler can answer, its env reads, its outbound HTTP calls, and the
 * hazards inside its handlers. Test files and generated files are skipped without parsing: they
 * serve no production traffic, and parsing is the expensive part.
 */
public final class GoExtractor implements LanguageExtractor {
  @Override
  public Set<FileKind> kinds() {
    return Set.of(FileKind.GO);
  }

  @Override
  public SourceFacts extract(SourceFile file, String text) {
    if (file.path().endsWith("_test.go") || isGenerated(text)) {
      return empty(file.path());
    }
    SyntaxTree tree = SyntaxTree.parse(Grammar.GO, text);
    return tree == null ? null : new GoFile(file.path(), tree).read();
  }

  private static SourceFacts empty(String path) {
    return new SourceFacts(
        path,
        AppFacts.Language.GO,
        null,
        false,
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of());
  }

  /**
   * The Go convention (go help generate): a line {@code // Code generated ... DO NOT EDIT.} before
   * the package clause.
   */
  static boolean isGenerated(String text) {
    int at = 0;
    while (at < text.length()) {
      int end = text.indexOf('\n', at);
      if (end < 0) {
        end = text.length();
      }
      String line = text.substring(at, end).strip();
      if (line.startsWith("package ")) {
        return false;
      }
      if (line.startsWith("// Code generated ") && line.endsWith(" DO NOT EDIT.")) {
        return true;
      }
      at = end + 1;
    }
    return false;
  }
}
