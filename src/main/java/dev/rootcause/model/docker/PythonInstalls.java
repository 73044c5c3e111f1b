package dev.rootcause.model.docker;

import java.util.List;
import java.util.Set;

/**
 * Where {@code pip install} puts packages in an image: a {@code --target} or {@code --prefix}, the
 * user site of {@code --user}, the virtualenv whose {@code pip} runs (by path, {@code VIRTUAL_ENV}
 * or a venv first in {@code PATH}), else the official image's site-packages.
 */
public final class PythonInstalls {
  /** Programs that start Python code, so the image needs its packages when it runs. */
  public static final Set<String> RUNNERS =
      Set.of(
          "python",
          "python3",
          "gunicorn",
          "uvicorn",
          "flask",
          "celery",
          "hypercorn",
          "daphne",
          "waitress-serve");

  private PythonInstalls() {}

  /**
   * Whether the image starts Python: its ENTRYPOINT, its CMD when it has none, or the python3
   * ENTRYPOINT of a distroless image.
   */
  public static boolean started(Dockerfile dockerfile, Stage stage) {
    Stage.Command command = stage.entrypoint() != null ? stage.entrypoint() : stage.cmd();
    if (stage.entrypoint() == null
        && "python3".equals(dockerfile.baseImage(stage).entrypointInterpreter())) {
      return true;
    }
    return command != null && command.runsAnyOf(RUNNERS);
  }

  /**
   * Each pip install of {@code stage}'s lineage with the folder it writes to (null when unknown),
   * judged with the {@code USER} in effect at its line.
   */
  public static java.util.Map<PackageInstall, String> targets(Dockerfile dockerfile, Stage stage) {
    java.util.Map<PackageInstall, String> out = new java.util.LinkedHashMap<>();
    for (Stage s : dockerfile.lineage(stage)) {
      for (Stage.Run run : s.runs()) {
        for (PackageInstall install : run.shell().installs()) {
          if (install.manager().equals("pip")) {
            out.put(install, target(dockerfile, s, run, install));
          }
        }
      }
    }
    return out;
  }

  /**
   * Where the folder {@code target} of {@code install} belongs in a runtime stage: a {@code
   * --prefix} tree goes under {@code /usr/local}, where Python looks; anything else stays where it
   * was (a virtualenv's scripts name its path).
   */
  public static String runtimeFolder(Stage.Run run, PackageInstall install, String target) {
    boolean prefix =
        run.shell().commands().stream()
            .filter(c -> c.location().equals(install.location()))
            .anyMatch(
                c ->
                    c.words().stream()
                        .anyMatch(w -> w.equals("--prefix") || w.startsWith("--prefix=")));
    return prefix ? "/usr/local" : target;
  }

  /** Whether the RUN runs as root: no USER above it in its stage, or root named last. */
  private static boolean rootAt(Stage stage, Stage.Run run) {
    Stage.User user = null;
    for (Stage.User u : stage.users()) {
      if (u.location().line() < run.location().line()) {
        user = u;
      }
    }
    return user == null || user.isRoot();
  }

  /** The folder {@code install} writes packages to in {@code stage}; null when unknown. */
  public static String target(
      Dockerfile dockerfile, Stage stage, Stage.Run run, PackageInstall install) {
    ShellCommand command =
        run.shell().commands().stream()
            .filter(c -> c.location().equals(install.location()) && c.program().startsWith("p"))
            .findFirst()
            .orElse(null);
    if (command == null) {
      return null;
    }
    List<String> words = command.words();
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      String value = i + 1 < words.size() ? words.get(i + 1) : null;
      if (w.equals("--user")) {
        return rootAt(stage, run) ? "/root/.local" : null;
      }
      if (w.equals("--root") || w.startsWith("--root=")) {
        return null;
      }
      for (String option : List.of("--target", "-t", "--prefix")) {
        if (w.equals(option) && value != null) {
          return ContainerPaths.resolve(run.workdir(), value);
        }
        if (w.startsWith(option + "=")) {
          return ContainerPaths.resolve(run.workdir(), w.substring(option.length() + 1));
        }
      }
    }
    String program = command.name();
    if (program.contains("/bin/")) {
      return ContainerPaths.parent(ContainerPaths.parent(program)); // /venv/bin/pip: /venv
    }
    String venv = stage.env().get("VIRTUAL_ENV");
    if (venv != null && !venv.contains("$")) {
      return venv;
    }
    String path = stage.env().getOrDefault("PATH", "");
    String first = path.split(":")[0];
    if (first.endsWith("/bin")
        && !first.startsWith("/usr")
        && !first.equals("/bin")
        && !first.contains("$")
        && !first.contains(".local")) {
      return ContainerPaths.parent(first);
    }
    BaseImage base = dockerfile.baseImage(stage);
    int[] version = base.version();
    if (!base.is("python")) {
      return null;
    }
    return version == null || version[1] < 0
        ? "/usr/local/lib"
        : "/usr/local/lib/python" + version[0] + "." + version[1] + "/site-packages";
  }
}
