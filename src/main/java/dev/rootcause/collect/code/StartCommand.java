package dev.rootcause.collect.code;

import dev.rootcause.model.SourceLocation;
import dev.rootcause.model.app.Hazard;
import dev.rootcause.model.docker.Dockerfile;
import dev.rootcause.model.docker.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a container's start command runs, read from the image's ENTRYPOINT and CMD: the program
 * ({@code python}, {@code gunicorn}, {@code node}, {@code npm start} through package.json), the
 * file or module it starts, the port its options bind, and whether it is a development server.
 */
public record StartCommand(
    Kind kind,
    String target,
    Integer port,
    String portEnv,
    String host,
    boolean listens,
    Hazard.DevServer devServer,
    String display,
    SourceLocation location) {

  /** How the process is started, which says how {@code target} names the code. */
  public enum Kind {
    /** {@code python app.py}: target is a path. */
    PYTHON_SCRIPT,
    /** {@code python -m pkg.mod}: target is a module. */
    PYTHON_MODULE,
    /** gunicorn, uvicorn, hypercorn, flask run: target is the module holding the app. */
    PYTHON_SERVER,
    /** {@code node server.js}, ts-node, nodemon: target is a path. */
    NODE_SCRIPT
  }

  private static final Pattern ENV_REF =
      Pattern.compile("^\\$\\{?([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?}?$");
  private static final int MAX_DEPTH = 3;

  /** Flags of gunicorn, uvicorn and flask that take no value. */
  private static final Set<String> NO_VALUE_FLAGS =
      Set.of(
          "--reload",
          "--preload",
          "--daemon",
          "-D",
          "--debug",
          "--proxy-headers",
          "--no-proxy-headers",
          "--no-access-log",
          "--access-log",
          "--use-colors",
          "--no-use-colors",
          "--factory",
          "--debugger",
          "--no-debugger",
          "--no-reload",
          "--with-threads",
          "--without-threads",
          "--eager-loading",
          "--lazy-loading");

  /** Flags of node that take a value. */
  private static final Set<String> NODE_VALUE_FLAGS =
      Set.of("-r", "--require", "--loader", "--import", "--env-file", "--watch-path", "-e");

  /**
   * The scripts and main file of a package.json, for {@code npm start}; {@code browserOnly} when
   * its dependencies are a front-end's (React, Vue, a bundler) and no server framework's.
   */
  public record PackageScripts(
      String main,
      Map<String, String> scripts,
      boolean browserOnly,
      String path,
      Map<String, Integer> lines)
      implements java.io.Serializable {
    public PackageScripts {
      scripts = Map.copyOf(scripts);
      lines = Map.copyOf(lines);
    }

    public PackageScripts(String main, Map<String, String> scripts, boolean browserOnly) {
      this(main, scripts, browserOnly, null, Map.of());
    }

    public PackageScripts(String main, Map<String, String> scripts) {
      this(main, scripts, false);
    }
  }

  /**
   * What the final stage of a Dockerfile starts, when rootcause can tell. A stage's CMD and
   * ENTRYPOINT include what it inherits from a stage it is built FROM (see {@link Stage}).
   */
  public static Optional<StartCommand> of(Dockerfile dockerfile, PackageScripts pkg) {
    return dockerfile.finalStage().flatMap(stage -> of(stage, pkg));
  }

  static Optional<StartCommand> of(Stage stage, PackageScripts pkg) {
    Stage.Command entrypoint = stage.entrypoint();
    List<String> argv = argv(stage);
    if (argv.isEmpty()) {
      return Optional.empty();
    }
    SourceLocation at = runsEntrypoint(stage) ? entrypoint.location() : stage.cmd().location();
    return interpret(argv, stage.env(), pkg, at, 0);
  }

  private static boolean runsEntrypoint(Stage stage) {
    Stage.Command entrypoint = stage.entrypoint();
    return entrypoint != null && !entrypoint.argv().isEmpty() && !isWrapper(entrypoint.argv());
  }

  /** The words the stage starts with: its ENTRYPOINT with the CMD as arguments, or the CMD. */
  private static List<String> argv(Stage stage) {
    Stage.Command entrypoint = stage.entrypoint();
    Stage.Command cmd = stage.cmd();
    List<String> argv = new ArrayList<>();
    if (runsEntrypoint(stage)) {
      argv.addAll(entrypoint.argv());
      if (!entrypoint.shellForm() && cmd != null) {
        argv.addAll(cmd.shellForm() ? List.of(cmd.argv().get(cmd.argv().size() - 1)) : cmd.argv());
      }
    } else if (cmd != null) {
      argv.addAll(cmd.argv());
    }
    return argv;
  }

  /**
   * The package.json scripts the stage's start command runs through npm, yarn or pnpm ({@code npm
   * start}, then the {@code npm run build} its line calls), in the order they run: their flags
   * ({@code node --max-old-space-size=4096}) are the process's own. A script it never runs (a
   * {@code dev} script) is not among them.
   */
  public static List<String> scriptsRun(Stage stage, PackageScripts pkg) {
    List<String> out = new ArrayList<>();
    if (pkg != null) {
      scriptsRun(argv(stage), pkg, out, 0);
    }
    return out;
  }

  private static void scriptsRun(
      List<String> argv, PackageScripts pkg, List<String> out, int depth) {
    if (argv.isEmpty() || depth > MAX_DEPTH) {
      return;
    }
    String first = basename(argv.get(0));
    if (Set.of("sh", "bash", "ash").contains(first)
        && argv.size() >= 3
        && argv.get(1).equals("-c")) {
      commands(argv.get(2)).forEach(c -> scriptsRun(c, pkg, out, depth + 1));
      return;
    }
    List<String> a = stripWrappers(argv);
    if (a.isEmpty() || !Set.of("npm", "yarn", "pnpm").contains(basename(a.get(0)))) {
      return;
    }
    String script = scriptName(basename(a.get(0)), a.subList(1, a.size()));
    String line = script == null ? null : pkg.scripts().get(script);
    if (line == null || out.contains(script)) {
      return;
    }
    out.add(script);
    commands(line).forEach(c -> scriptsRun(c, pkg, out, depth + 1));
  }

  /** {@code ENTRYPOINT ["docker-entrypoint.sh"]}, tini, dumb-init: they run the CMD. */
  private static boolean isWrapper(List<String> argv) {
    String first = basename(argv.get(0));
    return argv.size() <= 2
        && (first.endsWith(".sh") || first.equals("tini") || first.equals("dumb-init"));
  }

  static Optional<StartCommand> interpret(
      List<String> argv,
      Map<String, String> env,
      PackageScripts pkg,
      SourceLocation at,
      int depth) {
    if (argv.isEmpty() || depth > MAX_DEPTH) {
      return Optional.empty();
    }
    String first = basename(argv.get(0));
    if ((first.equals("sh") || first.equals("bash") || first.equals("ash"))
        && argv.size() >= 3
        && argv.get(1).equals("-c")) {
      return shell(argv.get(2), env, pkg, at, depth);
    }
    List<String> a = stripWrappers(argv);
    if (a.isEmpty()) {
      return Optional.empty();
    }
    String program = basename(a.get(0));
    List<String> rest = a.subList(1, a.size());
    String display = String.join(" ", a);
    if (program.matches("python[0-9.]*|pypy[0-9.]*")) {
      return python(rest, env, pkg, at, depth, display);
    }
    return switch (program) {
      case "gunicorn", "hypercorn" -> Optional.of(gunicorn(rest, env, at, display));
      case "uvicorn" -> Optional.of(uvicorn(rest, at, display));
      case "flask" -> flaskRun(rest, env, at, display);
      case "node", "nodejs", "ts-node", "tsx", "nodemon", "ts-node-dev" ->
          node(program, rest, pkg, at, display);
      case "npm", "yarn", "pnpm" -> npm(program, rest, env, pkg, at, depth);
      default -> Optional.empty();
    };
  }

  /** A shell command line: the last command of an {@code a && b} chain is the one that stays up. */
  private static Optional<StartCommand> shell(
      String line, Map<String, String> env, PackageScripts pkg, SourceLocation at, int depth) {
    List<List<String>> commands = commands(line);
    for (int i = commands.size() - 1; i >= 0; i--) {
      Optional<StartCommand> found = interpret(commands.get(i), env, pkg, at, depth + 1);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /** The commands of a shell line, split at {@code &&}, {@code ;}, {@code ||} and pipes. */
  private static List<List<String>> commands(String line) {
    List<List<String>> commands = new ArrayList<>();
    List<String> current = new ArrayList<>();
    for (String token : split(line)) {
      if (token.equals("&&")
          || token.equals(";")
          || token.equals("||")
          || token.equals("|")
          || token.equals("&")) {
        commands.add(current);
        current = new ArrayList<>();
      } else {
        current.add(token);
      }
    }
    commands.add(current);
    return commands;
  }

  private static List<String> stripWrappers(List<String> argv) {
    List<String> a = new ArrayList<>(argv);
    while (!a.isEmpty()) {
      String t = basename(a.get(0));
      if (t.equals("exec")
          || t.equals("env")
          || t.equals("--")
          || t.equals("tini")
          || t.equals("dumb-init")
          || t.equals("ddtrace-run")
          || t.equals("opentelemetry-instrument")
          || t.matches("[A-Za-z_][A-Za-z0-9_]*=.*")
          || t.endsWith(".sh") && a.size() > 1) {
        a.remove(0);
      } else if ((t.equals("gosu") || t.equals("su-exec")) && a.size() > 2) {
        a.subList(0, 2).clear();
      } else if ((t.equals("poetry") || t.equals("pipenv") || t.equals("uv"))
          && a.size() > 2
          && a.get(1).equals("run")) {
        a.subList(0, 2).clear();
      } else if (t.equals("newrelic-admin") && a.size() > 2) {
        a.subList(0, 2).clear();
      } else {
        break;
      }
    }
    return a;
  }

  private static Optional<StartCommand> python(
      List<String> rest,
      Map<String, String> env,
      PackageScripts pkg,
      SourceLocation at,
      int depth,
      String display) {
    for (int i = 0; i < rest.size(); i++) {
      String t = rest.get(i);
      if (t.equals("-m") && i + 1 < rest.size()) {
        String module = rest.get(i + 1);
        List<String> after = rest.subList(i + 2, rest.size());
        return switch (module) {
          case "gunicorn", "uvicorn", "flask", "hypercorn" -> {
            List<String> argv = new ArrayList<>();
            argv.add(module);
            argv.addAll(after);
            yield interpret(argv, env, pkg, at, depth + 1);
          }
          default ->
              Optional.of(
                  new StartCommand(
                      Kind.PYTHON_MODULE, module, null, null, null, false, null, display, at));
        };
      }
      if (t.equals("-W") || t.equals("-X")) {
        i++;
        continue;
      }
      if (t.startsWith("-")) {
        continue;
      }
      if (basename(t).equals("manage.py")
          && i + 1 < rest.size()
          && rest.get(i + 1).equals("runserver")) {
        String address =
            i + 2 < rest.size() && !rest.get(i + 2).startsWith("-") ? rest.get(i + 2) : null;
        Bind bind = address == null ? new Bind(8000, null, "127.0.0.1") : bind(address, null);
        return Optional.of(
            new StartCommand(
                Kind.PYTHON_SCRIPT,
                t,
                bind.port(),
                bind.env(),
                bind.host(),
                true,
                devServer(Hazard.DevServer.Tool.DJANGO, "manage.py runserver", at),
                display,
                at));
      }
      return Optional.of(
          new StartCommand(Kind.PYTHON_SCRIPT, t, null, null, null, false, null, display, at));
    }
    return Optional.empty();
  }

  private record Bind(Integer port, String env, String host) {}

  /**
   * {@code 0.0.0.0:8080}, {@code :8080}, {@code [::]:8080}, {@code 0.0.0.0:$PORT}; unix sockets
   * unknown.
   */
  private static Bind bind(String address, Integer defaultPort) {
    if (address.startsWith("unix:") || address.startsWith("fd://")) {
      return null;
    }
    int dollar = address.indexOf('$');
    // 0.0.0.0:${PORT:-8000}: the port starts at the colon before the variable
    int colon = dollar >= 0 ? address.lastIndexOf(':', dollar) : address.lastIndexOf(':');
    String host = colon < 0 ? null : address.substring(0, colon);
    String port = colon < 0 ? address : address.substring(colon + 1);
    if (colon < 0 && !port.matches("\\d+|\\$.*")) {
      return new Bind(defaultPort, null, address);
    }
    Port p = port(port);
    return new Bind(p.number(), p.env(), host == null || host.isEmpty() ? null : host);
  }

  private record Port(Integer number, String env) {}

  private static Port port(String text) {
    Matcher m = ENV_REF.matcher(text);
    if (m.matches()) {
      Integer def =
          m.group(2) != null && m.group(2).matches("\\d+") ? Integer.parseInt(m.group(2)) : null;
      return new Port(def, m.group(1));
    }
    return text.matches("\\d{1,5}") ? new Port(Integer.parseInt(text), null) : new Port(null, null);
  }

  private static StartCommand gunicorn(
      List<String> rest, Map<String, String> env, SourceLocation at, String display) {
    Bind bind = null;
    boolean configured = env.containsKey("GUNICORN_CMD_ARGS");
    String target = null;
    for (int i = 0; i < rest.size(); i++) {
      String t = rest.get(i);
      String value = null;
      String option = t;
      if (t.startsWith("--") && t.contains("=")) {
        option = t.substring(0, t.indexOf('='));
        value = t.substring(t.indexOf('=') + 1);
      } else if (t.startsWith("-") && i + 1 < rest.size() && takesValue(t)) {
        value = rest.get(++i);
      }
      switch (option) {
        case "-b", "--bind" -> {
          if (bind == null && value != null) {
            bind = bind(value, 8000);
            configured |= bind == null;
          }
        }
        case "-c", "--config" -> configured = true;
        default -> {
          if (!t.startsWith("-")) {
            target = t;
          }
        }
      }
    }
    String module = target == null ? null : target.split(":")[0];
    if (bind != null) {
      return new StartCommand(
          Kind.PYTHON_SERVER,
          module,
          bind.port(),
          bind.env(),
          bind.host(),
          true,
          null,
          display,
          at);
    }
    // No --bind: gunicorn listens on 127.0.0.1:8000, or 0.0.0.0:$PORT when PORT is set.
    return new StartCommand(
        Kind.PYTHON_SERVER, module, 8000, "PORT", "127.0.0.1", !configured, null, display, at);
  }

  private static boolean takesValue(String option) {
    return !NO_VALUE_FLAGS.contains(option);
  }

  private static StartCommand uvicorn(List<String> rest, SourceLocation at, String display) {
    Port port = null;
    String host = "127.0.0.1";
    boolean socket = false;
    boolean reload = false;
    String target = null;
    for (int i = 0; i < rest.size(); i++) {
      String t = rest.get(i);
      String option = t.contains("=") && t.startsWith("--") ? t.substring(0, t.indexOf('=')) : t;
      String value =
          t.contains("=") && t.startsWith("--")
              ? t.substring(t.indexOf('=') + 1)
              : t.startsWith("-") && takesValue(t) && i + 1 < rest.size() ? rest.get(i + 1) : null;
      if (value != null && !t.contains("=")) {
        i++;
      }
      switch (option) {
        case "--port" -> port = value == null ? null : port(value);
        case "--host" -> host = value;
        case "--uds", "--fd" -> socket = true;
        case "--reload" -> reload = true;
        default -> {
          if (!t.startsWith("-")) {
            target = t;
          }
        }
      }
    }
    Port p = port == null ? new Port(8000, "UVICORN_PORT") : port;
    return new StartCommand(
        Kind.PYTHON_SERVER,
        target == null ? null : target.split(":")[0],
        p.number(),
        p.env(),
        host,
        !socket,
        reload ? devServer(Hazard.DevServer.Tool.AUTO_RELOAD, "uvicorn --reload", at) : null,
        display,
        at);
  }

  private static Optional<StartCommand> flaskRun(
      List<String> rest, Map<String, String> env, SourceLocation at, String display) {
    String app = env.get("FLASK_APP");
    int run = rest.indexOf("run");
    if (run < 0) {
      return Optional.empty();
    }
    for (int i = 0; i < run; i++) {
      if (rest.get(i).equals("--app") && i + 1 < run) {
        app = rest.get(i + 1);
      } else if (rest.get(i).startsWith("--app=")) {
        app = rest.get(i).substring(6);
      }
    }
    Port port = new Port(5000, "FLASK_RUN_PORT");
    String host = "127.0.0.1";
    for (int i = run + 1; i < rest.size(); i++) {
      String t = rest.get(i);
      String next = i + 1 < rest.size() ? rest.get(i + 1) : null;
      if ((t.equals("-p") || t.equals("--port")) && next != null) {
        port = port(next);
      } else if (t.startsWith("--port=")) {
        port = port(t.substring(7));
      } else if ((t.equals("-h") || t.equals("--host")) && next != null) {
        host = next;
      } else if (t.startsWith("--host=")) {
        host = t.substring(7);
      }
    }
    String module = app == null ? null : app.split(":")[0].replace(".py", "");
    return Optional.of(
        new StartCommand(
            Kind.PYTHON_SERVER,
            module,
            port.number(),
            port.env(),
            host,
            true,
            devServer(Hazard.DevServer.Tool.FLASK, "flask run", at),
            display,
            at));
  }

  private static Optional<StartCommand> node(
      String program, List<String> rest, PackageScripts pkg, SourceLocation at, String display) {
    Hazard.DevServer dev =
        program.equals("nodemon") || program.equals("ts-node-dev")
            ? devServer(Hazard.DevServer.Tool.FILE_WATCHER, program, at)
            : null;
    for (int i = 0; i < rest.size(); i++) {
      String t = rest.get(i);
      if (NODE_VALUE_FLAGS.contains(t)) {
        i++;
        continue;
      }
      if (t.startsWith("-")) {
        continue;
      }
      String script = t.equals(".") && pkg != null && pkg.main() != null ? pkg.main() : t;
      return Optional.of(
          new StartCommand(Kind.NODE_SCRIPT, script, null, null, null, false, dev, display, at));
    }
    return Optional.empty();
  }

  /**
   * {@code npm start}, {@code npm run x}, {@code yarn x}: the package.json script, read in turn.
   */
  private static Optional<StartCommand> npm(
      String program,
      List<String> rest,
      Map<String, String> env,
      PackageScripts pkg,
      SourceLocation at,
      int depth) {
    String script = scriptName(program, rest);
    if (script == null) {
      return Optional.empty();
    }
    String line = pkg == null ? null : pkg.scripts().get(script);
    if (line == null && script.equals("start")) {
      // npm's own default: node server.js (package.json main is what tools run when it is set)
      line = "node " + (pkg != null && pkg.main() != null ? pkg.main() : "server.js");
    }
    return line == null ? Optional.empty() : shell(line, env, pkg, at, depth);
  }

  /** The script {@code npm start}, {@code npm run x} or {@code yarn x} runs, or null. */
  private static String scriptName(String program, List<String> rest) {
    List<String> words = rest.stream().filter(w -> !w.startsWith("-")).toList();
    if (words.isEmpty()) {
      return null;
    }
    return switch (words.get(0)) {
      case "start" -> "start";
      case "run", "run-script" -> words.size() > 1 ? words.get(1) : null;
      default -> program.equals("npm") ? null : words.get(0);
    };
  }

  /** Splits a shell command line into words, honouring quotes (no expansion). */
  static List<String> split(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else if (c == ';' || c == '&' || c == '|') {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
        boolean doubled = i + 1 < line.length() && line.charAt(i + 1) == c && c != ';';
        words.add(doubled ? "" + c + c : String.valueOf(c));
        i += doubled ? 1 : 0;
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }

  private static String basename(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.substring(slash + 1);
  }

  /** A development server the command starts; without a location there is nothing to point at. */
  private static Hazard.DevServer devServer(
      Hazard.DevServer.Tool tool, String launch, SourceLocation at) {
    return at == null ? null : new Hazard.DevServer(at, tool, launch, false, false);
  }
}
