package dev.rootcause.collect.docker;

import dev.rootcause.collect.Facts;
import dev.rootcause.collect.FileCollector;
import dev.rootcause.collect.FileKind;
import dev.rootcause.collect.SourceFile;
import dev.rootcause.model.docker.GoModule;

/**
 * Reads Dockerfiles (and Containerfiles) into the model: stages, image config, copies, runs; and
 * the {@code go} directive of each {@code go.mod}, which the builder image must satisfy.
 */
public final class DockerfileCollector implements FileCollector {

  @Override
  public boolean accepts(FileKind kind) {
    return kind == FileKind.DOCKERFILE || kind == FileKind.DEPENDENCIES;
  }

  @Override
  public void collect(SourceFile file, String text, Facts facts) {
    if (file.kind() == FileKind.DEPENDENCIES) {
      if (file.path().equals("go.mod") || file.path().endsWith("/go.mod")) {
        GoModule module = GoModReader.read(file.path(), text);
        if (module != null) {
          facts.model().goModule(module);
        }
      }
      return;
    }
    DockerfileParser.Result result = DockerfileParser.parse(file.path(), text);
    result.problems().forEach(facts::problem);
    if (result.dockerfile() != null) {
      facts.model().dockerfile(result.dockerfile());
    }
  }
}
