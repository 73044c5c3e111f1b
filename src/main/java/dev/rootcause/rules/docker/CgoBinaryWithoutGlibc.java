package dev.rootcause.rules.docker;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.docker.BaseImage;
import dev.rootcause.model.docker.ContainerPaths;
import dev.rootcause.model.docker.Dockerfile;
import dev.rootcause.model.docker.PathEntry;
import dev.rootcause.model.docker.ShellCommand;
import dev.rootcause.model.docker.Stage;
import dev.rootcause.rules.DockerfileRule;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import java.util.List;

/** A Go binary linked against glibc in a golang builder, started on alpine, scratch or static. */
@RuleSpec(
    id = "docker/cgo-binary-without-glibc",
    severity = Severity.CRITICAL,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Go binary built with cgo on a glibc builder runs on an image without glibc",
    symptom =
        "container exits at once with exec /app/server: no such file or directory (the"
            + " glibc loader is missing, not the binary); CrashLoopBackOff",
    fix =
        "Build a static binary with CGO_ENABLED=0 go build, or build on golang:<version>-alpine"
            + " for an alpine runtime.")
public final class CgoBinaryWithoutGlibc implements DockerfileRule {

  @Override
  public void check(Dockerfile dockerfile, RuleContext ctx) {
    dockerfile.finalStage().ifPresent(last -> checkRuntime(dockerfile, last, ctx));
  }

  private static void checkRuntime(Dockerfile dockerfile, Stage last, RuleContext ctx) {
    BaseImage runtime = dockerfile.baseImage(last);
    if (!runtime.lacksGlibc()) {
      return;
    }
    for (Stage.Copy copy :
        dockerfile.lineage(last).stream().flatMap(s -> s.copies().stream()).toList()) {
      Stage builder = copy.from() == null ? null : dockerfile.stage(copy.from()).orElse(null);
      if (builder == null
          || !glibcGo(dockerfile.baseImage(builder))
          || cgoOff(dockerfile, builder)) {
        continue;
      }
      for (Stage.Run run :
          dockerfile.lineage(builder).stream().flatMap(s -> s.runs().stream()).toList()) {
        PathEntry built = copied(run, copy);
        ShellCommand build = built == null ? null : command(run, built);
        if (build != null && !linkedStatically(run, build)) {
          report(dockerfile, last, copy, builder, built, ctx);
          return;
        }
      }
    }
  }

  private static void report(
      Dockerfile dockerfile,
      Stage last,
      Stage.Copy copy,
      Stage builder,
      PathEntry built,
      RuleContext ctx) {
    String from = dockerfile.lineage(builder).get(0).baseImage();
    ctx.report(
            copy.location(),
            "go build at line "
                + built.location().line()
                + " runs on "
                + from
                + " with cgo on"
                + " (CGO_ENABLED is not 0), so the binary needs glibc's loader, and the final stage"
                + " FROM "
                + dockerfile.lineage(last).get(0).baseImage()
                + " has no glibc")
        .related(built.location(), built.how() + " links against glibc")
        .symptom(
            "container exits at once with exec "
                + startedAs(copy, built)
                + ": no such file or"
                + " directory (the glibc loader is missing, not the binary); CrashLoopBackOff")
        .fix(
            "Build with CGO_ENABLED=0 at line "
                + built.location().line()
                + " (RUN CGO_ENABLED=0 go build ...), or build FROM an -alpine golang image.");
  }

  /** Where the copy puts the binary in the final stage, as the kernel will name it. */
  private static String startedAs(Stage.Copy copy, PathEntry built) {
    String dest = copy.destinationPath();
    if (dest == null) {
      return built.path();
    }
    return copy.intoDirectory()
        ? ContainerPaths.resolve(dest, ContainerPaths.fileName(built.path()))
        : dest;
  }

  /** The official golang image on Debian: its go links against glibc when cgo is on. */
  private static boolean glibcGo(BaseImage base) {
    return base.is("golang") && (base.tag() == null || !base.tag().contains("alpine"));
  }

  private static boolean cgoOff(Dockerfile dockerfile, Stage builder) {
    return "0".equals(builder.env().get("CGO_ENABLED"))
        || dockerfile.lineage(builder).stream()
            .flatMap(s -> s.instructions().stream())
            .anyMatch(
                i -> i.keyword().equals("ARG") && i.arguments().strip().equals("CGO_ENABLED=0"));
  }

  /** The go build output of {@code run} that {@code copy} takes, or null. */
  private static PathEntry copied(Stage.Run run, Stage.Copy copy) {
    for (PathEntry e : run.shell().paths()) {
      if (!e.how().startsWith("go build")) {
        continue;
      }
      for (String source : copy.sources()) {
        String p = ContainerPaths.resolve("/", source);
        if (p != null
            && (ContainerPaths.within(e.path(), p)
                || e.kind() == PathEntry.Kind.FOLDER && ContainerPaths.within(p, e.path()))) {
          return e;
        }
      }
    }
    return null;
  }

  private static ShellCommand command(Stage.Run run, PathEntry built) {
    return run.shell().commands().stream()
        .filter(c -> c.location().line() == built.location().line() && c.program().equals("go"))
        .findFirst()
        .orElse(null);
  }

  /** Whether cgo is off for this build, or the link is static anyway. */
  private static boolean linkedStatically(Stage.Run run, ShellCommand build) {
    if ("0".equals(run.shell().assigned().get("CGO_ENABLED"))) {
      return true;
    }
    List<String> words = build.words();
    return words.stream().anyMatch(w -> w.contains("-static") || w.contains("netgo"));
  }
}
