package dev.rootcause.rules.docker;

import dev.rootcause.model.Confidence;
import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.docker.ContainerPaths;
import dev.rootcause.model.docker.Dockerfile;
import dev.rootcause.model.docker.PathEntry;
import dev.rootcause.model.docker.Stage;
import dev.rootcause.model.docker.StageContents;
import dev.rootcause.rules.DockerfileRule;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Seed 001: the final stage copied /go/src/app/main; the builder wrote its binary elsewhere. */
@RuleSpec(
    id = "docker/copy-from-missing-path",
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "COPY --from names a path the source stage never creates",
    symptom =
        "docker build fails with \"failed to compute cache key: ... not found\"; the fix"
            + " never ships and the old image keeps running",
    fix =
        "Copy the path the source stage writes (its go build -o, its COPY destinations), or build"
            + " to the path you copy.")
public final class CopyFromMissingPath implements DockerfileRule {

  @Override
  public void check(Dockerfile dockerfile, RuleContext ctx) {
    Map<Integer, StageContents> filesByStage = new HashMap<>();
    for (Stage stage : dockerfile.stages()) {
      for (Stage.Copy copy : stage.copies()) {
        if (copy.from() == null) {
          continue;
        }
        Optional<Stage> source =
            dockerfile.stage(copy.from()).filter(s -> s.index() < stage.index());
        if (source.isEmpty()) {
          continue; // an image: its contents are not ours to know
        }
        StageContents files =
            filesByStage.computeIfAbsent(
                source.get().index(), i -> dockerfile.contents(source.get()));
        boolean buildUsed = copiesABuildOutput(dockerfile, source.get(), files);
        for (String src : copy.sources()) {
          check(copy, src, source.get(), files, buildUsed, ctx);
        }
      }
    }
  }

  /**
   * Whether some COPY --from takes what {@code source} compiles. If so, other paths copied from its
   * build context folder are most likely repository folders ({@code templates/}), not a misnamed
   * binary.
   */
  private static boolean copiesABuildOutput(
      Dockerfile dockerfile, Stage source, StageContents files) {
    for (Stage stage : dockerfile.stages()) {
      for (Stage.Copy copy : stage.copies()) {
        boolean fromSource =
            copy.from() != null
                && dockerfile
                    .stage(copy.from())
                    .filter(s -> s.index() == source.index())
                    .isPresent();
        if (!fromSource) {
          continue;
        }
        for (String src : copy.sources()) {
          String path = ContainerPaths.resolve("/", src);
          if (path != null
              && files.built().stream().anyMatch(b -> ContainerPaths.within(b.path(), path))) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static void check(
      Stage.Copy copy,
      String src,
      Stage source,
      StageContents files,
      boolean buildUsed,
      RuleContext ctx) {
    String path = ContainerPaths.resolve("/", src);
    if (path == null
        || src.contains("*")
        || src.contains("?")
        || src.contains("[")
        || !files.knowable()
        || files.baseMayHave(path)) {
      return;
    }
    List<PathEntry> providers = files.providers(path);
    boolean onlyContext =
        !providers.isEmpty()
            && providers.stream().allMatch(e -> e.kind() == PathEntry.Kind.CONTEXT);
    List<PathEntry> built = files.built();
    if (!providers.isEmpty() && !onlyContext) {
      return;
    }
    String name = ContainerPaths.fileName(path);
    if (onlyContext && (name.contains(".") || built.isEmpty() || buildUsed)) {
      return; // a file or folder of the repository, most likely
    }
    String stageName = source.name() == null ? "stage " + source.index() : "stage " + source.name();
    String made;
    if (!built.isEmpty()) {
      made =
          "it builds "
              + built.stream().map(CopyFromMissingPath::describe).collect(Collectors.joining(", "));
    } else if (files.entries().isEmpty()) {
      made = "it adds nothing to its base image";
    } else {
      made =
          "it only creates "
              + files.entries().stream()
                  .limit(3)
                  .map(CopyFromMissingPath::describe)
                  .collect(Collectors.joining(", "));
    }
    String message =
        "COPY --from="
            + copy.from()
            + " "
            + src
            + ": "
            + stageName
            + " never creates "
            + path
            + "; "
            + made;
    if (onlyContext) {
      PathEntry context = providers.get(0);
      String relative = path.substring(context.path().length());
      relative = relative.startsWith("/") ? relative.substring(1) : relative;
      message += " (unless " + relative + " is committed to the build context)";
    }
    var finding =
        ctx.report(copy.location(), message)
            .confidence(onlyContext ? Confidence.LIKELY : Confidence.CERTAIN)
            .related(source.location(), stageName + " (FROM " + source.baseImage() + ")");
    built.forEach(b -> finding.related(b.location(), b.how()));
    if (built.size() == 1) {
      String target = built.get(0).path();
      finding.fix(
          "Copy what "
              + stageName
              + " builds: COPY --from="
              + copy.from()
              + " "
              + target
              + " "
              + copy.destination()
              + " (or build it with -o "
              + path
              + ").");
    }
  }

  private static String describe(PathEntry e) {
    return e.path() + " (line " + e.location().line() + ")";
  }
}
