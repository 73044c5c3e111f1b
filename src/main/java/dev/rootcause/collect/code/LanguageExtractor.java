package dev.rootcause.collect.code;

import dev.rootcause.collect.FileKind;
import dev.rootcause.collect.SourceFile;
import java.util.List;
import java.util.Set;

/**
 * Reads the facts of one source file of one language, from its syntax tree (tree-sitter), never
 * from regular expressions over raw text. Implementations are stateless and thread-safe (parsers
 * are per thread). Returns null when the file cannot be parsed; the caller records the problem.
 */
public interface LanguageExtractor {

  Set<FileKind> kinds();

  SourceFacts extract(SourceFile file, String text);

  /**
   * Like {@link #extract}, with notes for the report (syntax the parser did not understand, parts
   * skipped). {@link CodeCollector} calls this one; the default adds no notes.
   */
  default Result read(SourceFile file, String text) {
    return new Result(extract(file, text), List.of());
  }

  /** The facts of one file (null when it could not be parsed) and notes about how it was read. */
  record Result(SourceFacts facts, List<String> notes) {
    public Result {
      notes = List.copyOf(notes);
    }
  }
}
