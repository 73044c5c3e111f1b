package dev.rootcause.rules.docker;

import dev.rootcause.model.Severity;
import dev.rootcause.model.docker.ContainerPaths;
import dev.rootcause.model.docker.Dockerfile;
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
        DependencyInstall install = DependencyInstall.find(run.command());
        if (install != null) {
          report(stage, whole, run, install, ctx);
          break;
        }
      }
    }
  }

  private static void report(
      Stage stage, Stage.Copy whole, Stage.Run run, DependencyInstall install, RuleContext ctx) {
    String copyText = whole.keyword() + " " + String.join(" ", whole.sources()) + " "
        + whole.destination();
    Stage.Copy manifestsFirst = stage.copies().stream()
        .filter(c -> c.from() == null && c.location().line() < whole.location().line())
        .filter(c -> c.sources().stream().anyMatch(s -> install.manifests().stream()
            .anyMatch(m -> matches(s, m))))
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
  private static String manifestCopy(DependencyInstall install, Stage.Copy whole, Stage.Run run) {
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
        .anyMatch(r -> DependencyInstall.find(r.command()) != null);
  }

  private static boolean usesCacheMount(Stage stage, Stage.Run run) {
    // a cache mount keeps downloads across builds: reordering would gain little
    return stage.instructions().stream()
        .anyMatch(i -> i.location().equals(run.location()) && i.arguments().contains("type=cache"));
  }

  /** Whether a COPY source ({@code package*.json}, {@code ./go.mod}) copies this manifest. */
  private static boolean matches(String source, String manifest) {
    String name = ContainerPaths.fileName(source);
    String glob = name.replace(".", "\\.").replace("*", ".*").replace("?", ".");
    return manifest.equals(ContainerPaths.fileName(manifest)) && manifest.matches(glob)
        || source.endsWith(manifest);
  }

  /** A dependency install command and the manifests it reads. */
  private record DependencyInstall(String command, List<String> manifests) {

    static DependencyInstall find(String shell) {
      for (ShellCommands.Command c : ShellCommands.parse(shell)) {
        DependencyInstall found = of(c);
        if (found != null) {
          return found;
        }
      }
      return null;
    }

    private static DependencyInstall of(ShellCommands.Command c) {
      String program = ContainerPaths.fileName(c.name());
      List<String> args = c.args();
      String sub = args.isEmpty() ? "" : args.get(0);
      List<String> operands = args.stream().skip(1).filter(a -> !a.startsWith("-")).toList();
      return switch (program) {
        case "npm" -> sub.equals("ci") || Set.of("install", "i").contains(sub) && operands.isEmpty()
            ? new DependencyInstall("npm " + sub, List.of("package.json", "package-lock.json"))
            : null;
        case "yarn" -> (sub.isEmpty() || sub.equals("install") || sub.startsWith("-"))
            ? new DependencyInstall("yarn install", List.of("package.json", "yarn.lock")) : null;
        case "pnpm" -> Set.of("install", "i").contains(sub) && operands.isEmpty()
            ? new DependencyInstall("pnpm install", List.of("package.json", "pnpm-lock.yaml"))
            : null;
        case "pip", "pip3" -> pip(args);
        case "python", "python3" -> args.size() > 2 && args.get(0).equals("-m")
            && args.get(1).startsWith("pip") ? pip(args.subList(2, args.size())) : null;
        case "poetry" -> sub.equals("install")
            ? new DependencyInstall("poetry install", List.of("pyproject.toml", "poetry.lock"))
            : null;
        case "pipenv" -> sub.equals("install") || sub.equals("sync")
            ? new DependencyInstall("pipenv " + sub, List.of("Pipfile", "Pipfile.lock")) : null;
        case "go" -> sub.equals("mod") && args.size() > 1 && args.get(1).equals("download")
            ? new DependencyInstall("go mod download", List.of("go.mod", "go.sum")) : null;
        case "mvn", "mvnw" -> args.stream().anyMatch(a -> a.startsWith("dependency:"))
            ? new DependencyInstall("mvn dependency:go-offline", List.of("pom.xml")) : null;
        case "bundle" -> sub.equals("install")
            ? new DependencyInstall("bundle install", List.of("Gemfile", "Gemfile.lock")) : null;
        case "composer" -> sub.equals("install")
            ? new DependencyInstall("composer install", List.of("composer.json", "composer.lock"))
            : null;
        case "cargo" -> sub.equals("fetch")
            ? new DependencyInstall("cargo fetch", List.of("Cargo.toml", "Cargo.lock")) : null;
        default -> null;
      };
    }

    /** {@code pip install -r requirements.txt}; {@code pip install .} needs the source, so not. */
    private static DependencyInstall pip(List<String> args) {
      if (args.isEmpty() || !args.get(0).equals("install")) {
        return null;
      }
      for (int i = 1; i < args.size(); i++) {
        String a = args.get(i);
        String file = null;
        if ((a.equals("-r") || a.equals("--requirement")) && i + 1 < args.size()) {
          file = args.get(i + 1);
        } else if (a.startsWith("--requirement=")) {
          file = a.substring("--requirement=".length());
        } else if (a.startsWith("-r") && a.length() > 2) {
          file = a.substring(2);
        }
        if (file != null && !file.contains("$")) {
          return new DependencyInstall("pip install -r " + file, List.of(file));
        }
      }
      return null;
    }
  }
}
