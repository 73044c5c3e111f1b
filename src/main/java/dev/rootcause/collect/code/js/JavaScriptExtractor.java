package dev.rootcause.collect.code.js;

import dev.rootcause.collect.FileKind;
import dev.rootcause.collect.SourceFile;
import dev.rootcause.collect.code.FactsSink;
import dev.rootcause.collect.code.LanguageExtractor;
import dev.rootcause.collect.code.SourceFacts;
import dev.rootcause.collect.syntax.Grammar;
import dev.rootcause.collect.syntax.SyntaxTree;
import dev.rootcause.model.app.AppFacts;
import java.util.List;
import java.util.Set;

/** JavaScript and TypeScript on Node: Express, Fastify, Koa and the bare {@code http} module. */
public final class JavaScriptExtractor implements LanguageExtractor {

  @Override
  public Set<FileKind> kinds() {
    return Set.of(FileKind.JAVASCRIPT, FileKind.TYPESCRIPT);
  }

  @Override
  public SourceFacts extract(SourceFile file, String text) {
    return read(file, text).facts();
  }

  @Override
  public Result read(SourceFile file, String text) {
    boolean typescript = file.kind() == FileKind.TYPESCRIPT;
    SyntaxTree tree = SyntaxTree.parse(typescript ? Grammar.TYPESCRIPT : Grammar.JAVASCRIPT, text);
    if (tree == null) {
      return new Result(null, List.of());
    }
    FactsSink sink = new FactsSink(file.path());
    if (tree.hasErrors()) {
      sink.note(
          (typescript ? "TypeScript" : "JavaScript")
              + " syntax rootcause does not understand"
              + (tree.firstErrorLine() > 0 ? " at line " + tree.firstErrorLine() : "")
              + "; facts from that part may be missing");
    }
    AppFacts.Language language =
        typescript ? AppFacts.Language.TYPESCRIPT : AppFacts.Language.JAVASCRIPT;
    SourceFacts facts = new JsFile(tree.root(), sink, language).extract();
    return new Result(facts, sink.notes());
  }
}
