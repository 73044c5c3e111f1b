package dev.rootcause.model.docker;

import java.util.List;

/**
 * Where {@code pip install} puts packages in an image: a {@code --target} or {@code --prefix}, the
 * user site of {@code --user}, the virtualenv whose {@code pip} runs (by path, {@code
 * VIRTUAL_ENV} or a venv first in {@code PATH}), else the official image's site-packages.
 */
public final class PythonInstalls {
  private PythonInstalls() {}

  /** The folder {@code install} writes packages to in {@code stage}; null when unknown. */
  public static String target(
      Dockerfile dockerfile, Stage stage, Stage.Run run, PackageInstall install) {
    ShellCommand command = run.shell().commands().stream()
        .filter(c -> c.location().equals(install.location()) && c.program().startsWith("p"))
        .findFirst().orElse(null);
    if (command == null) {
      return null;
    }
    List<String> words = command.words();
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      String value = i + 1 < words.size() ? words.get(i + 1) : null;
      if (w.equals("--user")) {
        return stage.effectiveUser().map(Stage.User::isRoot).orElse(true) ? "/root/.local" : null;
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
    if (first.endsWith("/bin") && !first.startsWith("/usr") && !first.equals("/bin")
        && !first.contains("$") && !first.contains(".local")) {
      return ContainerPaths.parent(first);
    }
    BaseImage base = dockerfile.baseImage(stage);
    int[] version = base.version();
    if (!base.is("python")) {
      return null;
    }
    return version == null || version[1] < 0 ? "/usr/local/lib"
        : "/usr/local/lib/python" + version[0] + "." + version[1] + "/site-packages";
  }
}
