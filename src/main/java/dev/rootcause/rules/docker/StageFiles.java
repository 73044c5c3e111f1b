package dev.rootcause.rules.docker;

import dev.rootcause.model.SourceLocation;
import dev.rootcause.model.docker.ContainerPaths;
import dev.rootcause.model.docker.Dockerfile;
import dev.rootcause.model.docker.Stage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a stage's instructions put on its filesystem, as far as the Dockerfile tells: files copied
 * or compiled to known paths, and folders whose contents are unknown (a copied build context, a
 * build tool's output). The question rules ask is {@link #mayHave}: could this path exist? It is
 * answered "yes" whenever the Dockerfile or the base image leave it open, so that a "no" is safe to
 * report.
 */
final class StageFiles {
  /** Folders that images, not Dockerfiles, fill: naming one in WORKDIR or COPY does not own it. */
  private static final Set<String> SYSTEM_DIRS =
      Set.of("/", "/bin", "/sbin", "/lib", "/lib64", "/usr", "/usr/bin", "/usr/sbin", "/usr/lib",
          "/usr/lib64", "/usr/local", "/usr/local/bin", "/usr/local/sbin", "/usr/local/lib",
          "/usr/local/share", "/usr/local/include", "/usr/local/go", "/usr/share", "/usr/include",
          "/usr/src", "/usr/share/zoneinfo", "/usr/share/nginx", "/usr/share/nginx/html", "/etc",
          "/etc/ssl", "/etc/ssl/certs", "/etc/pki", "/etc/nginx", "/etc/nginx/conf.d", "/var",
          "/var/lib", "/var/log", "/var/cache", "/var/run", "/var/tmp", "/var/www", "/var/www/html",
          "/opt", "/home", "/root", "/tmp", "/run", "/go", "/go/bin",
          "/go/pkg");
  /**
   * Top-level folders where a distribution or runtime image may hold anything ({@code /opt/java},
   * {@code /home/node}); {@code /srv}, {@code /mnt} and {@code /media} ship empty.
   */
  private static final Set<String> SYSTEM_TOP =
      Set.of("bin", "sbin", "usr", "lib", "lib32", "lib64", "libx32", "etc", "var", "opt", "root",
          "home", "tmp", "run", "proc", "sys", "dev", "boot");
  private static final Set<String> BASE_FILES =
      Set.of("/docker-entrypoint.sh", "/docker-entrypoint.d", "/go/bin", "/go/pkg");
  /** Commands that change nothing a later COPY or CMD could look for outside system folders. */
  private static final Set<String> HARMLESS =
      Set.of("apk", "apt-get", "apt", "aptitude", "yum", "dnf", "microdnf", "rpm", "dpkg",
          "apt-mark", "apt-key", "chmod", "chown", "chgrp", "rm", "rmdir", "echo", "printf", "true",
          "false", ":",
          "set", "export", "unset", "test", "[", "sleep", "ls", "cat", "which", "whoami", "id",
          "adduser", "addgroup", "useradd", "groupadd", "usermod", "groupmod", "deluser",
          "update-ca-certificates", "ldconfig", "sed", "grep", "head", "tail", "wc", "sort", "uniq",
          "du", "df", "stat", "file", "readlink", "realpath", "basename", "dirname", "date",
          "uname",
          "locale-gen", "update-alternatives", "gem", "corepack", "rc-update", "exit", "ulimit",
          "umask", "hash", "type", "pwd", "printenv", "dpkg-reconfigure", "fc-cache", "strip",
          "upx",
          "setcap", "update-locale", "nproc", "free", "getent");
  /**
   * Build tools that, by convention, write only into the project folder they run in ({@code
   * target/}, {@code build/}, {@code vendor/}). Script runners ({@code npm run}, {@code make},
   * {@code tsc}) are not among them: their output goes wherever the project's scripts say.
   */
  private static final Set<String> PROJECT_TOOLS =
      Set.of("mvn", "mvnw", "gradle", "gradlew", "cargo", "dotnet", "bundle", "composer", "poetry",
          "pipenv", "uv", "javac", "jar");
  private static final Set<String> KNOWN_FILE_NAMES =
      Set.of("Gemfile", "Makefile", "Procfile", "Pipfile", "LICENSE", "Dockerfile", "Jenkinsfile",
          "Rakefile", "Brewfile", "Caddyfile");

  /** How an entry came to be. */
  enum Kind {
    /** A file at exactly this path (copied, downloaded, written). */
    FILE,
    /** A program compiled to exactly this path ({@code go build -o}). */
    BUILT,
    /** A folder whose contents are unknown: anything inside may exist. */
    FOLDER,
    /** A folder filled from the build context: any file of the repository may be inside. */
    CONTEXT
  }

  /** One thing the stage puts in place, where, and which instruction does it. */
  record Entry(String path, Kind kind, SourceLocation location, String how) {
    boolean provides(String p) {
      return switch (kind) {
        case FILE, BUILT -> ContainerPaths.within(path, p);
        case FOLDER, CONTEXT -> ContainerPaths.within(p, path) || ContainerPaths.within(path, p);
      };
    }
  }

  private final BaseImage base;
  private final List<Entry> entries = new ArrayList<>();
  private final Set<String> ownedDirs = new LinkedHashSet<>();
  private SourceLocation unknown;

  private StageFiles(BaseImage base) {
    this.base = base;
  }

  /** The files of {@code stage}: its own instructions and those of the stages it is built from. */
  static StageFiles of(Dockerfile dockerfile, Stage stage) {
    return of(dockerfile, stage, 0);
  }

  private static StageFiles of(Dockerfile dockerfile, Stage stage, int depth) {
    List<Stage> lineage = dockerfile.lineage(stage);
    StageFiles files = new StageFiles(BaseImage.of(lineage.get(0).baseImage()));
    for (Stage s : lineage) {
      if (s.workdir() != null) {
        files.own(s.workdir());
      }
      s.runs().stream().map(Stage.Run::workdir).filter(w -> w != null).forEach(files::own);
      s.copies().stream().map(Stage.Copy::workdir).filter(w -> w != null).forEach(files::own);
      // COPY and RUN interleave; their order does not matter to what exists at the end
      for (Stage.Copy copy : s.copies()) {
        files.copy(dockerfile, s, copy, depth);
      }
      for (Stage.Run run : s.runs()) {
        files.run(run, s);
      }
    }
    return files;
  }

  BaseImage base() {
    return base;
  }

  List<Entry> entries() {
    return entries;
  }

  /** Whether every instruction's effect is understood; otherwise nothing can be ruled out. */
  boolean knowable() {
    return unknown == null;
  }

  /** Entries that could make {@code path} exist. */
  List<Entry> providers(String path) {
    return entries.stream().filter(e -> e.provides(path)).toList();
  }

  /** Programs compiled to known paths. */
  List<Entry> built() {
    return entries.stream().filter(e -> e.kind() == Kind.BUILT).toList();
  }

  Optional<Entry> exactly(String path) {
    return entries.stream()
        .filter(e -> (e.kind() == Kind.FILE || e.kind() == Kind.BUILT) && e.path().equals(path))
        .findFirst();
  }

  /**
   * Whether the base image itself may hold {@code path}: always for an unknown base, never for
   * scratch, and for a known distribution only in its system folders, not in folders the
   * Dockerfile created ({@code WORKDIR /app}, {@code COPY . /srv/app}).
   */
  boolean baseMayHave(String path) {
    if (base.isScratch()) {
      return false;
    }
    if (!base.knownLayout()) {
      return true;
    }
    for (String dir : ownedDirs) {
      if (!path.equals(dir) && ContainerPaths.within(path, dir)) {
        return false;
      }
    }
    String top = path.length() <= 1 ? "" : path.substring(1).split("/")[0];
    return SYSTEM_TOP.contains(top)
        || BASE_FILES.stream().anyMatch(f -> ContainerPaths.within(path, f));
  }

  /** Whether {@code path} could exist: knowable, outside the base, and provided by nothing. */
  boolean mayHave(String path) {
    return !knowable() || baseMayHave(path) || !providers(path).isEmpty();
  }

  // ---- COPY ----------------------------------------------------------------------------------

  private void copy(Dockerfile dockerfile, Stage owner, Stage.Copy copy, int depth) {
    String dest = copy.destinationPath();
    if (dest == null) {
      unknown = copy.location(); // copied somewhere we cannot tell
      return;
    }
    boolean intoDir = copy.intoDirectory();
    own(intoDir ? dest : ContainerPaths.parent(dest));
    String how = copy.keyword() + (copy.from() == null ? "" : " --from=" + copy.from());
    Optional<Stage> fromStage = copy.from() == null ? Optional.empty()
        : dockerfile.stage(copy.from()).filter(s -> s.index() < owner.index());
    if (copy.from() != null && (fromStage.isEmpty() || depth > dockerfile.stages().size())) {
      add(dest, Kind.FOLDER, copy, how); // from an image: its contents are unknown
      return;
    }
    StageFiles source = fromStage.map(s -> of(dockerfile, s, depth + 1)).orElse(null);
    for (String src : copy.sources()) {
      if (src.startsWith("<<")) {
        fileAt(dest, intoDir, src.substring(2), copy, how);
      } else if (source != null) {
        String p = ContainerPaths.resolve("/", src);
        if (p != null && !isPattern(src) && source.exactly(p).isPresent()) {
          fileAt(dest, intoDir, ContainerPaths.fileName(p), copy, how);
        } else {
          add(dest, Kind.FOLDER, copy, how);
        }
      } else if (copy.keyword().equals("ADD") && src.matches("(?i)https?://.*")) {
        String name = src.replaceAll("[?#].*", "");
        fileAt(dest, intoDir, ContainerPaths.fileName(name), copy, how);
      } else if (looksLikeFile(src) && !(copy.keyword().equals("ADD") && isArchive(src))) {
        fileAt(dest, intoDir, ContainerPaths.fileName(src), copy, how);
      } else {
        add(dest, Kind.CONTEXT, copy, how);
      }
    }
  }

  /** A single file copied to {@code dest}: into it when it is a folder, else as it. */
  private void fileAt(String dest, boolean intoDir, String name, Stage.Copy copy, String how) {
    add(ContainerPaths.resolve(dest, name), Kind.FILE, copy, how);
    if (!intoDir) {
      add(dest, Kind.FILE, copy, how); // dest may name the file itself, unless it is a folder
    }
  }

  private void add(String path, Kind kind, Stage.Copy copy, String how) {
    entries.add(new Entry(path, kind, copy.location(), how));
  }

  private static boolean isPattern(String src) {
    return src.contains("*") || src.contains("?") || src.contains("[");
  }

  private static boolean looksLikeFile(String src) {
    if (isPattern(src) || src.endsWith("/") || src.contains("$")) {
      return false;
    }
    String name = ContainerPaths.fileName(src);
    int dot = name.lastIndexOf('.');
    return dot > 0 && dot < name.length() - 1 || KNOWN_FILE_NAMES.contains(name);
  }

  private static boolean isArchive(String src) {
    String s = src.toLowerCase(Locale.ROOT);
    return s.matches(".*\\.(tar|tgz|tbz2?|txz|tar\\.(gz|bz2|xz|zst))$");
  }

  // ---- RUN -----------------------------------------------------------------------------------

  private void run(Stage.Run run, Stage stage) {
    String cwd = run.workdir();
    for (ShellCommands.Command c : ShellCommands.parse(run.command())) {
      if (c.opaque()) {
        unknown = run.location();
        return;
      }
      for (String target : c.writes()) {
        if (!target.startsWith("/dev/")) {
          made(cwd, target, Kind.FILE, run, "output redirection");
        }
      }
      String here = cwd;
      String name = c.name();
      String program = name.substring(name.lastIndexOf('/') + 1);
      List<String> args = c.args();
      switch (program) {
        case "" -> { }
        case "cd" -> cwd = args.isEmpty() ? null : ContainerPaths.resolve(cwd, args.get(0));
        case "go" -> go(args, cwd, run, stage);
        case "gcc", "g++", "cc", "c++", "clang", "clang++" -> {
          String out = option(args, "-o");
          made(cwd, out == null ? "." : out, out == null ? Kind.FOLDER : Kind.BUILT, run, program);
        }
        case "mkdir" -> operands(args).forEach(a -> ownResolved(here, a, run));
        case "touch", "tee" -> operands(args).forEach(a -> made(here, a, Kind.FILE, run, program));
        case "sh", "bash", "ash", "dash", "zsh" -> {
          if (!args.isEmpty()) {
            unknown = run.location(); // a script or -c string: not followed
          }
        }
        case "ln", "cp", "mv", "install", "rsync" -> {
          String target = option(args, "-t");
          List<String> operands = operands(args);
          if (target == null && !operands.isEmpty()) {
            target = operands.get(operands.size() - 1);
          }
          made(cwd, target, Kind.FOLDER, run, program);
        }
        case "curl" -> curl(args, cwd, run);
        case "wget" -> {
          String out = option(args, "-O");
          if (out == null) {
            String prefix = option(args, "-P");
            made(cwd, prefix == null ? "." : prefix, Kind.FOLDER, run, "wget");
          } else if (!out.equals("-")) {
            made(cwd, out, Kind.FILE, run, "wget");
          }
        }
        case "git" -> {
          if (!args.isEmpty() && args.get(0).equals("clone")) {
            List<String> operands = operands(args.subList(1, args.size()));
            made(cwd, operands.size() >= 2 ? operands.get(1) : ".", Kind.FOLDER, run, "git clone");
          }
        }
        case "tar" -> {
          String dir = option(args, "-C");
          made(cwd, dir == null ? "." : dir, Kind.FOLDER, run, "tar");
        }
        case "unzip" -> {
          String dir = option(args, "-d");
          made(cwd, dir == null ? "." : dir, Kind.FOLDER, run, "unzip");
        }
        case "pip", "pip3" -> pip(args, cwd, run);
        case "python", "python3" -> {
          if (args.size() >= 2 && args.get(0).equals("-m") && args.get(1).startsWith("pip")) {
            pip(args.subList(2, args.size()), cwd, run);
          } else if (args.size() >= 3 && args.get(0).equals("-m") && args.get(1).equals("venv")) {
            made(cwd, args.get(args.size() - 1), Kind.FOLDER, run, "python -m venv");
          } else if (!args.equals(List.of("--version")) && !args.equals(List.of("-V"))) {
            unknown = run.location();
          }
        }
        case "npm" -> npm(args, cwd, run);
        case "yarn", "pnpm" -> yarn(program, args, cwd, run);
        case "find" -> {
          if (args.contains("-exec") || args.contains("-execdir") || args.contains("-ok")) {
            unknown = run.location();
          }
        }
        default -> {
          if (PROJECT_TOOLS.contains(program)) {
            String out = option(args, "-o");
            made(cwd, out == null ? "." : out, Kind.FOLDER, run, program);
          } else if (!HARMLESS.contains(program)) {
            unknown = run.location();
          }
        }
      }
    }
  }

  private void go(List<String> args, String cwd, Stage.Run run, Stage stage) {
    String sub = args.isEmpty() ? "" : args.get(0);
    switch (sub) {
      case "build" -> {
        String out = option(args, "-o");
        if (out == null) {
          made(cwd, ".", Kind.FOLDER, run, "go build"); // named after the package: unknown
        } else {
          made(cwd, out, out.endsWith("/") ? Kind.FOLDER : Kind.BUILT, run, "go build -o " + out);
        }
      }
      case "install" -> {
        made(cwd, stage.env().getOrDefault("GOBIN", "/go/bin"), Kind.FOLDER, run, "go install");
        String gopath = stage.env().get("GOPATH");
        if (gopath != null) {
          made(cwd, gopath + "/bin", Kind.FOLDER, run, "go install");
        }
      }
      case "mod" -> {
        if (args.size() > 1 && args.get(1).equals("vendor")) {
          made(cwd, "vendor", Kind.FOLDER, run, "go mod vendor");
        } else if (args.size() > 1 && args.get(1).equals("init")) {
          made(cwd, "go.mod", Kind.FILE, run, "go mod init");
        }
      }
      case "test" -> {
        String out = option(args, "-o");
        if (out != null) {
          made(cwd, out, Kind.BUILT, run, "go test -o");
        } else if (args.contains("-c")) {
          made(cwd, ".", Kind.FOLDER, run, "go test -c");
        }
      }
      case "generate" -> made(cwd, ".", Kind.FOLDER, run, "go generate");
      case "get", "vet", "version", "env", "list", "fmt", "work", "clean" -> { }
      default -> unknown = run.location();
    }
  }

  private void pip(List<String> args, String cwd, Stage.Run run) {
    if (args.isEmpty() || !args.get(0).equals("install")) {
      if (!args.isEmpty() && Set.of("download", "wheel").contains(args.get(0))) {
        String dir = option(args, "-d");
        String wheelDir = dir == null ? option(args, "-w") : dir;
        made(cwd, wheelDir == null ? "." : wheelDir, Kind.FOLDER, run, "pip " + args.get(0));
      }
      return;
    }
    String target = option(args, "-t");
    if (target == null) {
      target = option(args, "--target");
    }
    if (target != null) {
      made(cwd, target, Kind.FOLDER, run, "pip install --target");
    } else if (option(args, "--prefix") != null || option(args, "--root") != null
        || args.contains("--user")) {
      unknown = run.location();
    } else if (args.contains("-e") || args.contains("--editable")) {
      made(cwd, ".", Kind.FOLDER, run, "pip install -e");
    }
  }

  private void npm(List<String> args, String cwd, Stage.Run run) {
    String sub = args.isEmpty() ? "" : args.get(0);
    boolean global = args.contains("-g") || args.contains("--global");
    switch (sub) {
      case "ci", "install", "i", "add" -> {
        if (!global) {
          made(cwd, "node_modules", Kind.FOLDER, run, "npm " + sub);
          made(cwd, "package-lock.json", Kind.FILE, run, "npm " + sub);
        }
      }
      case "prune", "cache", "config", "set", "version", "--version", "-v", "audit", "ls", "list",
          "outdated", "pkg", "whoami", "ping", "doctor", "uninstall" -> { }
      default -> unknown = run.location(); // npm run, npm exec: the project's own scripts
    }
  }

  /** {@code yarn}, {@code yarn install}, {@code pnpm i} fill node_modules; the rest run scripts. */
  private void yarn(String program, List<String> args, String cwd, Stage.Run run) {
    String sub = args.stream().filter(a -> !a.startsWith("-")).findFirst().orElse("");
    if (sub.isEmpty() || sub.equals("install") || sub.equals("i") && program.equals("pnpm")) {
      made(cwd, "node_modules", Kind.FOLDER, run, program + " install");
    } else if (!Set.of("cache", "config", "--version", "set").contains(sub)) {
      unknown = run.location();
    }
  }

  private void curl(List<String> args, String cwd, Stage.Run run) {
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      boolean shortO = a.startsWith("-") && !a.startsWith("--") && a.endsWith("o");
      if ((shortO || a.equals("--output")) && i + 1 < args.size()) {
        if (!args.get(i + 1).equals("-")) {
          made(cwd, args.get(i + 1), Kind.FILE, run, "curl -o");
        }
        return;
      }
      if (a.equals("-O") || a.equals("--remote-name") || a.startsWith("-") && !a.startsWith("--")
          && a.contains("O")) {
        made(cwd, ".", Kind.FOLDER, run, "curl -O");
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

  private void made(String cwd, String path, Kind kind, Stage.Run run, String how) {
    String p = path == null ? null : ContainerPaths.resolve(cwd, path);
    if (p == null) {
      unknown = run.location(); // written somewhere we cannot tell
      return;
    }
    entries.add(new Entry(p, kind, run.location(), how));
    if (kind == Kind.BUILT || kind == Kind.FILE) {
      own(ContainerPaths.parent(p));
    }
  }

  private void ownResolved(String cwd, String dir, Stage.Run run) {
    String p = ContainerPaths.resolve(cwd, dir);
    if (p == null) {
      unknown = run.location();
    } else {
      own(p);
    }
  }

  private void own(String dir) {
    if (!SYSTEM_DIRS.contains(dir)) {
      ownedDirs.add(dir);
    }
  }
}
