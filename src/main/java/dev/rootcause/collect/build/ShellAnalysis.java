package dev.rootcause.collect.build;

import dev.rootcause.model.CollectionProblem;
import dev.rootcause.model.SourceLocation;
import dev.rootcause.model.build.ImageBuild;
import dev.rootcause.model.k8s.ImageRef;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Shell text to image facts: which images a script builds, tags, imports into a local cluster and
 * pushes. {@link ShellWalker} follows the script as far as a reader can without running it; each
 * command it expands is read by {@link ImageCommands}. A value it cannot know stays as written
 * ({@code $GIT_SHA}), so the image reads as templated and rules stay silent about it. Used for
 * shell scripts and for shell embedded in Makefiles, CI workflows and Jenkinsfiles.
 */
final class ShellAnalysis {
  private final ShellSource source;
  private final Predicate<String> exists;
  private final Map<String, ImageBuild> builds = new LinkedHashMap<>();
  private final Map<String, ImageBuild> lastBuildOf;

  private ShellAnalysis(ShellSource source, Predicate<String> exists, Memory memory) {
    this.source = source;
    this.exists = exists;
    this.lastBuildOf = memory.lastBuildOf;
  }

  /** What one text makes, and notes on what could not be read. */
  record Result(List<ImageBuild> builds, List<CollectionProblem> problems) {}

  /** The last build or tag of each image name seen so far in a file. */
  static final class Memory {
    private final Map<String, ImageBuild> lastBuildOf = new HashMap<>();
  }

  /**
   * Analyzes {@code source}; {@code exists} says whether a path relative to the scan root exists.
   */
  static Result analyze(ShellSource source, Predicate<String> exists) {
    return analyze(source, exists, new Memory());
  }

  /**
   * Analyzes one of several shell texts of a file (recipe lines, CI steps) that share {@code
   * memory}, so {@code docker push api} in one step finds the Dockerfile of {@code docker build -t
   * api} in an earlier one.
   */
  static Result analyze(ShellSource source, Predicate<String> exists, Memory memory) {
    try {
      return new ShellAnalysis(source, exists, memory).run();
    } catch (LinkageError e) {
      // tree-sitter's native library is missing for this platform: skip shell, keep the scan.
      return new Result(
          List.of(),
          List.of(
              CollectionProblem.skipped(
                  SourceLocation.file(source.hostPath()),
                  "shell not read: the tree-sitter parser is unavailable on this platform")));
    }
  }

  private Result run() {
    Map<String, ShellState.Var> vars = new HashMap<>();
    source.variables().forEach((k, v) -> vars.put(k, ShellState.Var.of(v)));
    ShellState state = new ShellState(vars, source.workDir(), new ArrayDeque<>(), false);
    ShellWalker.Outcome outcome =
        ShellWalker.walk(
            source.text(),
            source.lineOfRow(),
            state,
            (command, st) ->
                record(ImageCommands.read(command.argv(), st.cwd, st.minikubeDockerEnv, exists)));
    List<CollectionProblem> problems = new ArrayList<>();
    if (!outcome.parsed()) {
      problems.add(
          CollectionProblem.note(
              location(outcome.line()), "shell not parsed; images built here may be missed"));
      return new Result(List.of(), problems);
    }
    if (outcome.exhausted()) {
      problems.add(
          CollectionProblem.note(
              location(outcome.line()),
              "shell too intricate to follow to the end (over "
                  + ShellWalker.MAX_STEPS
                  + " steps); images built after that point may be missed"));
    }
    if (outcome.errorLine() > 0) {
      problems.add(
          CollectionProblem.note(
              location(outcome.errorLine()),
              "shell syntax not understood here; images built nearby may be missed"));
    }
    return new Result(List.copyOf(builds.values()), problems);
  }

  private void record(List<ImageCommands.Fact> facts) {
    for (ImageCommands.Fact f : facts) {
      String name = restoreOpaque(f.name());
      if (name.isBlank()) {
        continue;
      }
      WorkDir.BuildPaths paths = f.paths();
      String target = f.target() == null ? null : restoreOpaque(f.target());
      if (paths == null || paths.dockerfile() == null && paths.context() == null) {
        ImageBuild origin = lastBuildOf.get(key(restoreOpaque(f.source())));
        if (origin != null) {
          paths = new WorkDir.BuildPaths(origin.dockerfile(), origin.context());
          target = target == null ? origin.target() : target;
        }
      }
      if (paths == null) {
        paths = WorkDir.BuildPaths.UNKNOWN;
      }
      ImageBuild build =
          new ImageBuild(
              ImageRef.parse(name, location(f.line())),
              f.kind(),
              paths.dockerfile(),
              paths.context(),
              target,
              location(f.line()));
      builds.putIfAbsent(
          f.kind() + " " + name + " " + f.line() + " " + paths + " " + target, build);
      if (f.kind() == ImageBuild.Kind.BUILD || f.kind() == ImageBuild.Kind.TAG) {
        lastBuildOf.put(key(name), build);
      }
    }
  }

  /** Names Docker treats as one: {@code app} is {@code app:latest}. */
  private static String key(String name) {
    ImageRef ref = ImageRef.parse(name, null);
    return (ref.registry() == null ? "" : ref.registry() + "/") + ref.nameAndTag();
  }

  /**
   * Host placeholders back to what the author wrote; marks (script folder) as the shell wrote them.
   */
  private String restoreOpaque(String value) {
    String out = value;
    for (Map.Entry<String, String> e : source.opaque().entrySet()) {
      out = out.replace(e.getKey(), e.getValue());
    }
    return out.replace(String.valueOf(WorkDir.SCRIPT_DIR_MARK), "$(dirname \"$0\")")
        .replace(String.valueOf(WorkDir.ROOT_MARK), "$(git rev-parse --show-toplevel)");
  }

  private SourceLocation location(int line) {
    return SourceLocation.of(source.hostPath(), Math.max(line, 0));
  }
}
