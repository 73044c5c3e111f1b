package dev.rootcause.collect.docker;

import dev.rootcause.model.SourceLocation;
import dev.rootcause.model.docker.ContainerPaths;
import dev.rootcause.model.docker.PathEntry;
import dev.rootcause.model.docker.PathEntry.Kind;
import dev.rootcause.model.docker.ShellCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the commands of one {@code RUN} put on the image's filesystem: files written and compiled to
 * known paths, folders filled with what cannot be listed (an unpacked archive, a dependency
 * install), folders created. A command whose effect is not known (a build script, {@code npm run},
 * a path in an unknown variable, anything inside a branch or loop) makes the whole RUN unknown, so
 * that rules asking "could this file exist?" answer yes.
 */
final class FileEffects {
  /** Commands that change nothing a later COPY or CMD could look for outside system folders. */
  private static final Set<String> HARMLESS =
      Set.of(
          "apk",
          "apt-get",
          "apt",
          "aptitude",
          "yum",
          "dnf",
          "microdnf",
          "rpm",
          "dpkg",
          "apt-mark",
          "apt-key",
          "chmod",
          "chown",
          "chgrp",
          "rm",
          "rmdir",
          "echo",
          "printf",
          "true",
          "false",
          ":",
          "set",
          "export",
          "unset",
          "test",
          "[",
          "sleep",
          "ls",
          "cat",
          "which",
          "whoami",
          "id",
          "adduser",
          "addgroup",
          "useradd",
          "groupadd",
          "usermod",
          "groupmod",
          "deluser",
          "update-ca-certificates",
          "ldconfig",
          "sed",
          "grep",
          "head",
          "tail",
          "wc",
          "sort",
          "uniq",
          "du",
          "df",
          "stat",
          "file",
          "readlink",
          "realpath",
          "basename",
          "dirname",
          "date",
          "uname",
          "locale-gen",
          "update-alternatives",
          "gem",
          "corepack",
          "rc-update",
          "exit",
          "ulimit",
          "umask",
          "hash",
          "type",
          "pwd",
          "printenv",
          "dpkg-reconfigure",
          "fc-cache",
          "strip",
          "upx",
          "setcap",
          "update-locale",
          "nproc",
          "free",
          "getent");

  /**
   * Build tools that, by convention, write only into the project folder they run in ({@code
   * target/}, {@code build/}, {@code vendor/}). Script runners ({@code npm run}, {@code make},
   * {@code tsc}) are not among them: their output goes wherever the project's scripts say.
   */
  private static final Set<String> PROJECT_TOOLS =
      Set.of(
          "mvn",
          "mvnw",
          "gradle",
          "gradlew",
          "cargo",
          "dotnet",
          "bundle",
          "composer",
          "poetry",
          "pipenv",
          "uv",
          "javac",
          "jar");

  private final SourceLocation run;
  private final Map<String, String> env;
  private final List<PathEntry> entries = new ArrayList<>();
  private SourceLocation unknown;
  private SourceLocation current;
  private boolean stopped;

  /** {@code run} is the RUN's location; {@code env} the image's environment when it runs. */
  FileEffects(SourceLocation run, Map<String, String> env) {
    this.run = run;
    this.env = env;
  }

  /** What each entry is and which RUN puts it there. */
  List<PathEntry> entries() {
    return entries;
  }

  /** Where the first command of unknown effect is; null when every effect is known. */
  SourceLocation unknown() {
    return unknown;
  }

  /** Reads the next command of the RUN, run in the absolute folder {@code cwd} (null: unknown). */
  void read(ShellCommand c, String cwd) {
    if (stopped) {
      return;
    }
    current = c.location();
    if (c.opaque()) {
      unknown = current;
      stopped = true; // what follows may depend on what the construct did
      return;
    }
    for (String target : c.writes()) {
      if (!target.startsWith("/dev/")) {
        made(cwd, target, Kind.FILE, "output redirection");
      }
    }
    String program = c.program();
    List<String> args = c.args();
    switch (program) {
      case "", "cd", "pushd", "popd" -> {} // the walker follows the folder
      case "go" -> go(args, cwd);
      case "gcc", "g++", "cc", "c++", "clang", "clang++" -> {
        String out = option(args, "-o");
        made(cwd, out == null ? "." : out, out == null ? Kind.FOLDER : Kind.BUILT, program);
      }
      case "mkdir" -> operands(args).forEach(a -> ownResolved(cwd, a));
      case "touch", "tee" -> operands(args).forEach(a -> made(cwd, a, Kind.FILE, program));
      case "sh", "bash", "ash", "dash", "zsh" -> {
        if (!args.isEmpty()) {
          unknown = current; // a script or -c string: not followed
        }
      }
      case "ln", "cp", "mv", "install", "rsync" -> {
        String target = option(args, "-t");
        List<String> operands = operands(args);
        if (target == null && !operands.isEmpty()) {
          target = operands.get(operands.size() - 1);
        }
        made(cwd, target, Kind.FOLDER, program);
      }
      case "curl" -> curl(args, cwd);
      case "wget" -> {
        String out = option(args, "-O");
        if (out == null) {
          String prefix = option(args, "-P");
          made(cwd, prefix == null ? "." : prefix, Kind.FOLDER, "wget");
        } else if (!out.equals("-")) {
          made(cwd, out, Kind.FILE, "wget");
        }
      }
      case "git" -> {
        if (!args.isEmpty() && args.get(0).equals("clone")) {
          List<String> operands = operands(args.subList(1, args.size()));
          made(cwd, operands.size() >= 2 ? operands.get(1) : ".", Kind.FOLDER, "git clone");
        }
      }
      case "tar" -> {
        String dir = option(args, "-C");
        made(cwd, dir == null ? "." : dir, Kind.FOLDER, "tar");
      }
      case "unzip" -> {
        String dir = option(args, "-d");
        made(cwd, dir == null ? "." : dir, Kind.FOLDER, "unzip");
      }
      case "pip", "pip3" -> pip(args, cwd);
      case "python", "python3" -> {
        if (args.size() >= 2 && args.get(0).equals("-m") && args.get(1).startsWith("pip")) {
          pip(args.subList(2, args.size()), cwd);
        } else if (args.size() >= 3 && args.get(0).equals("-m") && args.get(1).equals("venv")) {
          made(cwd, args.get(args.size() - 1), Kind.FOLDER, "python -m venv");
        } else if (!args.equals(List.of("--version")) && !args.equals(List.of("-V"))) {
          unknown = current;
        }
      }
      case "npm" -> npm(args, cwd);
      case "yarn", "pnpm" -> yarn(program, args, cwd);
      case "find" -> {
        if (args.contains("-exec") || args.contains("-execdir") || args.contains("-ok")) {
          unknown = current;
        }
      }
      default -> {
        if (PROJECT_TOOLS.contains(program)) {
          String out = option(args, "-o");
          made(cwd, out == null ? "." : out, Kind.FOLDER, program);
        } else if (!HARMLESS.contains(program)) {
          unknown = current;
        }
      }
    }
  }

  private void go(List<String> args, String cwd) {
    String sub = args.isEmpty() ? "" : args.get(0);
    switch (sub) {
      case "build" -> {
        String out = option(args, "-o");
        if (out == null) {
          made(cwd, ".", Kind.FOLDER, "go build"); // named after the package: unknown
        } else {
          made(cwd, out, out.endsWith("/") ? Kind.FOLDER : Kind.BUILT, "go build -o " + out);
        }
      }
      case "install" -> {
        made(cwd, env.getOrDefault("GOBIN", "/go/bin"), Kind.FOLDER, "go install");
        String gopath = env.get("GOPATH");
        if (gopath != null) {
          made(cwd, gopath + "/bin", Kind.FOLDER, "go install");
        }
      }
      case "mod" -> {
        if (args.size() > 1 && args.get(1).equals("vendor")) {
          made(cwd, "vendor", Kind.FOLDER, "go mod vendor");
        } else if (args.size() > 1 && args.get(1).equals("init")) {
          made(cwd, "go.mod", Kind.FILE, "go mod init");
        }
      }
      case "test" -> {
        String out = option(args, "-o");
        if (out != null) {
          made(cwd, out, Kind.BUILT, "go test -o");
        } else if (args.contains("-c")) {
          made(cwd, ".", Kind.FOLDER, "go test -c");
        }
      }
      case "generate" -> made(cwd, ".", Kind.FOLDER, "go generate");
      case "get", "vet", "version", "env", "list", "fmt", "work", "clean" -> {}
      default -> unknown = current;
    }
  }

  private void pip(List<String> args, String cwd) {
    if (args.isEmpty() || !args.get(0).equals("install")) {
      if (!args.isEmpty() && Set.of("download", "wheel").contains(args.get(0))) {
        String dir = option(args, "-d");
        String wheelDir = dir == null ? option(args, "-w") : dir;
        made(cwd, wheelDir == null ? "." : wheelDir, Kind.FOLDER, "pip " + args.get(0));
      }
      return;
    }
    String target = option(args, "-t");
    if (target == null) {
      target = option(args, "--target");
    }
    if (target != null) {
      made(cwd, target, Kind.FOLDER, "pip install --target");
    } else if (option(args, "--prefix") != null
        || option(args, "--root") != null
        || args.contains("--user")) {
      unknown = current;
    } else if (args.contains("-e") || args.contains("--editable")) {
      made(cwd, ".", Kind.FOLDER, "pip install -e");
    }
  }

  private void npm(List<String> args, String cwd) {
    String sub = args.isEmpty() ? "" : args.get(0);
    boolean global = args.contains("-g") || args.contains("--global");
    switch (sub) {
      case "ci", "install", "i", "add" -> {
        if (!global) {
          made(cwd, "node_modules", Kind.FOLDER, "npm " + sub);
          made(cwd, "package-lock.json", Kind.FILE, "npm " + sub);
        }
      }
      case "prune",
          "cache",
          "config",
          "set",
          "version",
          "--version",
          "-v",
          "audit",
          "ls",
          "list",
          "outdated",
          "pkg",
          "whoami",
          "ping",
          "doctor",
          "uninstall" -> {}
      default -> unknown = current; // npm run, npm exec: the project's own scripts
    }
  }

  /** {@code yarn}, {@code yarn install}, {@code pnpm i} fill node_modules; the rest run scripts. */
  private void yarn(String program, List<String> args, String cwd) {
    String sub = args.stream().filter(a -> !a.startsWith("-")).findFirst().orElse("");
    if (sub.isEmpty() || sub.equals("install") || sub.equals("i") && program.equals("pnpm")) {
      made(cwd, "node_modules", Kind.FOLDER, program + " install");
    } else if (!Set.of("cache", "config", "--version", "set").contains(sub)) {
      unknown = current;
    }
  }

  private void curl(List<String> args, String cwd) {
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      boolean shortO = a.startsWith("-") && !a.startsWith("--") && a.endsWith("o");
      if ((shortO || a.equals("--output")) && i + 1 < args.size()) {
        if (!args.get(i + 1).equals("-")) {
          made(cwd, args.get(i + 1), Kind.FILE, "curl -o");
        }
        return;
      }
      if (a.equals("-O")
          || a.equals("--remote-name")
          || a.startsWith("-") && !a.startsWith("--") && a.contains("O")) {
        made(cwd, ".", Kind.FOLDER, "curl -O");
        return;
      }
    }
  }

  /** The value of {@code -o X}, {@code -oX}, {@code -o=X} or {@code --long=X}; null if absent. */
  private static String option(List<String> args, String flag) {
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals(flag) && i + 1 < args.size()) {
        return args.get(i + 1);
      }
      if (a.startsWith(flag + "=")) {
        return a.substring(flag.length() + 1);
      }
      if (flag.length() == 2 && a.startsWith(flag) && a.length() > 2 && !a.startsWith("--")) {
        return a.substring(2);
      }
    }
    return null;
  }

  private static List<String> operands(List<String> args) {
    return args.stream().filter(a -> !a.startsWith("-")).toList();
  }

  private void ownResolved(String cwd, String dir) {
    String p = ContainerPaths.resolve(cwd, dir);
    if (p == null) {
      unknown = current;
    } else {
      entries.add(new PathEntry(p, Kind.DIRECTORY, run, "mkdir"));
    }
  }

  private void made(String cwd, String path, Kind kind, String how) {
    String p = path == null ? null : ContainerPaths.resolve(cwd, path);
    if (p == null) {
      unknown = current; // written somewhere we cannot tell
      return;
    }
    entries.add(new PathEntry(p, kind, run, how));
  }
}
