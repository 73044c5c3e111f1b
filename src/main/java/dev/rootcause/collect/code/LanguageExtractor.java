package dev.rootcause.collect.code;

import dev.rootcause.collect.FileKind;
import dev.rootcause.collect.SourceFile;
import java.util.Set;

/**
 * Reads the facts of one source file of one language, from its syntax tree (tree-sitter), never
 * from regular expressions over raw text. Implementations are stateless and thread-safe (parsers
 * are per thread). Returns null when the file cannot be parsed; the caller records the problem.
 */
public interface LanguageExtractor {

  Set<FileKind> kinds();

  SourceFacts extract(SourceFile file, String text);
}
