package dev.rootcause.collect.code.python;

import dev.rootcause.collect.code.ControlFlow;
import dev.rootcause.collect.code.FactsSink;
import dev.rootcause.collect.code.Numbers;
import dev.rootcause.collect.code.SourceFacts;
import dev.rootcause.collect.syntax.Node;
import dev.rootcause.model.app.AppFacts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The facts of one Python file: names and values first (imports, module-level assignments, app
 * objects), then routes and their status codes, env reads, listen calls and outbound calls. Handler
 * hazards are {@link PythonHazards}'. One instance per file; every list is filled by a single walk
 * of the tree, so the work stays linear in the file's size.
 */
final class PythonFile {
  static final ControlFlow FLOW =
      new ControlFlow(
          Set.of("for_statement", "while_statement"),
          Set.of("function_definition", "lambda"),
          Set.of(
              "if_statement",
              "elif_clause",
              "else_clause",
              "conditional_expression",
              "except_clause"),
          "raise_statement");
  final PythonEnv env = new PythonEnv(this);
  final PythonRoutes routing = new PythonRoutes(this);
  final PythonOutbound clients = new PythonOutbound(this);

  static final Set<String> HTTP_METHODS =
      Set.of("get", "post", "put", "delete", "patch", "head", "options");
  static final Set<String> ENV_GETTERS =
      Set.of("os.environ.get", "os.getenv", "os.environ.setdefault");
  static final Set<String> EXITS = Set.of("sys.exit", "exit", "quit", "os._exit", "os.abort");
  static final Map<String, String> APP_TYPES =
      Map.ofEntries(
          Map.entry("flask.Flask", "flask"),
          Map.entry("quart.Quart", "flask"),
          Map.entry("fastapi.FastAPI", "fastapi"),
          Map.entry("flask.Blueprint", "blueprint"),
          Map.entry("fastapi.APIRouter", "router"),
          Map.entry("aiohttp.web.Application", "aiohttp"),
          Map.entry("aiohttp.web.RouteTableDef", "router"),
          Map.entry("flask_socketio.SocketIO", "socketio"));
  static final Map<String, Integer> NAMED_STATUSES =
      Map.ofEntries(
          Map.entry("OK", 200),
          Map.entry("CREATED", 201),
          Map.entry("ACCEPTED", 202),
          Map.entry("NO_CONTENT", 204),
          Map.entry("BAD_REQUEST", 400),
          Map.entry("BADREQUEST", 400),
          Map.entry("UNAUTHORIZED", 401),
          Map.entry("FORBIDDEN", 403),
          Map.entry("NOT_FOUND", 404),
          Map.entry("NOTFOUND", 404),
          Map.entry("CONFLICT", 409),
          Map.entry("INTERNAL_SERVER_ERROR", 500),
          Map.entry("INTERNALSERVERERROR", 500),
          Map.entry("BAD_GATEWAY", 502),
          Map.entry("BADGATEWAY", 502),
          Map.entry("SERVICE_UNAVAILABLE", 503),
          Map.entry("SERVICEUNAVAILABLE", 503),
          Map.entry("GATEWAY_TIMEOUT", 504),
          Map.entry("GATEWAYTIMEOUT", 504));

  final FactsSink out;
  final Node module;
  final Map<String, String> imports = new HashMap<>();
  final Map<String, Node> moduleValues = new HashMap<>();
  final Map<String, Node> functions = new HashMap<>();
  final Map<String, String> appVars = new HashMap<>();
  final Map<String, String> prefixes = new HashMap<>();
  final Set<Node> startupFunctions = new LinkedHashSet<>();
  final Map<Node, Map<String, Node>> localValues = new HashMap<>();
  final List<Handler> handlers = new ArrayList<>();
  final Map<Node, String> routeByFunction = new HashMap<>();

  final List<Node> calls = new ArrayList<>();
  final List<Node> subscripts = new ArrayList<>();
  final List<Node> loops = new ArrayList<>();
  final List<Node> ifs = new ArrayList<>();
  final List<Node> decorated = new ArrayList<>();
  final List<Node> classes = new ArrayList<>();
  final List<Node> withStatements = new ArrayList<>();
  final List<Node> assignments = new ArrayList<>();
  final List<Node> deletes = new ArrayList<>();
  final List<Node> functionDefs = new ArrayList<>();
  boolean startsServer;
  String framework;

  /** A request handler: its function, the route it serves ("GET /x"), and its default status. */
  record Handler(Node function, String route, Integer defaultStatus) {}

  PythonFile(Node module, FactsSink out) {
    this.module = module;
    this.out = out;
  }

  SourceFacts extract() {
    index();
    routing.routes();
    routing.djangoViews();
    env.envReads();
    routing.listens();
    clients.outboundCalls();
    new PythonHazards(this).find();
    return out.build(AppFacts.Language.PYTHON, framework, startsServer);
  }

  // ---- One walk: every node of interest, by type -------------------------------------------

  void index() {
    module.walk(
        n -> {
          switch (n.type()) {
            case "import_statement", "import_from_statement" -> importStatement(n);
            case "call" -> calls.add(n);
            case "subscript" -> subscripts.add(n);
            case "for_statement", "while_statement" -> loops.add(n);
            case "if_statement", "elif_clause" -> ifs.add(n);
            case "decorated_definition" -> decorated.add(n);
            case "class_definition" -> classes.add(n);
            case "with_statement" -> withStatements.add(n);
            case "assignment", "augmented_assignment" -> assignments.add(n);
            case "delete_statement" -> deletes.add(n);
            case "function_definition" -> functionDefs.add(n);
            default -> {}
          }
        });
    for (Node statement : module.children()) {
      Node def = statement.is("decorated_definition") ? statement.child("definition") : statement;
      if (def != null && def.is("function_definition") && def.child("name") != null) {
        functions.put(def.child("name").text(), def);
      }
      Node assignment = statement.is("expression_statement") ? statement.namedChild(0) : null;
      if (assignment != null
          && assignment.is("assignment")
          && assignment.child("right") != null
          && assignment.child("left").is("identifier")) {
        moduleValues.put(assignment.child("left").text(), assignment.child("right"));
      }
    }
    for (Node a : assignments) {
      Node left = a.child("left");
      Node right = a.child("right");
      if (a.is("assignment")
          && left != null
          && left.is("identifier")
          && right != null
          && right.is("call")) {
        String constructor = qname(right.child("function"));
        String kind = constructor == null ? null : APP_TYPES.get(constructor);
        if (kind != null) {
          appVars.put(left.text(), kind);
          String prefix =
              stringValue(kwarg(right, kind.equals("blueprint") ? "url_prefix" : "prefix"));
          if (prefix != null) {
            prefixes.put(left.text(), prefix);
          }
        }
      }
    }
    for (Node call : calls) {
      Node fn = call.child("function");
      if (fn != null
          && fn.is("identifier")
          && functions.containsKey(fn.text())
          && enclosingFunction(call) == null) {
        startupFunctions.add(functions.get(fn.text()));
      }
    }
    framework = frameworkFromImports();
  }

  void importStatement(Node n) {
    if (n.is("import_statement")) {
      for (Node name : n.children("name")) {
        if (name.is("aliased_import")) {
          imports.put(name.child("alias").text(), name.child("name").text());
        } else {
          String dotted = name.text();
          String first = dotted.contains(".") ? dotted.substring(0, dotted.indexOf('.')) : dotted;
          imports.put(first, first);
        }
      }
      return;
    }
    Node moduleName = n.child("module_name");
    if (moduleName == null) {
      return;
    }
    String from = moduleName.text();
    for (Node name : n.children("name")) {
      if (name.is("aliased_import")) {
        imports.put(name.child("alias").text(), from + "." + name.child("name").text());
      } else {
        imports.put(name.text(), from + "." + name.text());
      }
    }
  }

  /** The web framework the file imports, in order of how specific the import is. */
  String frameworkFromImports() {
    Set<String> modules = new LinkedHashSet<>();
    for (String q : imports.values()) {
      modules.add(q.contains(".") ? q.substring(0, q.indexOf('.')) : q);
      if (q.startsWith("http.server")) {
        modules.add("http.server");
      }
    }
    for (String candidate :
        List.of("fastapi", "flask", "quart", "django", "aiohttp", "http.server")) {
      if (modules.contains(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  // ---- Names and values ----------------------------------------------------------------------

  /**
   * The dotted name an expression refers to, through imports ({@code environ.get} →
   * os.environ.get).
   */
  String qname(Node e) {
    if (e == null) {
      return null;
    }
    if (e.is("identifier")) {
      return imports.getOrDefault(e.text(), e.text());
    }
    if (e.is("attribute")) {
      String object = qname(e.child("object"));
      Node attribute = e.child("attribute");
      return object == null || attribute == null ? null : object + "." + attribute.text();
    }
    return null;
  }

  /** The last segment of what a call calls: {@code sleep} for {@code time.sleep(1)}. */
  static String calleeName(Node call) {
    Node fn = call.child("function");
    if (fn == null) {
      return "";
    }
    if (fn.is("attribute")) {
      Node attribute = fn.child("attribute");
      return attribute == null ? "" : attribute.text();
    }
    return fn.is("identifier") ? fn.text() : "";
  }

  static Node enclosingFunction(Node n) {
    return FLOW.enclosingFunction(n);
  }

  /** Whether code here runs when the process starts: module level, or a function called there. */
  boolean atStartup(Node n) {
    Node fn = enclosingFunction(n);
    return fn == null || startupFunctions.contains(fn);
  }

  /** The value an identifier was last given in its function, else at module level; null if none. */
  Node resolve(Node id) {
    if (id == null || !id.is("identifier")) {
      return null;
    }
    Node fn = enclosingFunction(id);
    if (fn != null) {
      Node local = localValues(fn).get(id.text());
      if (local != null) {
        return local;
      }
    }
    return moduleValues.get(id.text());
  }

  Map<String, Node> localValues(Node fn) {
    return localValues.computeIfAbsent(
        fn,
        f -> {
          Map<String, Node> values = new HashMap<>();
          walkBody(
              f,
              n -> {
                if (n.is("assignment")
                    && n.child("left") != null
                    && n.child("left").is("identifier")
                    && n.child("right") != null) {
                  values.put(n.child("left").text(), n.child("right"));
                } else if (n.is("as_pattern")
                    && n.child("alias") != null
                    && n.namedChild(0) != null) {
                  values.put(n.child("alias").text(), n.namedChild(0));
                }
              });
          return values;
        });
  }

  /**
   * Visits a function's own code: not nested functions, lambdas or classes (they run elsewhere).
   */
  static void walkBody(Node fn, Consumer<Node> visitor) {
    Node body = fn.is("function_definition") ? fn.child("body") : fn;
    if (body == null) {
      return;
    }
    body.walk(n -> !n.isAny("function_definition", "lambda", "class_definition"), visitor);
  }

  static List<Node> positional(Node call) {
    Node args = call.child("arguments");
    List<Node> out = new ArrayList<>();
    if (args == null || !args.is("argument_list")) {
      return out;
    }
    for (Node a : args.namedChildren()) {
      if (!a.isAny("keyword_argument", "list_splat", "dictionary_splat", "comment")) {
        out.add(a);
      }
    }
    return out;
  }

  static Node positional(Node call, int index) {
    List<Node> args = positional(call);
    return index < args.size() ? args.get(index) : null;
  }

  static Node kwarg(Node call, String name) {
    Node args = call.child("arguments");
    if (args == null) {
      return null;
    }
    for (Node a : args.namedChildren()) {
      if (a.is("keyword_argument")
          && a.child("name") != null
          && a.child("name").text().equals(name)) {
        return a.child("value");
      }
    }
    return null;
  }

  static boolean hasSplat(Node call) {
    Node args = call.child("arguments");
    return args != null && args.namedChildren().stream().anyMatch(a -> a.is("dictionary_splat"));
  }

  /** A plain string literal's value (no interpolation), else null. */
  static String stringValue(Node n) {
    if (n == null) {
      return null;
    }
    if (n.is("concatenated_string")) {
      StringBuilder sb = new StringBuilder();
      for (Node part : n.namedChildren()) {
        String v = stringValue(part);
        if (v == null) {
          return null;
        }
        sb.append(v);
      }
      return sb.toString();
    }
    if (!n.is("string")) {
      return null;
    }
    if (n.children().isEmpty()) {
      return unquote(n.text()); // copied without its parts: see Grammar.opaque
    }
    StringBuilder sb = new StringBuilder();
    for (Node c : n.children()) {
      if (c.is("interpolation")) {
        return null;
      }
      if (c.is("string_content")) {
        sb.append(c.text());
      }
    }
    return sb.toString();
  }

  /** {@code r'...'}, {@code """..."""}: the text between the quotes, escapes left as written. */
  static String unquote(String literal) {
    int i = 0;
    while (i < literal.length() && Character.isLetter(literal.charAt(i))) {
      i++;
    }
    String body = literal.substring(i);
    int quote = body.startsWith("\"\"\"") || body.startsWith("'''") ? 3 : 1;
    return body.length() >= 2 * quote ? body.substring(quote, body.length() - quote) : "";
  }

  /** A literal's text as a value: strings unquoted, numbers as written; null for anything else. */
  static String literalText(Node n) {
    if (n == null) {
      return null;
    }
    if (n.isAny("integer", "float")) {
      return n.text().replace("_", "");
    }
    if (n.isAny("true", "false")) {
      return n.text();
    }
    return stringValue(n);
  }

  static Integer intValue(Node n) {
    String text = literalText(n);
    return text == null ? null : Numbers.integer(text.trim());
  }
}
