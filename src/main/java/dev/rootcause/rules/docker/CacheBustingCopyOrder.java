package dev.rootcause.rules.docker;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.docker.ContainerPaths;
import dev.rootcause.model.docker.Dockerfile;
import dev.rootcause.model.docker.PackageInstall;
import dev.rootcause.model.docker.Stage;
import dev.rootcause.rules.DockerfileRule;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Seed 001: the Go image copied its whole source before downloading modules. */
@RuleSpec(
    id = "docker/cache-busting-copy-order",
    severity = Severity.LOW,
    kind = FindingKind.HARDENING,
    summary = "Whole build context is copied before the dependencies are installed",
    symptom =
        "every code change re-downloads and reinstalls all dependencies: slow builds and"
            + " rollbacks, and failed builds whenever the package registry is down",
    fix = "Copy only the dependency manifests, install, and copy the rest of the source after.")
public final class CacheBustingCopyOrder implements DockerfileRule {
  private static final Set<String> WHOLE_CONTEXT = Set.of(".", "./", "./.", "*");

  @Override
  public void check(Dockerfile dockerfile, RuleContext ctx) {
    for (Stage stage : dockerfile.stages()) {
      Stage.Copy whole =
          stage.copies().stream()
              .filter(
                  c -> c.from() == null && c.sources().stream().anyMatch(WHOLE_CONTEXT::contains))
              .findFirst()
              .orElse(null);
      if (whole == null) {
        codeFolderBeforeInstall(stage, ctx);
        continue;
      }
      if (installsBefore(stage, whole)) {
        continue; // dependencies already cached above; a later install only prunes or adds
      }
      for (Stage.Run run : stage.runs()) {
        if (run.location().line() <= whole.location().line() || usesCacheMount(stage, run)) {
          continue;
        }
        PackageInstall install = dependencyInstall(run);
        if (install != null) {
          report(stage, whole, run, install, ctx);
          break;
        }
      }
    }
  }

  /**
   * {@code COPY app .} then {@code pip install -r requirements.txt}: a folder of code that holds
   * the manifest is copied before the install, and the manifest is never copied on its own first.
   */
  private static void codeFolderBeforeInstall(Stage stage, RuleContext ctx) {
    for (Stage.Run run : stage.runs()) {
      PackageInstall install = usesCacheMount(stage, run) ? null : dependencyInstall(run);
      if (install == null) {
        continue;
      }
      for (String manifest : install.manifests()) {
        String path = ContainerPaths.resolve(run.workdir(), manifest);
        Stage.Copy folder =
            path == null
                ? null
                : stage.copies().stream()
                    .filter(c -> c.from() == null && c.location().line() < run.location().line())
                    .filter(c -> c.sources().size() == 1 && isFolder(c.sources().get(0)))
                    .filter(
                        c ->
                            c.destinationPath() != null
                                && !path.equals(c.destinationPath())
                                && ContainerPaths.within(path, c.destinationPath()))
                    .reduce((a, b) -> b)
                    .orElse(null);
        if (folder != null
            && !installsBefore(stage, folder)
            && stage.copies().stream()
                .noneMatch(
                    c ->
                        c.location().line() < folder.location().line() && c.copiesFile(manifest))) {
          reportFolder(folder, path, run, install, ctx);
          return;
        }
      }
      return; // the first install decides: later ones reuse its layer or add to it
    }
  }

  private static void reportFolder(
      Stage.Copy folder, String manifest, Stage.Run run, PackageInstall install, RuleContext ctx) {
    String source = folder.sources().get(0);
    String copyText = folder.keyword() + " " + source + " " + folder.destination();
    String inContext =
        ContainerPaths.resolve("/", source).substring(1)
            + "/"
            + manifest.substring(folder.destinationPath().length() + 1);
    ctx.report(
            folder.location(),
            copyText
                + " copies "
                + ContainerPaths.fileName(manifest)
                + " together with the code"
                + " before "
                + install.command()
                + " (line "
                + run.location().line()
                + "): any source change re-runs the dependency install")
        .related(run.location(), install.command())
        .fix(
            "Copy the manifest first (COPY "
                + inContext
                + " "
                + ContainerPaths.parent(manifest)
                + "/), run "
                + install.command()
                + ", and only then "
                + copyText
                + ".");
  }

  /** A source naming a folder of the build context: no extension, no pattern, no variable. */
  private static boolean isFolder(String source) {
    String name = ContainerPaths.fileName(source);
    return !WHOLE_CONTEXT.contains(source)
        && !name.isEmpty()
        && !name.contains(".")
        && !name.contains("*")
        && !name.contains("?")
        && !source.contains("$")
        && !source.startsWith("<<");
  }

  private static void report(
      Stage stage, Stage.Copy whole, Stage.Run run, PackageInstall install, RuleContext ctx) {
    String copyText =
        whole.keyword() + " " + String.join(" ", whole.sources()) + " " + whole.destination();
    Stage.Copy manifestsFirst =
        stage.copies().stream()
            .filter(c -> c.from() == null && c.location().line() < whole.location().line())
            .filter(c -> install.manifests().stream().anyMatch(c::copiesFile))
            .findFirst()
            .orElse(null);
    var finding =
        ctx.report(
                whole.location(),
                copyText
                    + " copies the whole build context before "
                    + install.command()
                    + " (line "
                    + run.location().line()
                    + "): any source change re-runs the dependency install")
            .related(run.location(), install.command());
    if (manifestsFirst != null) {
      finding.related(manifestsFirst.location(), "the manifests are already copied here");
      finding.fix(
          "Move the RUN at line "
              + run.location().line()
              + " above "
              + copyText
              + ": the manifests it needs are copied at line "
              + manifestsFirst.location().line()
              + ".");
    } else {
      finding.fix(
          "Copy the manifests first ("
              + manifestCopy(install, whole, run)
              + "), run "
              + install.command()
              + ", and only then "
              + copyText
              + ".");
    }
  }

  /**
   * The COPY that brings just the manifests, to the place the install expects them: {@code COPY
   * package.json package-lock.json ./}, {@code COPY requirements.txt /app/}.
   */
  private static String manifestCopy(PackageInstall install, Stage.Copy whole, Stage.Run run) {
    String dest = whole.destinationPath();
    List<String> sources = new ArrayList<>();
    String targetDir = null;
    for (String manifest : install.manifests()) {
      String abs = ContainerPaths.resolve(run.workdir(), manifest);
      String inContext = manifest;
      if (abs != null && dest != null && !abs.equals(dest) && ContainerPaths.within(abs, dest)) {
        inContext = dest.equals("/") ? abs.substring(1) : abs.substring(dest.length() + 1);
      }
      String dir =
          inContext.contains("/") ? ContainerPaths.parent("/" + inContext).substring(1) : "";
      targetDir = targetDir == null ? dir : targetDir;
      sources.add(inContext);
    }
    String to = whole.destination().equals(".") ? "./" : whole.destination();
    if (!to.endsWith("/")) {
      to += "/";
    }
    if (targetDir != null && !targetDir.isEmpty()) {
      to += targetDir + "/";
    }
    return "COPY " + String.join(" ", sources) + " " + to;
  }

  private static boolean installsBefore(Stage stage, Stage.Copy whole) {
    return stage.runs().stream()
        .filter(r -> r.location().line() < whole.location().line())
        .anyMatch(r -> dependencyInstall(r) != null);
  }

  /** The first install of a project's dependencies from its manifests in the RUN, or null. */
  private static PackageInstall dependencyInstall(Stage.Run run) {
    return run.shell().installs().stream()
        .filter(PackageInstall::fromManifests)
        .findFirst()
        .orElse(null);
  }

  private static boolean usesCacheMount(Stage stage, Stage.Run run) {
    // a cache mount keeps downloads across builds: reordering would gain little
    return stage.instructions().stream()
        .anyMatch(i -> i.location().equals(run.location()) && i.arguments().contains("type=cache"));
  }
}
