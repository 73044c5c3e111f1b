package dev.rootcause.collect.code.python;

import dev.rootcause.collect.FileKind;
import dev.rootcause.collect.SourceFile;
import dev.rootcause.collect.code.FactsSink;
import dev.rootcause.collect.code.LanguageExtractor;
import dev.rootcause.collect.code.SourceFacts;
import dev.rootcause.collect.syntax.Grammar;
import dev.rootcause.collect.syntax.SyntaxTree;
import java.util.Set;

/** Python: Flask, FastAPI, Django URLconfs, http.server, and the servers started from code. */
public final class PythonExtractor implements LanguageExtractor {

  @Override
  public Set<FileKind> kinds() {
    return Set.of(FileKind.PYTHON);
  }

  @Override
  public SourceFacts extract(SourceFile file, String text) {
    return read(file, text).facts();
  }

  @Override
  public Result read(SourceFile file, String text) {
    SyntaxTree tree = SyntaxTree.parse(Grammar.PYTHON, text);
    if (tree == null) {
      return new Result(null, java.util.List.of());
    }
    FactsSink sink = new FactsSink(file.path());
    if (tree.hasErrors()) {
      sink.note(
          "Python syntax rootcause does not understand"
              + (tree.firstErrorLine() > 0 ? " at line " + tree.firstErrorLine() : "")
              + "; facts from that part may be missing");
    }
    SourceFacts facts = new PythonFile(tree.root(), sink).extract();
    return new Result(facts, sink.notes());
  }
}
