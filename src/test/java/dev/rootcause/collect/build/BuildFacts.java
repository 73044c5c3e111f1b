package dev.rootcause.collect.build;

import dev.rootcause.collect.Collector;
import dev.rootcause.collect.TextFiles;
import dev.rootcause.model.build.ImageBuild;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Runs the build collectors over a tree and describes each image fact in one line. */
final class BuildFacts {
  private BuildFacts() {}

  static Collector.Collected collect(Path root) {
    Collector collector =
        new Collector(
            List.of(
                new ShellScriptCollector(),
                new MakefileCollector(),
                new JenkinsfileImageCollector()),
            List.of(new ComposeCollector(), new GitHubWorkflowCollector(), new GitLabCiCollector()),
            TextFiles.DEFAULT_MAX_BYTES);
    try {
      return collector.collect(root, List.of());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** "KIND raw path:line dockerfile context [target=x]", in model order. */
  static List<String> of(Path root) {
    return collect(root).model().imageBuilds().stream().map(BuildFacts::describe).toList();
  }

  static String describe(ImageBuild b) {
    return b.kind()
        + " "
        + b.image().raw()
        + " "
        + b.location().display()
        + (b.dockerfile() == null && b.context() == null
            ? ""
            : " "
                + b.dockerfile()
                + " "
                + (b.context() == null ? "?" : b.context().isEmpty() ? "." : b.context()))
        + (b.target() == null ? "" : " target=" + b.target());
  }

  /** Writes {@code path -> text} pairs under {@code root}. */
  static Path write(Path root, String... pathsAndTexts) {
    try {
      for (int i = 0; i < pathsAndTexts.length; i += 2) {
        Path p = root.resolve(pathsAndTexts[i]);
        Files.createDirectories(p.getParent());
        Files.writeString(p, pathsAndTexts[i + 1]);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return root;
  }
}
