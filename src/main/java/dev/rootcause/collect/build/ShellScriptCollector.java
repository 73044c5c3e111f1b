package dev.rootcause.collect.build;

import dev.rootcause.collect.Facts;
import dev.rootcause.collect.FileCollector;
import dev.rootcause.collect.FileKind;
import dev.rootcause.collect.SourceFile;

/** Reads shell scripts for the images they build, tag, import into local clusters and push. */
public final class ShellScriptCollector implements FileCollector {

  @Override
  public boolean accepts(FileKind kind) {
    return kind == FileKind.SHELL;
  }

  @Override
  public void collect(SourceFile file, String text, Facts facts) {
    if (!RepoFiles.mentionsImageTool(text)) {
      return;
    }
    ShellAnalysis.Result result =
        ShellAnalysis.analyze(ShellSource.script(file.path(), text), RepoFiles.exists(file, facts));
    result.builds().forEach(facts.model()::imageBuild);
    result.problems().forEach(facts::problem);
  }
}
