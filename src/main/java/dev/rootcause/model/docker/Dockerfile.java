package dev.rootcause.model.docker;

import dev.rootcause.model.SourceLocation;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A parsed Dockerfile: its build stages in order, the last being the image that runs. {@code path}
 * is relative to the scan root; {@code directory} is the folder it sits in (the usual build
 * context).
 */
public record Dockerfile(String path, String directory, List<Stage> stages, List<Arg> globalArgs)
    implements java.io.Serializable {
  private static final Set<String> DEV_PURPOSES =
      Set.of("dev", "develop", "development", "local", "test", "ci", "debug");
  private static final Set<String> DEV_SUFFIXES = Set.of("dev", "development", "local", "test");

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

  /** What {@code stage} may contain: its instructions', its parents' and its base image's. */
  public StageContents contents(Stage stage) {
    return StageContents.of(this, stage);
  }

  /** The image at the root of {@code stage}'s lineage: what its filesystem starts from. */
  public BaseImage baseImage(Stage stage) {
    return BaseImage.of(lineage(stage).get(0).baseImage());
  }

  /**
   * Whether this Dockerfile is made for development rather than deployment (a dev container, {@code
   * Dockerfile.dev}, {@code test.Dockerfile}): root users and full SDK images are the point there.
   */
  public boolean isForDevelopment() {
    String lower = path.toLowerCase(Locale.ROOT);
    String name = lower.substring(lower.lastIndexOf('/') + 1);
    if (lower.startsWith(".devcontainer/") || lower.contains("/.devcontainer/")) {
      return true;
    }
    String suffix = ".dockerfile";
    if (name.startsWith("dockerfile.")
        && DEV_PURPOSES.contains(name.substring("dockerfile.".length()))) {
      return true;
    }
    if (!name.endsWith(suffix)) {
      return false;
    }
    String stem = name.substring(0, name.length() - suffix.length());
    int dot = stem.lastIndexOf('.');
    return DEV_PURPOSES.contains(stem)
        || dot >= 0 && DEV_SUFFIXES.contains(stem.substring(dot + 1));
  }

  public SourceLocation location() {
    return SourceLocation.file(path);
  }

  /** A build argument ({@code ARG NAME=default}). */
  public record Arg(String name, String defaultValue, SourceLocation location)
      implements java.io.Serializable {}
}
