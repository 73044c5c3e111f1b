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
import java.util.Map;

/** Packages installed by one Python are copied into an image that runs another. */
@RuleSpec(
    id = "docker/python-version-mismatch",
    severity = Severity.CRITICAL,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Packages built for one Python version are copied into a stage that runs another",
    symptom =
        "container exits at once with ModuleNotFoundError (site-packages of another"
            + " version), or exec /opt/venv/bin/python: no such file or directory (the venv's"
            + " interpreter is missing); CrashLoopBackOff",
    fix =
        "Use the same python:X.Y tag for the stage that installs the packages and the stage"
            + " that runs them.")
public final class PythonVersionMismatch implements DockerfileRule {

  @Override
  public void check(Dockerfile dockerfile, RuleContext ctx) {
    Stage last = dockerfile.finalStage().orElse(null);
    String runs = last == null ? null : dockerfile.baseImage(last).pythonVersion();
    if (runs == null || !PythonInstalls.started(dockerfile, last)) {
      return;
    }
    for (Stage s : dockerfile.lineage(last)) {
      for (Stage.Copy copy : s.copies()) {
        Stage build = copy.from() == null ? null : dockerfile.stage(copy.from()).orElse(null);
        String built = build == null ? null : dockerfile.baseImage(build).pythonVersion();
        if (built == null || built.equals(runs)) {
          continue;
        }
        for (Map.Entry<PackageInstall, String> e :
            PythonInstalls.targets(dockerfile, build).entrySet()) {
          if (e.getValue() != null && carries(copy, e.getValue())) {
            report(dockerfile, last, copy, build, built, runs, e.getKey(), e.getValue(), ctx);
            return;
          }
        }
      }
    }
  }

  private static boolean carries(Stage.Copy copy, String packages) {
    return copy.sources().stream()
        .map(src -> ContainerPaths.resolve("/", src))
        .anyMatch(
            p ->
                p != null
                    && (ContainerPaths.within(packages, p) || ContainerPaths.within(p, packages)));
  }

  private static void report(
      Dockerfile dockerfile,
      Stage last,
      Stage.Copy copy,
      Stage build,
      String built,
      String runs,
      PackageInstall install,
      String packages,
      RuleContext ctx) {
    String buildImage = dockerfile.lineage(build).get(0).baseImage();
    String runImage = dockerfile.lineage(last).get(0).baseImage();
    ctx.report(
            copy.location(),
            "copies "
                + packages
                + ", installed by Python "
                + built
                + " (FROM "
                + buildImage
                + "), into a final stage that runs Python "
                + runs
                + " (FROM "
                + runImage
                + ")")
        .related(install.location(), install.command() + " runs on Python " + built)
        .fix(
            "Build FROM the same Python as the final stage (python:"
                + runs
                + " for the "
                + "builder), or run FROM python:"
                + built
                + ".");
  }
}
