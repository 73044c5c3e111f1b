package dev.rootcause.collect.code;

import dev.rootcause.model.HostReference;
import dev.rootcause.model.SystemModel;
import dev.rootcause.model.app.AppFacts;
import dev.rootcause.model.app.Hazard;
import dev.rootcause.model.app.HealthPaths;
import dev.rootcause.model.docker.Dockerfile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Groups per-file facts into applications. A file belongs to the nearest folder above it holding a
 * Dockerfile, else a project manifest (package.json, requirements.txt, pyproject.toml, go.mod...),
 * else its own folder. The entrypoint is the file the image's start command runs, else the one file
 * that starts a server; the start command also decides which listen sites and dev-server hazards
 * are real (gunicorn does not run {@code app.run()} under {@code __main__}).
 */
public final class AppAssembler {
  static final String OUTBOUND_VIA = "outbound call in code";

  /** Folders of one-off scripts that live beside a server but are not it. */
  private static final Pattern SCRIPT_DIR =
      Pattern.compile("(.*/)?(scripts|bin|tools|migrations|commands|fixtures|seeds)/.*");

  private static final List<String> ENTRY_NAMES =
      List.of("main", "app", "server", "index", "application", "wsgi", "asgi", "manage");

  private AppAssembler() {}

  /** The applications, and the in-cluster hosts their code calls. */
  public record Assembled(List<AppFacts> apps, List<HostReference> hostReferences) {}

  public static Assembled assemble(
      List<SourceFacts> files,
      Set<String> manifestDirs,
      Map<String, StartCommand.PackageScripts> packages,
      List<Dockerfile> dockerfiles) {
    Set<String> dockerDirs =
        dockerfiles.stream().map(Dockerfile::directory).collect(Collectors.toSet());
    Map<String, List<Dockerfile>> dockerfilesByDir =
        dockerfiles.stream().collect(Collectors.groupingBy(Dockerfile::directory));
    Map<String, List<SourceFacts>> byRoot = new TreeMap<>();
    for (SourceFacts f : files.stream().sorted(Comparator.comparing(SourceFacts::path)).toList()) {
      String root = root(f.path(), dockerDirs, manifestDirs);
      String own =
          ownProject(f.path(), root, manifestDirs, dockerfilesByDir.getOrDefault(root, List.of()));
      byRoot.computeIfAbsent(own != null ? own : root, r -> new ArrayList<>()).add(f);
    }
    List<AppFacts> apps = new ArrayList<>();
    List<HostReference> hosts = new ArrayList<>();
    byRoot.forEach(
        (root, group) -> {
          Optional<Dockerfile> dockerfile =
              dockerfileIn(dockerfilesByDir.getOrDefault(root, List.of()));
          StartCommand.PackageScripts pkg = packages.get(root);
          if (pkg != null && pkg.browserOnly()) {
            return; // a front-end: its code runs in browsers, not in a container rootcause judges
          }
          Optional<StartCommand> start = dockerfile.flatMap(d -> StartCommand.of(d, pkg));
          if (start.isEmpty() && pkg != null) {
            start = StartCommand.interpret(List.of("npm", "start"), Map.of(), pkg, null, 0);
          }
          AppFacts app = app(root, group, start.orElse(null), dockerfile.orElse(null));
          apps.add(app);
          for (AppFacts.OutboundCall call : app.outboundCalls()) {
            String host = Urls.host(call.url());
            if (call.envVar() == null && host != null && SystemModel.looksLikeClusterHost(host)) {
              hosts.add(
                  new HostReference(host, Urls.port(call.url()), OUTBOUND_VIA, call.location()));
            }
          }
        });
    return new Assembled(apps, hosts);
  }

  /** The application folder of a file (paths relative to the scan root, "" for the root itself). */
  static String root(String path, Set<String> dockerDirs, Set<String> manifestDirs) {
    String dir = parent(path);
    for (Set<String> markers : List.of(dockerDirs, manifestDirs)) {
      for (String d = dir; d != null; d = d.isEmpty() ? null : parent(d)) {
        if (markers.contains(d)) {
          return d;
        }
      }
    }
    return dir;
  }

  /**
   * The project folder of a file below its Dockerfile's folder that the Dockerfile never copies by
   * name (a sidecar's code, a tool with its own manifest): that code runs somewhere else, so it is
   * an application of its own, not part of the image. Null when the file belongs to the image.
   */
  static String ownProject(
      String path, String root, Set<String> manifestDirs, List<Dockerfile> dockerfiles) {
    if (dockerfiles.isEmpty()) {
      return null;
    }
    String project = null;
    for (String d = parent(path); !d.equals(root) && !d.isEmpty(); d = parent(d)) {
      if (manifestDirs.contains(d)) {
        project = d;
        break;
      }
    }
    if (project == null) {
      return null;
    }
    String inContext = root.isEmpty() ? project : project.substring(root.length() + 1);
    List<String> sources =
        dockerfiles.stream()
            .flatMap(d -> d.stages().stream())
            .flatMap(st -> st.copies().stream())
            .filter(c -> c.from() == null)
            .flatMap(c -> c.sources().stream())
            .map(src -> src.replaceFirst("^\\./", "").replaceFirst("/+$", ""))
            .toList();
    // A Dockerfile that copies nothing from its context tells nothing about what it leaves out.
    boolean copied =
        sources.isEmpty()
            || sources.stream()
                .anyMatch(
                    src ->
                        src.equals(".")
                            || src.isEmpty()
                            || inContext.equals(src)
                            || inContext.startsWith(src + "/")
                            || src.startsWith(inContext + "/"));
    return copied ? null : project;
  }

  private static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  /** Of the Dockerfiles in an app's folder, the plain {@code Dockerfile} first, then by name. */
  private static Optional<Dockerfile> dockerfileIn(List<Dockerfile> inFolder) {
    return inFolder.stream()
        .min(
            Comparator.comparing((Dockerfile d) -> !d.path().endsWith("Dockerfile"))
                .thenComparing(Dockerfile::path));
  }

  private static AppFacts app(
      String root, List<SourceFacts> group, StartCommand start, Dockerfile dockerfile) {
    SourceFacts entry = start == null ? null : entryOf(start, root, group, dockerfile);
    if (entry == null) {
      entry = serverFile(group);
    }
    AppFacts.Language language = entry != null ? entry.language() : majorityLanguage(group);
    List<SourceFacts> members = group.stream().filter(f -> f.language() == language).toList();
    String framework =
        entry != null && entry.framework() != null
            ? entry.framework()
            : members.stream()
                .map(SourceFacts::framework)
                .filter(f -> f != null)
                .findFirst()
                .orElse(null);

    List<AppFacts.ListenPort> listens = new ArrayList<>();
    if (start != null && (start.listens() || start.kind() == StartCommand.Kind.PYTHON_SERVER)) {
      // The server program binds, not the code: app.run() under __main__ never runs. A server
      // whose bind is in a config file leaves the port unknown.
      if (start.listens()) {
        listens.add(
            new AppFacts.ListenPort(start.port(), start.portEnv(), start.host(), start.location()));
      }
    } else if (entry != null && !entry.listens().isEmpty()) {
      listens.addAll(entry.listens());
    } else {
      members.forEach(f -> listens.addAll(f.listens()));
    }

    List<AppFacts.Route> routes = new ArrayList<>();
    List<AppFacts.EnvRead> envReads = new ArrayList<>();
    List<AppFacts.OutboundCall> calls = new ArrayList<>();
    Map<String, Hazard> hazards = new LinkedHashMap<>();
    boolean devServerRuns =
        start != null && start.kind() == StartCommand.Kind.PYTHON_SCRIPT && entry != null;
    for (SourceFacts f : members) {
      routes.addAll(f.routes());
      boolean script =
          f != entry
              && SCRIPT_DIR
                  .matcher(f.path().substring(root.isEmpty() ? 0 : root.length() + 1))
                  .matches();
      for (AppFacts.EnvRead read : f.envReads()) {
        // A maintenance script beside the server stops itself, not the server, when its env is
        // missing.
        envReads.add(
            script && read.required()
                ? new AppFacts.EnvRead(read.name(), false, read.defaultValue(), read.location())
                : read);
      }
      calls.addAll(f.outboundCalls());
      for (Hazard h : f.hazards()) {
        // app.run() is the dev server only when the container runs that very file.
        if (h.kind() != Hazard.Kind.DEV_SERVER || devServerRuns && f == entry) {
          hazards.putIfAbsent(key(h), h);
        }
      }
    }
    if (start != null && start.devServer() != null) {
      hazards.putIfAbsent(key(start.devServer()), start.devServer());
    }
    // An extractor may judge its health routes itself (the Go one does): one finding per route.
    Set<String> judged = new HashSet<>();
    hazards.values().stream()
        .filter(h -> h.kind() == Hazard.Kind.HEALTH_ALWAYS_FAILS && h.route() != null)
        .forEach(h -> judged.add(h.route().substring(h.route().lastIndexOf(' ') + 1)));
    for (AppFacts.Route r : routes) {
      if (HealthPaths.isHealthCheck(r.path())
          && !judged.contains(r.path())
          && !r.statuses().isEmpty()
          && r.statuses().stream().allMatch(s -> s >= 500)) {
        Hazard h =
            new Hazard.HealthAlwaysFails(
                (r.method().equals("*") ? "" : r.method() + " ") + r.path(),
                r.location(),
                r.statuses());
        hazards.putIfAbsent(key(h), h);
      }
    }
    SourceFacts.RoutePrefix prefix =
        members.stream()
            .map(SourceFacts::routePrefix)
            .filter(p -> p != null)
            .findFirst()
            .orElse(null);
    return new AppFacts(
        root,
        language,
        framework,
        entry == null ? null : entry.path(),
        listens,
        prefix == null ? routes : prefixed(routes, prefix),
        envReads,
        calls,
        List.copyOf(hazards.values()));
  }

  /** The routes as served under the app's global prefix (NestJS {@code setGlobalPrefix}). */
  private static List<AppFacts.Route> prefixed(
      List<AppFacts.Route> routes, SourceFacts.RoutePrefix prefix) {
    return routes.stream()
        .map(
            r ->
                new AppFacts.Route(
                    r.method(), prefix.apply(r.path()), r.statuses(), r.handler(), r.location()))
        .toList();
  }

  private static String key(Hazard h) {
    return h.kind() + "@" + h.location().display();
  }

  /** The source file a start command runs, found among the application's files. */
  static SourceFacts entryOf(
      StartCommand start, String root, List<SourceFacts> group, Dockerfile dockerfile) {
    if (start.target() == null) {
      return null;
    }
    String workdir =
        dockerfile == null ? null : dockerfile.finalStage().map(s -> s.workdir()).orElse(null);
    List<String> candidates = new ArrayList<>();
    String target = start.target();
    switch (start.kind()) {
      case PYTHON_MODULE, PYTHON_SERVER -> {
        String path = target.replace('.', '/');
        candidates.add(path + ".py");
        candidates.add(path + "/__init__.py");
        candidates.add(path + "/__main__.py");
      }
      case PYTHON_SCRIPT -> candidates.add(relative(target, workdir));
      case NODE_SCRIPT -> {
        String path = relative(target, workdir);
        String stem = path.replaceFirst("\\.(c|m)?(j|t)s$", "");
        candidates.add(path);
        for (String ext : List.of(".js", ".ts", ".mjs", ".cjs", "/index.js", "/index.ts")) {
          candidates.add(stem + ext);
        }
        // node dist/server.js runs the build of src/server.ts
        String source = stem.replaceFirst("^(dist|build|out|lib)/", "src/");
        candidates.add(source + ".ts");
        candidates.add(source + ".js");
      }
      default -> {}
    }
    for (String candidate : candidates) {
      String full = root.isEmpty() ? candidate : root + "/" + candidate;
      for (SourceFacts f : group) {
        if (f.path().equals(full)) {
          return f;
        }
      }
    }
    // COPY src/ /app/ then python main.py: match by the tail of the path, when only one file fits.
    for (String candidate : candidates) {
      List<SourceFacts> tails =
          group.stream().filter(f -> f.path().endsWith("/" + candidate)).toList();
      if (tails.size() == 1) {
        return tails.get(0);
      }
    }
    return null;
  }

  private static String relative(String target, String workdir) {
    String t = target.startsWith("./") ? target.substring(2) : target;
    if (t.startsWith("/")) {
      String w = workdir == null ? null : workdir.endsWith("/") ? workdir : workdir + "/";
      t = w != null && t.startsWith(w) ? t.substring(w.length()) : t.substring(1);
    }
    return t;
  }

  /** The file that starts a server, when the start command does not say: one, or the best named. */
  private static SourceFacts serverFile(List<SourceFacts> group) {
    List<SourceFacts> servers = group.stream().filter(SourceFacts::startsServer).toList();
    if (servers.size() <= 1) {
      return servers.isEmpty() ? null : servers.get(0);
    }
    return servers.stream()
        .min(
            Comparator.comparingInt((SourceFacts f) -> nameRank(f.path()))
                .thenComparingInt(f -> f.path().length())
                .thenComparing(SourceFacts::path))
        .orElse(null);
  }

  private static int nameRank(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1).replaceFirst("\\.[^.]*$", "");
    int rank = ENTRY_NAMES.indexOf(name);
    return rank < 0 ? ENTRY_NAMES.size() : rank;
  }

  private static AppFacts.Language majorityLanguage(List<SourceFacts> group) {
    Map<AppFacts.Language, Integer> counts = new TreeMap<>();
    Set<AppFacts.Language> withFacts = new HashSet<>();
    for (SourceFacts f : group) {
      counts.merge(f.language(), 1, Integer::sum);
      if (!f.routes().isEmpty() || !f.listens().isEmpty()) {
        withFacts.add(f.language());
      }
    }
    return counts.entrySet().stream()
        .max(
            Comparator.comparing(
                    (Map.Entry<AppFacts.Language, Integer> e) -> withFacts.contains(e.getKey()))
                .thenComparing(Map.Entry::getValue))
        .map(Map.Entry::getKey)
        .orElse(AppFacts.Language.PYTHON);
  }
}
