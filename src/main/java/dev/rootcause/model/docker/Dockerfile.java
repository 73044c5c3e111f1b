package dev.rootcause.model.docker;

import dev.rootcause.model.SourceLocation;
import java.util.List;
import java.util.Optional;

/**
 * A parsed Dockerfile: its build stages in order, the last being the image that runs. {@code path}
 * is relative to the scan root; {@code directory} is the folder it sits in (the usual build
 * context).
 */
public record Dockerfile(String path, String directory, List<Stage> stages, List<Arg> globalArgs) {

  public Dockerfile {
    stages = List.copyOf(stages);
    globalArgs = List.copyOf(globalArgs);
  }

  /** The stage that becomes the image (the last one, unless a build names a target). */
  public Optional<Stage> finalStage() {
    return stages.isEmpty() ? Optional.empty() : Optional.of(stages.get(stages.size() - 1));
  }

  public Optional<Stage> stage(String nameOrIndex) {
    for (Stage s : stages) {
      if (nameOrIndex.equalsIgnoreCase(s.name()) || nameOrIndex.equals(String.valueOf(s.index()))) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  public SourceLocation location() {
    return SourceLocation.file(path);
  }

  /** A build argument ({@code ARG NAME=default}). */
  public record Arg(String name, String defaultValue, SourceLocation location) {}
}
