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
    symptom = "every code change re-downloads and reinstalls all dependencies: slow builds and"
        + " rollbacks, and failed builds whenever the package registry is down",
    fix = "Copy only the dependency manifests, install, and copy the rest of the source after.")
public final class CacheBustingCopyOrder implements DockerfileRule {
  private static final Set<String> WHOLE_CONTEXT = Set.of(".", "./", "./.", "*");

  @Override
  public void check(Dockerfile dockerfile, RuleContext ctx) {
    for (Stage stage : dockerfile.stages()) {
      Stage.Copy whole = stage.copies().stream()
          .filter(c -> c.from() == null && c.sources().stream().anyMatch(WHOLE_CONTEXT::contains))
          .findFirst().orElse(null);
      if (whole == null || installsBefore(stage, whole)) {
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

  private static void report(
      Stage stage, Stage.Copy whole, Stage.Run run, PackageInstall install, RuleContext ctx) {
    String copyText = whole.keyword() + " " + String.join(" ", whole.sources()) + " "
        + whole.destination();
    Stage.Copy manifestsFirst = stage.copies().stream()
        .filter(c -> c.from() == null && c.location().line() < whole.location().line())
        .filter(c -> install.manifests().stream().anyMatch(c::copiesFile))
        .findFirst().orElse(null);
    var finding = ctx.report(whole.location(),
        copyText + " copies the whole build context before " + install.command() + " (line "
            + run.location().line() + "): any source change re-runs the dependency install")
        .related(run.location(), install.command());
    if (manifestsFirst != null) {
      finding.related(manifestsFirst.location(), "the manifests are already copied here");
      finding.fix("Move the RUN at line " + run.location().line() + " above " + copyText
          + ": the manifests it needs are copied at line " + manifestsFirst.location().line()
          + ".");
    } else {
      finding.fix("Copy the manifests first (" + manifestCopy(install, whole, run) + "), run "
          + install.command() + ", and only then " + copyText + ".");
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
    return run.shell().installs().stream().filter(PackageInstall::fromManifests).findFirst()
        .orElse(null);
  }

  private static boolean usesCacheMount(Stage stage, Stage.Run run) {
    // a cache mount keeps downloads across builds: reordering would gain little
    return stage.instructions().stream()
        .anyMatch(i -> i.location().equals(run.location()) && i.arguments().contains("type=cache"));
  }
}
