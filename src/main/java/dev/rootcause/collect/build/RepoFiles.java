package dev.rootcause.collect.build;

import dev.rootcause.collect.Facts;
import dev.rootcause.collect.SourceFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/** Questions about the scanned tree that build files raise: does this Dockerfile exist? */
final class RepoFiles {
  /** Words a text must contain to be worth parsing for image facts at all. */
  private static final List<String> IMAGE_TOOLS =
      List.of(
          "docker", "podman", "buildah", "nerdctl", "k3d", "kind", "minikube", "skopeo", "kaniko");

  private RepoFiles() {}

  /**
   * Whether a path relative to the scan root of {@code file} exists (file or folder); each answer
   * becomes part of the cache key of {@code facts}, so a Dockerfile added or removed later is seen.
   */
  static Predicate<String> exists(SourceFile file, Facts facts) {
    Path root = rootOf(file);
    return rel -> {
      if (root == null || rel == null) {
        return false;
      }
      Path p = rel.isEmpty() ? root : root.resolve(rel).normalize();
      return p.startsWith(root) && facts.exists(p);
    };
  }

  /** The scan root: the file's absolute path less as many folders as its relative path has. */
  static Path rootOf(SourceFile file) {
    Path p = file.absolute();
    for (int i = file.path().split("/").length; i > 0 && p != null; i--) {
      p = p.getParent();
    }
    return p;
  }

  static boolean mentionsImageTool(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    return IMAGE_TOOLS.stream().anyMatch(lower::contains);
  }
}
