package dev.rootcause.model.docker;

import dev.rootcause.model.SourceLocation;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * A parsed Dockerfile: its build stages in order, the last being the image that runs. {@code path}
 * is relative to the scan root; {@code directory} is the folder it sits in (the usual build
 * context).
 */
public record Dockerfile(String path, String directory, List<Stage> stages, List<Arg> globalArgs) implements java.io.Serializable {

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

  /** The earlier stage that {@code stage} is built {@code FROM}, when its base is not an image. */
  public Optional<Stage> parent(Stage stage) {
    for (int i = stage.index() - 1; i >= 0 && i < stages.size(); i--) {
      String name = stages.get(i).name();
      if (name != null && name.equalsIgnoreCase(stage.baseImage())) {
        return Optional.of(stages.get(i));
      }
    }
    return Optional.empty();
  }

  /**
   * The stages whose instructions make up {@code stage}'s filesystem: the one built from an image
   * first, {@code stage} itself last.
   */
  public List<Stage> lineage(Stage stage) {
    Deque<Stage> chain = new ArrayDeque<>();
    for (Stage s = stage; s != null && chain.size() <= stages.size(); s = parent(s).orElse(null)) {
      chain.addFirst(s);
    }
    return List.copyOf(chain);
  }

  public SourceLocation location() {
    return SourceLocation.file(path);
  }

  /** A build argument ({@code ARG NAME=default}). */
  public record Arg(String name, String defaultValue, SourceLocation location) implements java.io.Serializable {}
}
