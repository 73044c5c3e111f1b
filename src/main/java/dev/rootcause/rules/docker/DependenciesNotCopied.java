package dev.rootcause.rules.docker;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.docker.ContainerPaths;
import dev.rootcause.model.docker.Dockerfile;
import dev.rootcause.model.docker.PackageInstall;
import dev.rootcause.model.docker.PythonInstalls;
import dev.rootcause.model.docker.Stage;
import dev.rootcause.rules.DockerfileRule;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import java.util.List;
import java.util.Set;

/** A build stage installs the dependencies; the runtime stage copies the code but not them. */
@RuleSpec(
    id = "docker/dependencies-not-copied",
    severity = Severity.CRITICAL,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Dependencies are installed in a build stage but never copied to the runtime stage",
    symptom =
        "container exits at once with Error: Cannot find module 'express' (Node) or"
            + " ModuleNotFoundError: No module named 'flask' (Python); CrashLoopBackOff",
    fix =
        "Copy the installed dependencies into the final stage (COPY --from=build"
            + " /app/node_modules ./node_modules, or the virtualenv), or install them there.")
public final class DependenciesNotCopied implements DockerfileRule {
  private static final Set<String> NODE_MANAGERS = Set.of("npm", "yarn", "pnpm");
  private static final Set<String> NODE_RUNNERS = Set.of("node", "nodejs", "npm", "yarn", "pnpm");

  /** Tools that bundle the dependencies into their output: none are needed beside it. */
  private static final Set<String> BUNDLERS =
      Set.of("esbuild", "ncc", "webpack", "rollup", "bun", "pkg", "nexe", "pyinstaller");

  @Override
  public void check(Dockerfile dockerfile, RuleContext ctx) {
    dockerfile.finalStage().ifPresent(last -> checkRuntime(dockerfile, last, ctx));
  }

  private static void checkRuntime(Dockerfile dockerfile, Stage last, RuleContext ctx) {
    List<Stage> lineage = dockerfile.lineage(last);
    for (Stage build : dockerfile.stages()) {
      if (lineage.contains(build) || bundles(dockerfile, build)) {
        continue;
      }
      for (Stage.Run run : build.runs()) {
        for (PackageInstall install : run.shell().installs()) {
          Dependencies deps = Dependencies.of(dockerfile, build, run, install);
          if (deps != null && runs(last, deps.node()) && !installedIn(lineage, deps.node())) {
            if (check(dockerfile, lineage, last, build, install, deps, ctx)) {
              return;
            }
          }
        }
      }
    }
  }

  /** Whether the runtime takes anything from {@code build}: then this install decides. */
  private static boolean check(
      Dockerfile dockerfile,
      List<Stage> lineage,
      Stage last,
      Stage build,
      PackageInstall install,
      Dependencies deps,
      RuleContext ctx) {
    List<Stage.Copy> fromBuild =
        lineage.stream()
            .flatMap(s -> s.copies().stream())
            .filter(c -> c.from() != null && dockerfile.stage(c.from()).orElse(null) == build)
            .toList();
    if (fromBuild.isEmpty()) {
      return false; // the runtime does not take this stage's output: look at the next
    }
    for (Stage.Copy copy : fromBuild) {
      for (String source : copy.sources()) {
        String path = ContainerPaths.resolve("/", source);
        if (path == null
            || ContainerPaths.within(deps.path(), path)
            || ContainerPaths.within(path, deps.path())
            || ContainerPaths.fileName(path).equals("standalone")) {
          return true; // Next.js standalone output carries the node_modules it needs
        }
      }
    }
    Stage.Copy copy = fromBuild.get(fromBuild.size() - 1);
    String stageName = build.name() != null ? build.name() : String.valueOf(build.index());
    String target =
        deps.node()
            ? last.workdir() != null
                ? ContainerPaths.resolve(last.workdir(), "node_modules")
                : deps.path()
            : PythonInstalls.runtimeFolder(deps.run(), install, deps.path());
    ctx.report(
            copy.location(),
            "the final stage copies "
                + String.join(", ", copy.sources())
                + " from stage "
                + stageName
                + ", but not "
                + deps.path()
                + ", where "
                + install.command()
                + " (line "
                + install.location().line()
                + ") installed the dependencies")
        .related(install.location(), install.command() + " installs into " + deps.path())
        .symptom(
            deps.node()
                ? "container exits at once with Error: Cannot find module '<package>' (the first"
                    + " require of a dependency); CrashLoopBackOff"
                : "container exits at once with ModuleNotFoundError: No module named '<package>';"
                    + " CrashLoopBackOff")
        .fix(
            "Add COPY --from="
                + stageName
                + " "
                + deps.path()
                + " "
                + target
                + " to the final stage.");
    return true;
  }

  private static boolean bundles(Dockerfile dockerfile, Stage build) {
    return dockerfile.lineage(build).stream()
        .flatMap(s -> s.runs().stream())
        .flatMap(r -> r.shell().commands().stream())
        .anyMatch(
            c ->
                c.words().stream()
                    .limit(3)
                    .map(ContainerPaths::fileName)
                    .anyMatch(BUNDLERS::contains)); // npx esbuild, npx @vercel/ncc build
  }

  /** Whether the final stage starts the runtime the dependencies are for. */
  private static boolean runs(Stage last, boolean node) {
    Set<String> runners = node ? NODE_RUNNERS : PythonInstalls.RUNNERS;
    return last.entrypoint() != null && last.entrypoint().runsAnyOf(runners)
        || last.entrypoint() == null && last.cmd() != null && last.cmd().runsAnyOf(runners);
  }

  private static boolean installedIn(List<Stage> lineage, boolean node) {
    return lineage.stream()
        .flatMap(s -> s.runs().stream())
        .flatMap(r -> r.shell().installs().stream())
        .anyMatch(i -> node == NODE_MANAGERS.contains(i.manager()));
  }

  /** Where an install put the dependencies, and for which runtime. */
  private record Dependencies(String path, boolean node, Stage.Run run) {
    static Dependencies of(
        Dockerfile dockerfile, Stage build, Stage.Run run, PackageInstall install) {
      if (NODE_MANAGERS.contains(install.manager())) {
        String dir = install.fromManifests() ? run.workdir() : null;
        return dir == null
            ? null
            : new Dependencies(ContainerPaths.resolve(dir, "node_modules"), true, run);
      }
      if (!install.manager().equals("pip")) {
        return null; // poetry and pipenv pick their own virtualenv folder
      }
      String path = PythonInstalls.target(dockerfile, build, run, install);
      return path == null ? null : new Dependencies(path, false, run);
    }
  }
}
