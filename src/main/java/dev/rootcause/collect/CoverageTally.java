package dev.rootcause.collect;

import dev.rootcause.model.CollectionProblem;
import dev.rootcause.model.Coverage;
import dev.rootcause.model.Coverage.Reason;
import dev.rootcause.model.SystemModel;
import dev.rootcause.model.docker.Dockerfile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Counts what a scan read, from the walk and each file's facts (cached or fresh alike, so a warm
 * scan says what a cold one says): a file is not read when a problem skipped it, when it is an
 * unrendered Helm template or an unbuilt kustomize overlay or patch, or when it is source code the
 * code reader did not parse.
 */
final class CoverageTally {
  private static final Set<FileKind> SOURCE_KINDS =
      Set.of(FileKind.PYTHON, FileKind.GO, FileKind.JAVASCRIPT, FileKind.TYPESCRIPT, FileKind.JAVA);

  private CoverageTally() {}

  static Coverage of(
      RepoWalker.Walk walk, List<SourceFile> files, Facts[] perFile, SystemModel model) {
    Set<String> manifests = new HashSet<>();
    model.objects().forEach(o -> manifests.add(o.location().path()));
    Set<String> dockerfiles = new HashSet<>();
    model.dockerfiles().stream().map(Dockerfile::path).forEach(dockerfiles::add);
    List<Coverage.Unread> notRead = new ArrayList<>();
    int manifestCount = 0;
    int dockerfileCount = 0;
    int sourceCount = 0;
    int other = 0;
    for (int i = 0; i < files.size(); i++) {
      SourceFile file = files.get(i);
      Coverage.Unread unread = unread(file, perFile[i].problems());
      if (unread != null) {
        notRead.add(unread);
      } else if (manifests.contains(file.path())) {
        manifestCount++;
      } else if (dockerfiles.contains(file.path()) || file.kind() == FileKind.DOCKERFILE) {
        dockerfileCount++;
      } else if (SOURCE_KINDS.contains(file.kind())) {
        sourceCount++;
      } else {
        other++;
      }
    }
    for (CollectionProblem p : walk.problems()) {
      Reason reason = walkReason(p);
      if (reason != null) {
        notRead.add(new Coverage.Unread(p.location().path(), reason, p.message()));
      }
    }
    notRead.sort(Comparator.comparing(Coverage.Unread::path));
    return new Coverage(
        files.size(),
        manifestCount,
        dockerfileCount,
        sourceCount,
        other,
        notRead,
        walk.ignoredByConfig(),
        true);
  }

  /** Why one file was not read, from the problems met reading it; null when it was read. */
  private static Coverage.Unread unread(SourceFile file, List<CollectionProblem> problems) {
    for (CollectionProblem p : problems) {
      if (!p.location().path().equals(file.path())) {
        continue;
      }
      String m = p.message();
      if (p.kind() == CollectionProblem.Kind.SKIPPED) {
        return new Coverage.Unread(file.path(), skippedReason(m), p.display());
      }
      if (m.startsWith(Collector.HELM_TEMPLATE_NOTE)) {
        return new Coverage.Unread(file.path(), Reason.HELM_TEMPLATE, p.display());
      }
      if (m.startsWith(Collector.KUSTOMIZE_NOTE)) {
        return new Coverage.Unread(file.path(), Reason.KUSTOMIZE, p.display());
      }
      // The code reader says so in a file-level note when it passes a source file over.
      if (SOURCE_KINDS.contains(file.kind())
          && p.location().line() == 0
          && (m.contains("not parsed")
              || m.contains("could not be parsed")
              || m.contains("not read"))) {
        return new Coverage.Unread(file.path(), Reason.NOT_PARSED, p.display());
      }
    }
    return null;
  }

  private static Reason skippedReason(String message) {
    if (message.startsWith(TextFiles.TOO_LARGE) || message.startsWith(TextFiles.NO_MEMORY)) {
      return Reason.TOO_LARGE;
    }
    if (message.startsWith(TextFiles.BINARY) || message.startsWith(TextFiles.NOT_UTF8)) {
      return Reason.NOT_TEXT;
    }
    if (message.startsWith(TextFiles.CANNOT_READ)
        || message.startsWith(TextFiles.VANISHED)
        || message.startsWith(TextFiles.GREW)) {
      return Reason.UNREADABLE;
    }
    return Reason.MALFORMED;
  }

  /** What the walk passed over without reading; null for what costs nothing (a symlink loop). */
  private static Reason walkReason(CollectionProblem p) {
    String m = p.message();
    if (p.kind() == CollectionProblem.Kind.SKIPPED) {
      return Reason.UNREADABLE;
    }
    if (m.startsWith(RepoWalker.OUTSIDE)) {
      return Reason.OUTSIDE_TREE;
    }
    if (m.startsWith(RepoWalker.NOT_A_FILE)) {
      return Reason.NOT_A_FILE;
    }
    return null;
  }
}
