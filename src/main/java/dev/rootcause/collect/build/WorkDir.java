package dev.rootcause.collect.build;

import dev.rootcause.model.docker.ContainerPaths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Predicate;

/**
 * Where a command runs, as the folders (relative to the scan root) it may be: a script run as
 * {@code ./scripts/build.sh} runs in the repository root, one that starts with {@code cd "$(dirname
 * "$0")"} in its own folder, and without that line either is possible. No candidate means unknown.
 * Shell inside an image ({@code RUN}) runs in an absolute folder of the image instead.
 */
final class WorkDir {
  /** Starts a value that is a path relative to the script's folder ({@code $(dirname "$0")}). */
  static final char SCRIPT_DIR_MARK = '\uE000';

  /**
   * Starts a value that is a path relative to the repository root ({@code git rev-parse
   * --show-toplevel}).
   */
  static final char ROOT_MARK = '\uE001';

  private static final List<String> DOCKERFILE_NAMES = List.of("Dockerfile", "Containerfile");

  private final String scriptDir;
  private final List<String> candidates;
  private final boolean inImage;

  private WorkDir(String scriptDir, List<String> candidates) {
    this(scriptDir, candidates, false);
  }

  private WorkDir(String scriptDir, List<String> candidates, boolean inImage) {
    this.scriptDir = scriptDir;
    this.candidates = List.copyOf(new LinkedHashSet<>(candidates));
    this.inImage = inImage;
  }

  /** An absolute folder inside an image ({@code WORKDIR /app}); null when unknown. */
  static WorkDir container(String absolute) {
    return new WorkDir(null, absolute == null ? List.of() : List.of(absolute), true);
  }

  /** The one absolute folder inside an image this is, else null. */
  String containerPath() {
    return inImage && candidates.size() == 1 ? candidates.get(0) : null;
  }

  /** A script whose caller's folder is unknown: its own folder or the repository root. */
  static WorkDir invocation(String scriptDir) {
    return new WorkDir(scriptDir, List.of(scriptDir, ""));
  }

  /** Exactly this folder (a Makefile's, a CI step's {@code working-directory}). */
  static WorkDir exactly(String scriptDir, String dir) {
    return new WorkDir(scriptDir, dir == null ? List.of() : List.of(dir));
  }

  /** The single folder this is, as a marked value ({@code $PWD}), else null. */
  String asValue() {
    if (inImage) {
      return containerPath();
    }
    return candidates.size() == 1 ? ROOT_MARK + "/" + candidates.get(0) : null;
  }

  /** After {@code cd target}; a null or templated target makes the folder unknown. */
  WorkDir cd(String target) {
    if (target == null || target.isEmpty() || target.equals("-")) {
      return new WorkDir(scriptDir, List.of(), inImage);
    }
    if (inImage) {
      boolean marked =
          target.indexOf(SCRIPT_DIR_MARK) >= 0
              || target.indexOf(ROOT_MARK) >= 0
              || target.startsWith("~");
      String resolved = marked ? null : ContainerPaths.resolve(containerPath(), target);
      return new WorkDir(null, resolved == null ? List.of() : List.of(resolved), true);
    }
    String anchored = anchored(target);
    if (anchored != null) {
      return new WorkDir(scriptDir, anchored.equals("\0") ? List.of() : List.of(anchored));
    }
    List<String> next = new ArrayList<>();
    for (String dir : candidates) {
      String resolved = RepoPaths.resolve(dir, target);
      if (resolved != null) {
        next.add(resolved);
      }
    }
    return new WorkDir(scriptDir, next);
  }

  /** Union of the folders two branches may leave the shell in. */
  WorkDir union(WorkDir other) {
    List<String> all = new ArrayList<>(candidates);
    all.addAll(other.candidates);
    return new WorkDir(scriptDir, all, inImage);
  }

  /**
   * A path starting with a mark, resolved; {@code "\0"} when marked but unresolvable; null when not
   * marked.
   */
  private String anchored(String path) {
    if (path.isEmpty() || path.charAt(0) != SCRIPT_DIR_MARK && path.charAt(0) != ROOT_MARK) {
      return null;
    }
    String base = path.charAt(0) == SCRIPT_DIR_MARK ? scriptDir : "";
    String rest = path.substring(1);
    if (rest.startsWith("/")) {
      rest = rest.substring(1);
    }
    if (rest.isEmpty()) {
      return base;
    }
    String resolved = RepoPaths.resolve(base, rest);
    return resolved == null ? "\0" : resolved;
  }

  /** A path used by a command run here, resolved in every candidate folder. */
  private List<String> resolveAll(String path) {
    String anchored = anchored(path);
    if (anchored != null) {
      return anchored.equals("\0") ? List.of() : List.of(anchored);
    }
    List<String> out = new ArrayList<>();
    for (String dir : candidates) {
      out.add(RepoPaths.resolve(dir, path));
    }
    return out;
  }

  /** A build's Dockerfile and context as paths relative to the root; either may be null. */
  record BuildPaths(String dockerfile, String context) {
    static final BuildPaths UNKNOWN = new BuildPaths(null, null);
  }

  /**
   * Resolves {@code docker build [-f file] context} run here. Among the candidate folders the one
   * where the Dockerfile exists wins; with one candidate its paths are kept even if the file is
   * absent (it may be generated). {@code file} is relative to this folder, as the docker CLI reads
   * it, and defaults to {@code Dockerfile} (or {@code Containerfile}) inside the context.
   */
  BuildPaths resolveBuild(String context, String file, Predicate<String> exists) {
    if (context == null
        || context.equals("-")
        || context.contains("://")
        || context.startsWith("git@")
        || context.startsWith("github.com/")) {
      return BuildPaths.UNKNOWN;
    }
    List<String> contexts = resolveAll(context);
    List<String> files = file == null || file.equals("-") ? null : resolveAll(file);
    if (files != null && files.size() != contexts.size()) {
      // One side is anchored ("$SCRIPT_DIR/..."), the other relative: pair each file with each
      // context.
      files =
          files.size() == 1 ? java.util.Collections.nCopies(contexts.size(), files.get(0)) : files;
      contexts =
          contexts.size() == 1
              ? java.util.Collections.nCopies(files.size(), contexts.get(0))
              : contexts;
      if (files.size() != contexts.size()) {
        return BuildPaths.UNKNOWN;
      }
    }
    for (int i = 0; i < contexts.size(); i++) {
      String ctx = contexts.get(i);
      if (ctx == null) {
        continue;
      }
      String dockerfile = dockerfileIn(ctx, files == null ? null : files.get(i), file, exists);
      if (dockerfile != null && exists.test(dockerfile)) {
        return new BuildPaths(dockerfile, ctx);
      }
    }
    if (contexts.size() == 1 && contexts.get(0) != null) {
      String ctx = contexts.get(0);
      String dockerfile =
          file != null && file.equals("-")
              ? null
              : file == null ? RepoPaths.child(ctx, DOCKERFILE_NAMES.get(0)) : files.get(0);
      return new BuildPaths(dockerfile, ctx);
    }
    for (String ctx : contexts) {
      if (ctx != null && exists.test(ctx)) {
        return new BuildPaths(null, ctx);
      }
    }
    return BuildPaths.UNKNOWN;
  }

  private static String dockerfileIn(
      String ctx, String resolvedFile, String file, Predicate<String> exists) {
    if (file != null) {
      return file.equals("-") ? null : resolvedFile;
    }
    for (String name : DOCKERFILE_NAMES) {
      String candidate = RepoPaths.child(ctx, name);
      if (exists.test(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
