package dev.rootcause.model.docker;

import dev.rootcause.model.SourceLocation;
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
 * report. What each {@code RUN} does was read from its shell at collection ({@link ShellFacts}).
 */
public final class StageContents {
  /** Folders that images, not Dockerfiles, fill: naming one in WORKDIR or COPY does not own it. */
  private static final Set<String> SYSTEM_DIRS =
      Set.of(
          "/",
          "/bin",
          "/sbin",
          "/lib",
          "/lib64",
          "/usr",
          "/usr/bin",
          "/usr/sbin",
          "/usr/lib",
          "/usr/lib64",
          "/usr/local",
          "/usr/local/bin",
          "/usr/local/sbin",
          "/usr/local/lib",
          "/usr/local/share",
          "/usr/local/include",
          "/usr/local/go",
          "/usr/share",
          "/usr/include",
          "/usr/src",
          "/usr/share/zoneinfo",
          "/usr/share/nginx",
          "/usr/share/nginx/html",
          "/etc",
          "/etc/ssl",
          "/etc/ssl/certs",
          "/etc/pki",
          "/etc/nginx",
          "/etc/nginx/conf.d",
          "/var",
          "/var/lib",
          "/var/log",
          "/var/cache",
          "/var/run",
          "/var/tmp",
          "/var/www",
          "/var/www/html",
          "/opt",
          "/home",
          "/root",
          "/tmp",
          "/run",
          "/go",
          "/go/bin",
          "/go/pkg");

  /**
   * Top-level folders where a distribution or runtime image may hold anything ({@code /opt/java},
   * {@code /home/node}); {@code /srv}, {@code /mnt} and {@code /media} ship empty.
   */
  private static final Set<String> SYSTEM_TOP =
      Set.of(
          "bin", "sbin", "usr", "lib", "lib32", "lib64", "libx32", "etc", "var", "opt", "root",
          "home", "tmp", "run", "proc", "sys", "dev", "boot");

  private static final Set<String> BASE_FILES =
      Set.of("/docker-entrypoint.sh", "/docker-entrypoint.d", "/go/bin", "/go/pkg");
  private static final Set<String> KNOWN_FILE_NAMES =
      Set.of(
          "Gemfile",
          "Makefile",
          "Procfile",
          "Pipfile",
          "LICENSE",
          "Dockerfile",
          "Jenkinsfile",
          "Rakefile",
          "Brewfile",
          "Caddyfile");

  private static final List<String> ARCHIVES =
      List.of(
          ".tar", ".tgz", ".tbz", ".tbz2", ".txz", ".tar.gz", ".tar.bz2", ".tar.xz", ".tar.zst");

  private final BaseImage base;
  private final List<PathEntry> entries = new ArrayList<>();
  private final Set<String> ownedDirs = new LinkedHashSet<>();
  private SourceLocation unknown;

  private StageContents(BaseImage base) {
    this.base = base;
  }

  /** The files of {@code stage}: its own instructions and those of the stages it is built from. */
  public static StageContents of(Dockerfile dockerfile, Stage stage) {
    return of(dockerfile, stage, 0);
  }

  private static StageContents of(Dockerfile dockerfile, Stage stage, int depth) {
    List<Stage> lineage = dockerfile.lineage(stage);
    StageContents files = new StageContents(BaseImage.of(lineage.get(0).baseImage()));
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
        files.run(run);
      }
    }
    return files;
  }

  public BaseImage base() {
    return base;
  }

  public List<PathEntry> entries() {
    return entries;
  }

  /** Whether every instruction's effect is understood; otherwise nothing can be ruled out. */
  public boolean knowable() {
    return unknown == null;
  }

  /** Entries that could make {@code path} exist. */
  public List<PathEntry> providers(String path) {
    return entries.stream().filter(e -> e.provides(path)).toList();
  }

  /** Programs compiled to known paths. */
  public List<PathEntry> built() {
    return entries.stream().filter(e -> e.kind() == PathEntry.Kind.BUILT).toList();
  }

  public Optional<PathEntry> exactly(String path) {
    return entries.stream()
        .filter(
            e ->
                (e.kind() == PathEntry.Kind.FILE || e.kind() == PathEntry.Kind.BUILT)
                    && e.path().equals(path))
        .findFirst();
  }

  /**
   * Whether the base image itself may hold {@code path}: always for an unknown base, never for
   * scratch, and for a known distribution only in its system folders, not in folders the Dockerfile
   * created ({@code WORKDIR /app}, {@code COPY . /srv/app}).
   */
  public boolean baseMayHave(String path) {
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
  public boolean mayHave(String path) {
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
    Optional<Stage> fromStage =
        copy.from() == null
            ? Optional.empty()
            : dockerfile.stage(copy.from()).filter(s -> s.index() < owner.index());
    if (copy.from() != null && (fromStage.isEmpty() || depth > dockerfile.stages().size())) {
      add(dest, PathEntry.Kind.FOLDER, copy, how); // from an image: its contents are unknown
      return;
    }
    StageContents source = fromStage.map(s -> of(dockerfile, s, depth + 1)).orElse(null);
    for (String src : copy.sources()) {
      if (src.startsWith("<<")) {
        fileAt(dest, intoDir, src.substring(2), copy, how);
      } else if (source != null) {
        String p = ContainerPaths.resolve("/", src);
        if (p != null && !isPattern(src) && source.exactly(p).isPresent()) {
          fileAt(dest, intoDir, ContainerPaths.fileName(p), copy, how);
        } else {
          add(dest, PathEntry.Kind.FOLDER, copy, how);
        }
      } else if (copy.keyword().equals("ADD") && isUrl(src)) {
        String name = withoutQuery(src);
        fileAt(dest, intoDir, ContainerPaths.fileName(name), copy, how);
      } else if (looksLikeFile(src) && !(copy.keyword().equals("ADD") && isArchive(src))) {
        fileAt(dest, intoDir, ContainerPaths.fileName(src), copy, how);
      } else if (intoDir && namesFiles(src)) {
        add(
            ContainerPaths.resolve(dest, ContainerPaths.fileName(src)),
            PathEntry.Kind.MATCHING,
            copy,
            how);
      } else {
        add(dest, PathEntry.Kind.CONTEXT, copy, how);
      }
    }
  }

  /** A single file copied to {@code dest}: into it when it is a folder, else as it. */
  private void fileAt(String dest, boolean intoDir, String name, Stage.Copy copy, String how) {
    add(ContainerPaths.resolve(dest, name), PathEntry.Kind.FILE, copy, how);
    if (!intoDir) {
      add(
          dest,
          PathEntry.Kind.FILE,
          copy,
          how); // dest may name the file itself, unless it is a folder
    }
  }

  private void add(String path, PathEntry.Kind kind, Stage.Copy copy, String how) {
    entries.add(new PathEntry(path, kind, copy.location(), how));
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

  /**
   * A name pattern that only files match ({@code package*.json}, {@code *.py}): a {@code *} or
   * {@code ?} before an extension, no folder part with a pattern, no character class.
   */
  private static boolean namesFiles(String src) {
    String name = ContainerPaths.fileName(src);
    int dot = name.lastIndexOf('.');
    return !src.contains("$")
        && !src.contains("[")
        && !src.endsWith("/")
        && !isPattern(ContainerPaths.parent("/" + src))
        && dot > 0
        && dot < name.length() - 1
        && !isPattern(name.substring(dot))
        && !ARCHIVES.contains(name.substring(dot));
  }

  private static boolean isArchive(String src) {
    String s = src.toLowerCase(Locale.ROOT);
    return ARCHIVES.stream().anyMatch(s::endsWith);
  }

  private static boolean isUrl(String src) {
    String s = src.toLowerCase(Locale.ROOT);
    return s.startsWith("http://") || s.startsWith("https://");
  }

  private static String withoutQuery(String url) {
    int end = url.length();
    for (char c : new char[] {'?', '#'}) {
      int at = url.indexOf(c);
      end = at >= 0 ? Math.min(end, at) : end;
    }
    return url.substring(0, end);
  }

  // ---- RUN -----------------------------------------------------------------------------------

  /** What a RUN's shell puts in place, as read at collection. */
  private void run(Stage.Run run) {
    for (PathEntry e : run.shell().paths()) {
      if (e.kind() == PathEntry.Kind.DIRECTORY) {
        own(e.path());
        continue;
      }
      entries.add(e);
      if (e.kind() == PathEntry.Kind.BUILT || e.kind() == PathEntry.Kind.FILE) {
        own(ContainerPaths.parent(e.path()));
      }
    }
    if (!run.shell().knowable()) {
      unknown = run.shell().unknownEffect();
    }
  }

  private void own(String dir) {
    if (!SYSTEM_DIRS.contains(dir)) {
      ownedDirs.add(dir);
    }
  }
}
