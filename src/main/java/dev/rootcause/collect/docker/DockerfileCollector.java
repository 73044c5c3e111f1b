package dev.rootcause.collect.docker;

import dev.rootcause.collect.Facts;
import dev.rootcause.collect.FileCollector;
import dev.rootcause.collect.FileKind;
import dev.rootcause.collect.SourceFile;

/** Reads Dockerfiles (and Containerfiles) into the model: stages, image config, copies, runs. */
public final class DockerfileCollector implements FileCollector {

  @Override
  public boolean accepts(FileKind kind) {
    return kind == FileKind.DOCKERFILE;
  }

  @Override
  public void collect(SourceFile file, String text, Facts facts) {
    DockerfileParser.Result result = DockerfileParser.parse(file.path(), text);
    result.problems().forEach(facts::problem);
    if (result.dockerfile() != null) {
      facts.model().dockerfile(result.dockerfile());
    }
  }
}
