package dev.rootcause.collect;

import dev.rootcause.model.CollectionProblem;
import dev.rootcause.model.SourceLocation;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the files of a tree worth reading. Follows symlinks that stay inside the tree (and reports
 * loops), never those that leave it; skips dependency and build-output folders and the paths the
 * config ignores. Opens no file: classification is by name.
 */
public final class RepoWalker {
  /** Folders that hold dependencies, caches or build output, never the system's own sources. */
  static final Set<String> SKIPPED_DIRECTORIES =
      Set.of(
          ".git",
          ".hg",
          ".svn",
          "node_modules",
          "bower_components",
          ".venv",
          "venv",
          "__pycache__",
          ".mypy_cache",
          ".pytest_cache",
          ".tox",
          ".terraform",
          ".idea",
          ".gradle",
          "target",
          ".next",
          ".cache");

  // How each note starts, so coverage can count what was passed over and why.
  static final String OUTSIDE = "symlink to a ";
  static final String NOT_A_FILE = "not a regular file";

  private RepoWalker() {}

  /**
   * What the walk found: files in a stable order, the problems met, and how many files and folders
   * it passed over because {@code ignorePaths} matches them.
   */
  public record Walk(
      List<SourceFile> files, List<CollectionProblem> problems, int ignoredByConfig) {
    public Walk {
      files = List.copyOf(files);
      problems = List.copyOf(problems);
    }
  }

  public static Walk walk(Path root, List<String> ignoreGlobs) throws IOException {
    Path realRoot = root.toRealPath();
    List<PathMatcher> ignored =
        ignoreGlobs.stream()
            .map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g))
            .toList();
    List<SourceFile> files = new ArrayList<>();
    List<CollectionProblem> problems = new ArrayList<>();
    int[] ignoredByConfig = {0};

    if (Files.isRegularFile(realRoot)) {
      String name = root.getFileName().toString();
      BasicFileAttributes attrs = Files.readAttributes(realRoot, BasicFileAttributes.class);
      files.add(
          new SourceFile(realRoot, name, FileKind.of(name), attrs.size(), modifiedNanos(attrs)));
      return new Walk(files, problems, 0);
    }

    // Folders known to resolve inside the tree; the walk is single-threaded.
    java.util.Set<Path> verified = new java.util.HashSet<>(List.of(realRoot));
    Files.walkFileTree(
        realRoot,
        EnumSet.of(FileVisitOption.FOLLOW_LINKS),
        Integer.MAX_VALUE,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            if (dir.equals(realRoot)) {
              return FileVisitResult.CONTINUE;
            }
            String rel = relative(realRoot, dir);
            if (SKIPPED_DIRECTORIES.contains(dir.getFileName().toString())) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            if (matches(ignored, realRoot.relativize(dir))) {
              ignoredByConfig[0]++;
              return FileVisitResult.SKIP_SUBTREE;
            }
            if (insideRoot(dir)) {
              verified.add(dir);
            } else {
              problems.add(
                  CollectionProblem.note(
                      SourceLocation.file(rel),
                      OUTSIDE + "folder outside the scanned tree; not followed"));
              return FileVisitResult.SKIP_SUBTREE;
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            String rel = relative(realRoot, file);
            FileKind kind = FileKind.of(rel);
            if (kind == FileKind.OTHER) {
              return FileVisitResult.CONTINUE;
            }
            if (kind != FileKind.CONFIG && matches(ignored, realRoot.relativize(file))) {
              ignoredByConfig[0]++;
              return FileVisitResult.CONTINUE;
            }
            if (attrs.isSymbolicLink()) {
              problems.add(
                  CollectionProblem.skipped(
                      SourceLocation.file(rel), "broken symlink (its target does not exist)"));
              return FileVisitResult.CONTINUE;
            }
            if (!attrs.isRegularFile()) {
              // Reading a pipe would block, a device never end.
              problems.add(
                  CollectionProblem.note(
                      SourceLocation.file(rel),
                      NOT_A_FILE + " (a pipe, socket or device); not read"));
              return FileVisitResult.CONTINUE;
            }
            if (!insideRoot(file)) {
              problems.add(
                  CollectionProblem.note(
                      SourceLocation.file(rel),
                      OUTSIDE + "file outside the scanned tree; not followed"));
              return FileVisitResult.CONTINUE;
            }
            files.add(new SourceFile(file, rel, kind, attrs.size(), modifiedNanos(attrs)));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            String rel = relative(realRoot, file);
            if (e instanceof FileSystemLoopException) {
              // Nothing is lost: the folder it leads to is scanned where it really is.
              problems.add(
                  CollectionProblem.note(
                      SourceLocation.file(rel),
                      "symlink loop: it leads back to a folder above it; not followed"));
              return FileVisitResult.CONTINUE;
            }
            String why =
                switch (e) {
                  case AccessDeniedException denied -> "cannot read: permission denied";
                  case NoSuchFileException gone -> "vanished while scanning";
                  default -> "cannot read: " + e.getMessage();
                };
            problems.add(CollectionProblem.skipped(SourceLocation.file(rel), why));
            return FileVisitResult.CONTINUE;
          }

          /**
           * A folder whose listing failed part-way (a process of /proc that ended while it was
           * listed): what was listed is kept, the rest of the folder is skipped, the walk goes on.
           */
          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) {
            if (e != null) {
              problems.add(
                  CollectionProblem.skipped(
                      SourceLocation.file(relative(realRoot, dir)),
                      "cannot read the whole folder (its listing failed part-way: "
                          + e.getMessage()
                          + "); the rest of it was skipped"));
            }
            return FileVisitResult.CONTINUE;
          }

          /**
           * Whether {@code p} resolves inside the tree. A path that is not itself a symlink, in a
           * folder already found inside, is inside: only symlinks need the (costly) real path.
           */
          private boolean insideRoot(Path p) {
            Path parent = p.getParent();
            if (parent != null && verified.contains(parent) && !Files.isSymbolicLink(p)) {
              return true;
            }
            try {
              return p.toRealPath().startsWith(realRoot);
            } catch (IOException e) {
              return false;
            }
          }
        });
    files.sort(java.util.Comparator.comparing(SourceFile::path));
    return new Walk(files, problems, ignoredByConfig[0]);
  }

  /**
   * Matched as the walk's own relative path: rebuilding it from its string fails for a non-ASCII
   * name when the locale's file-name encoding is not UTF-8 (LANG unset, as in many containers).
   */
  private static boolean matches(List<PathMatcher> globs, Path relative) {
    return globs.stream().anyMatch(m -> m.matches(relative));
  }

  static String relative(Path root, Path p) {
    String rel = root.relativize(p).toString().replace('\\', '/');
    return rel.isEmpty() ? p.getFileName().toString() : rel;
  }

  private static long modifiedNanos(BasicFileAttributes attrs) {
    return attrs.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS);
  }
}
