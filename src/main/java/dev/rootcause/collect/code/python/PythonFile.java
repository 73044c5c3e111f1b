package dev.rootcause.collect.code.python;

import dev.rootcause.collect.code.FactsSink;
import dev.rootcause.collect.code.SourceFacts;
import dev.rootcause.collect.code.Urls;
import dev.rootcause.collect.syntax.Node;
import dev.rootcause.model.app.AppFacts;
import dev.rootcause.model.app.Hazard;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The facts of one Python file: names and values first (imports, module-level assignments, app
 * objects), then routes and their status codes, env reads, listen calls and outbound calls.
 * Handler hazards are {@link PythonHazards}'. One instance per file; every list is filled by a single
 * walk of the tree, so the work stays linear in the file's size.
 */
final class PythonFile {
  static final Set<String> HTTP_METHODS =
      Set.of("get", "post", "put", "delete", "patch", "head", "options");
  private static final Set<String> ENV_GETTERS =
      Set.of("os.environ.get", "os.getenv", "os.environ.setdefault");
  private static final Set<String> EXITS = Set.of("sys.exit", "exit", "quit", "os._exit", "os.abort");
  private static final Map<String, String> APP_TYPES = Map.ofEntries(
      Map.entry("flask.Flask", "flask"),
      Map.entry("quart.Quart", "flask"),
      Map.entry("fastapi.FastAPI", "fastapi"),
      Map.entry("flask.Blueprint", "blueprint"),
      Map.entry("fastapi.APIRouter", "router"),
      Map.entry("aiohttp.web.Application", "aiohttp"),
      Map.entry("aiohttp.web.RouteTableDef", "router"),
      Map.entry("flask_socketio.SocketIO", "socketio"));
  private static final Map<String, Integer> NAMED_STATUSES = Map.ofEntries(
      Map.entry("OK", 200), Map.entry("CREATED", 201), Map.entry("ACCEPTED", 202),
      Map.entry("NO_CONTENT", 204), Map.entry("BAD_REQUEST", 400), Map.entry("BADREQUEST", 400),
      Map.entry("UNAUTHORIZED", 401), Map.entry("FORBIDDEN", 403), Map.entry("NOT_FOUND", 404),
      Map.entry("NOTFOUND", 404), Map.entry("CONFLICT", 409), Map.entry("INTERNAL_SERVER_ERROR", 500),
      Map.entry("INTERNALSERVERERROR", 500), Map.entry("BAD_GATEWAY", 502),
      Map.entry("BADGATEWAY", 502), Map.entry("SERVICE_UNAVAILABLE", 503),
      Map.entry("SERVICEUNAVAILABLE", 503), Map.entry("GATEWAY_TIMEOUT", 504),
      Map.entry("GATEWAYTIMEOUT", 504));

  final FactsSink out;
  private final Node module;
  private final Map<String, String> imports = new HashMap<>();
  final Map<String, Node> moduleValues = new HashMap<>();
  final Map<String, Node> functions = new HashMap<>();
  private final Map<String, String> appVars = new HashMap<>();
  private final Map<String, String> prefixes = new HashMap<>();
  private final Set<Node> startupFunctions = new LinkedHashSet<>();
  private final Map<Node, Map<String, Node>> localValues = new HashMap<>();
  final List<Handler> handlers = new ArrayList<>();
  final Map<Node, String> routeByFunction = new HashMap<>();

  final List<Node> calls = new ArrayList<>();
  private final List<Node> subscripts = new ArrayList<>();
  final List<Node> loops = new ArrayList<>();
  final List<Node> ifs = new ArrayList<>();
  private final List<Node> decorated = new ArrayList<>();
  private final List<Node> classes = new ArrayList<>();
  final List<Node> withStatements = new ArrayList<>();
  final List<Node> assignments = new ArrayList<>();
  final List<Node> deletes = new ArrayList<>();
  final List<Node> functionDefs = new ArrayList<>();
  private boolean startsServer;
  private String framework;

  /** A request handler: its function, the route it serves ("GET /x"), and its default status. */
  record Handler(Node function, String route, Integer defaultStatus) {}

  PythonFile(Node module, FactsSink out) {
    this.module = module;
    this.out = out;
  }

  SourceFacts extract() {
    index();
    routes();
    envReads();
    listens();
    outboundCalls();
    new PythonHazards(this).find();
    return out.build(AppFacts.Language.PYTHON, framework, startsServer);
  }

  // ---- One walk: every node of interest, by type -------------------------------------------

  private void index() {
    module.walk(n -> {
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
        default -> { }
      }
    });
    for (Node statement : module.children()) {
      Node def = statement.is("decorated_definition") ? statement.child("definition") : statement;
      if (def != null && def.is("function_definition") && def.child("name") != null) {
        functions.put(def.child("name").text(), def);
      }
      Node assignment = statement.is("expression_statement") ? statement.namedChild(0) : null;
      if (assignment != null && assignment.is("assignment") && assignment.child("right") != null
          && assignment.child("left").is("identifier")) {
        moduleValues.put(assignment.child("left").text(), assignment.child("right"));
      }
    }
    for (Node a : assignments) {
      Node left = a.child("left");
      Node right = a.child("right");
      if (a.is("assignment") && left != null && left.is("identifier") && right != null && right.is("call")) {
        String constructor = qname(right.child("function"));
        String kind = constructor == null ? null : APP_TYPES.get(constructor);
        if (kind != null) {
          appVars.put(left.text(), kind);
          String prefix = stringValue(kwarg(right, kind.equals("blueprint") ? "url_prefix" : "prefix"));
          if (prefix != null) {
            prefixes.put(left.text(), prefix);
          }
        }
      }
    }
    for (Node call : calls) {
      Node fn = call.child("function");
      if (fn != null && fn.is("identifier") && functions.containsKey(fn.text())
          && enclosingFunction(call) == null) {
        startupFunctions.add(functions.get(fn.text()));
      }
    }
    framework = frameworkFromImports();
  }

  private void importStatement(Node n) {
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
  private String frameworkFromImports() {
    Set<String> modules = new LinkedHashSet<>();
    for (String q : imports.values()) {
      modules.add(q.contains(".") ? q.substring(0, q.indexOf('.')) : q);
      if (q.startsWith("http.server")) {
        modules.add("http.server");
      }
    }
    for (String candidate : List.of("fastapi", "flask", "quart", "django", "aiohttp", "http.server")) {
      if (modules.contains(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  // ---- Names and values ----------------------------------------------------------------------

  /** The dotted name an expression refers to, through imports ({@code environ.get} → os.environ.get). */
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
    return n.ancestor("function_definition", "lambda");
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
    return localValues.computeIfAbsent(fn, f -> {
      Map<String, Node> values = new HashMap<>();
      walkBody(f, n -> {
        if (n.is("assignment") && n.child("left") != null && n.child("left").is("identifier")
            && n.child("right") != null) {
          values.put(n.child("left").text(), n.child("right"));
        } else if (n.is("as_pattern") && n.child("alias") != null && n.namedChild(0) != null) {
          values.put(n.child("alias").text(), n.namedChild(0));
        }
      });
      return values;
    });
  }

  /** Visits a function's own code: not nested functions, lambdas or classes (they run elsewhere). */
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
      if (a.is("keyword_argument") && a.child("name") != null && a.child("name").text().equals(name)) {
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
  private static String unquote(String literal) {
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
    if (text == null) {
      return null;
    }
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  // ---- Environment -----------------------------------------------------------------------------

  /** An env var read: its name, the default node (null if none), and whether it is {@code environ[..]}. */
  record EnvRef(String name, Node defaultValue, boolean subscript) {
    /** The default as text, null when there is none or it is not a literal. */
    String defaultText() {
      return literalText(defaultValue);
    }
  }

  /** The env read an expression amounts to, through int()/float()/str(), {@code or}, one name. */
  EnvRef envOf(Node e) {
    return envOf(e, 0);
  }

  private EnvRef envOf(Node e, int depth) {
    if (e == null) {
      return null;
    }
    switch (e.type()) {
      case "parenthesized_expression" -> {
        return envOf(e.namedChild(0), depth);
      }
      case "call" -> {
        String q = qname(e.child("function"));
        if (q != null && ENV_GETTERS.contains(q)) {
          String name = stringValue(positional(e, 0));
          Node def = positional(e, 1) != null ? positional(e, 1) : kwarg(e, "default");
          return name == null ? null : new EnvRef(name, def != null && def.is("none") ? null : def, false);
        }
        if (q != null && Set.of("int", "float", "str", "bool").contains(q)) {
          return envOf(positional(e, 0), depth);
        }
        return null;
      }
      case "subscript" -> {
        String name = envSubscriptName(e);
        return name == null ? null : new EnvRef(name, null, true);
      }
      case "boolean_operator" -> {
        Node op = e.child("operator");
        EnvRef left = envOf(e.child("left"), depth);
        if (left != null && op != null && op.text().equals("or")) {
          return new EnvRef(left.name(), e.child("right"), false);
        }
        return null;
      }
      case "identifier" -> {
        if (depth >= 2) {
          return null;
        }
        return envOf(resolve(e), depth + 1);
      }
      default -> {
        return null;
      }
    }
  }

  private String envSubscriptName(Node subscript) {
    if (!"os.environ".equals(qname(subscript.child("value")))) {
      return null;
    }
    return stringValue(subscript.child("subscript"));
  }

  private void envReads() {
    Map<String, Node> exitChecked = requiredByExitCheck();
    Set<String> reported = new LinkedHashSet<>();
    for (Node call : calls) {
      String q = qname(call.child("function"));
      if (q == null || !ENV_GETTERS.contains(q)) {
        continue;
      }
      EnvRef env = envOf(call);
      if (env == null) {
        continue;
      }
      String def = env.defaultText();
      boolean falsyDefault = def == null || def.isEmpty() || def.equals("0");
      boolean required = env.defaultValue() == null || falsyDefault;
      required &= exitChecked.containsKey(env.name()) && atStartup(call);
      out.env(env.name(), required, def, call);
      reported.add(env.name());
    }
    for (Node sub : subscripts) {
      String name = envSubscriptName(sub);
      if (name == null || isWriteTarget(sub)) {
        continue;
      }
      boolean required = atStartup(sub) && !insideTryBody(sub) && !guardedByCheck(sub, name);
      out.env(name, required, null, sub);
      reported.add(name);
    }
    exitChecked.forEach((name, check) -> {
      if (!reported.contains(name)) {
        out.env(name, true, null, check);
      }
    });
  }

  private static boolean isWriteTarget(Node sub) {
    Node parent = sub.parent();
    return parent != null && (parent.isAny("assignment", "augmented_assignment")
        && "left".equals(sub.field()) || parent.is("delete_statement"));
  }

  static boolean insideTryBody(Node n) {
    for (Node p = n.parent(); p != null; p = p.parent()) {
      if (p.isAny("function_definition", "lambda")) {
        return false;
      }
      if (p.is("block") && "body".equals(p.field()) && p.parent() != null
          && p.parent().is("try_statement")) {
        return true;
      }
    }
    return false;
  }

  /** {@code if "X" in os.environ: ... os.environ["X"]}: the read is guarded, absence is fine. */
  private static boolean guardedByCheck(Node n, String name) {
    for (Node p = n.parent(); p != null; p = p.parent()) {
      if (p.isAny("if_statement", "elif_clause", "conditional_expression")) {
        Node cond = p.is("conditional_expression") ? p : p.child("condition");
        if (cond != null && cond.text().contains(name)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Env vars whose absence the startup code tests and answers with exit or raise. */
  private Map<String, Node> requiredByExitCheck() {
    Map<String, Node> names = new LinkedHashMap<>();
    for (Node ifNode : ifs) {
      Node cond = ifNode.child("condition");
      Node body = ifNode.child("consequence");
      if (cond == null || body == null || !atStartup(ifNode) || !exits(body)) {
        continue;
      }
      for (String name : absenceTested(cond)) {
        names.putIfAbsent(name, ifNode);
      }
    }
    return names;
  }

  private Set<String> absenceTested(Node cond) {
    Set<String> names = new LinkedHashSet<>();
    switch (cond.type()) {
      case "parenthesized_expression" -> names.addAll(absenceTested(cond.namedChild(0)));
      case "boolean_operator" -> {
        names.addAll(absenceTested(cond.child("left")));
        names.addAll(absenceTested(cond.child("right")));
      }
      case "not_operator" -> names.addAll(envNames(cond.child("argument")));
      case "comparison_operator" -> {
        List<Node> operands = cond.namedChildren();
        Node op = cond.child("operators");
        if (operands.size() != 2 || op == null) {
          break;
        }
        String operator = op.text().replaceAll("\\s+", " ");
        if (operator.equals("not in") && "os.environ".equals(qname(operands.get(1)))) {
          String literal = stringValue(operands.get(0));
          if (literal != null) {
            names.add(literal);
          } else {
            names.addAll(loopLiterals(operands.get(0)));
          }
        } else if ((operator.equals("is") || operator.equals("==")) && (operands.get(1).is("none")
            || "".equals(stringValue(operands.get(1))))) {
          names.addAll(envNames(operands.get(0)));
        }
      }
      default -> { }
    }
    return names;
  }

  /** The env var names a value comes from: one read, or a loop variable over literal names. */
  private Set<String> envNames(Node e) {
    if (e == null) {
      return Set.of();
    }
    EnvRef env = envOf(e);
    if (env != null) {
      return Set.of(env.name());
    }
    if (e.is("call") && "os.environ.get".equals(qname(e.child("function")))) {
      return loopLiterals(positional(e, 0));
    }
    return Set.of();
  }

  /** {@code for name in ("A", "B"): ... name ...}: the literal names a loop variable takes. */
  private static Set<String> loopLiterals(Node id) {
    if (id == null || !id.is("identifier")) {
      return Set.of();
    }
    for (Node p = id.parent(); p != null; p = p.parent()) {
      if (p.is("for_statement") && p.child("left") != null && p.child("left").text().equals(id.text())) {
        Node over = p.child("right");
        Set<String> names = new LinkedHashSet<>();
        if (over != null && over.isAny("tuple", "list", "set")) {
          for (Node item : over.namedChildren()) {
            String s = stringValue(item);
            if (s != null) {
              names.add(s);
            }
          }
        }
        return names;
      }
    }
    return Set.of();
  }

  boolean exits(Node block) {
    boolean[] found = {false};
    walkBody(block, n -> {
      if (n.is("raise_statement")) {
        found[0] = true;
      } else if (n.is("call")) {
        String q = qname(n.child("function"));
        found[0] |= q != null && EXITS.contains(q);
      }
    });
    return found[0];
  }

  // ---- Servers -----------------------------------------------------------------------------

  /** A port as far as code says: a literal, or an env var and its default. */
  record PortValue(Integer port, String envVar) {}

  PortValue portOf(Node e) {
    if (e == null) {
      return new PortValue(null, null);
    }
    Integer literal = intValue(e);
    if (literal != null) {
      return new PortValue(literal, null);
    }
    EnvRef env = envOf(e);
    if (env != null) {
      String def = literalText(env.defaultValue());
      if (def == null && env.defaultValue() != null && env.defaultValue().is("identifier")) {
        def = literalText(resolve(env.defaultValue()));
      }
      Integer port = null;
      try {
        port = def == null ? null : Integer.parseInt(def.trim());
      } catch (NumberFormatException ignored) {
        // a default that is not a number: the port is unknown
      }
      return new PortValue(port, env.name());
    }
    if (e.is("identifier")) {
      Node value = resolve(e);
      return value == null || value.is("identifier") ? new PortValue(null, null) : portOf(value);
    }
    if (e.is("call") && Set.of("int", "str").contains(String.valueOf(qname(e.child("function"))))) {
      return portOf(positional(e, 0));
    }
    return new PortValue(null, null);
  }

  private String hostOf(Node e) {
    if (e == null) {
      return null;
    }
    String literal = stringValue(e);
    if (literal != null) {
      return literal;
    }
    if (e.is("identifier")) {
      return stringValue(resolve(e));
    }
    EnvRef env = envOf(e);
    return env == null ? null : env.defaultText();
  }

  private void listens() {
    for (Node call : calls) {
      Node fn = call.child("function");
      String q = qname(fn);
      String method = calleeName(call);
      Node receiver = fn != null && fn.is("attribute") ? fn.child("object") : null;
      String receiverKind = receiver != null && receiver.is("identifier")
          ? appVars.get(receiver.text()) : null;
      if (method.equals("run") && "flask".equals(receiverKind)) {
        Node portArg = kwarg(call, "port") != null ? kwarg(call, "port") : positional(call, 1);
        Node hostArg = kwarg(call, "host") != null ? kwarg(call, "host") : positional(call, 0);
        listen(call, portArg, hostArg, 5000, "127.0.0.1");
        Node debug = kwarg(call, "debug");
        out.hazard(new Hazard.DevServer(out.at(call), Hazard.DevServer.Tool.FLASK,
            receiver.text() + ".run(...)", true, debug != null && debug.is("true")));
      } else if (method.equals("run") && "socketio".equals(receiverKind)) {
        listen(call, kwarg(call, "port"), kwarg(call, "host"), 5000, "127.0.0.1");
      } else if ("uvicorn.run".equals(q)) {
        listen(call, kwarg(call, "port"), kwarg(call, "host"), 8000, "127.0.0.1");
      } else if ("waitress.serve".equals(q)) {
        listen(call, kwarg(call, "port"), kwarg(call, "host"), 8080, "0.0.0.0");
      } else if ("aiohttp.web.run_app".equals(q)) {
        listen(call, kwarg(call, "port"), kwarg(call, "host"), 8080, "0.0.0.0");
      } else if ("wsgiref.simple_server.make_server".equals(q)) {
        listen(call, positional(call, 1), positional(call, 0), null, null);
      } else if (q != null && (q.endsWith("HTTPServer") || q.equals("socketserver.TCPServer")
          || q.equals("socketserver.ThreadingTCPServer"))) {
        Node address = positional(call, 0);
        if (address != null && address.is("identifier")) {
          address = resolve(address);
        }
        if (address != null && address.is("tuple") && address.namedChildren().size() == 2) {
          listen(call, address.namedChild(1), address.namedChild(0), null, null);
        } else {
          listen(call, null, null, null, null);
        }
      }
    }
  }

  private void listen(Node call, Node portArg, Node hostArg, Integer defaultPort, String defaultHost) {
    startsServer = true;
    PortValue port = portArg == null ? new PortValue(defaultPort, null) : portOf(portArg);
    String host = hostArg == null ? defaultHost : hostOf(hostArg);
    out.listen(port.port(), port.envVar(), host, call);
  }

  // ---- Routes and what they return ---------------------------------------------------------

  private void routes() {
    for (Node d : decorated) {
      Node def = d.child("definition");
      if (def == null || !def.is("function_definition")) {
        continue;
      }
      for (Node decorator : d.children()) {
        Node call = decorator.is("decorator") ? decorator.namedChild(0) : null;
        if (call != null && call.is("call")) {
          routeDecorator(call, def, decorator);
        }
      }
    }
    for (Node call : calls) {
      String method = calleeName(call);
      Node fn = call.child("function");
      Node receiver = fn != null && fn.is("attribute") ? fn.child("object") : null;
      switch (method) {
        case "add_url_rule" -> {
          Node view = kwarg(call, "view_func") != null ? kwarg(call, "view_func") : positional(call, 2);
          String rule = stringValue(kwarg(call, "rule") != null ? kwarg(call, "rule") : positional(call, 0));
          Node handler = view != null && view.is("identifier") ? functions.get(view.text()) : null;
          if (rule != null && handler != null) {
            addHandler(handler, methods(kwarg(call, "methods")),
                prefix(receiver) + rule, call, null);
          }
        }
        case "register_blueprint", "include_router" -> {
          Node prefix = kwarg(call, method.equals("include_router") ? "prefix" : "url_prefix");
          if (prefix != null) {
            String p = stringValue(prefix);
            wildcard(p == null ? "" : p, call);
          }
        }
        case "mount" -> {
          String p = stringValue(positional(call, 0));
          if (receiver != null && appVars.containsKey(receiver.text())) {
            wildcard(p == null ? "" : p, call);
          }
        }
        case "path", "re_path", "url" -> djangoRoute(call, method);
        default -> { }
      }
    }
    for (Node cls : classes) {
      Node bases = cls.child("superclasses");
      if (bases == null || !bases.text().contains("HTTPRequestHandler")) {
        continue;
      }
      boolean overrides = false;
      Node body = cls.child("body");
      for (Node member : body == null ? List.<Node>of() : body.namedChildren()) {
        Node def = member.is("decorated_definition") ? member.child("definition") : member;
        if (def != null && def.is("function_definition") && def.child("name") != null
            && def.child("name").text().startsWith("do_")) {
          overrides = true;
          String verb = def.child("name").text().substring(3);
          addHandler(def, List.of(verb), "/*", def.child("name"), null);
          pathBranches(def, verb);
        }
      }
      if (!overrides && bases.text().contains("SimpleHTTPRequestHandler")) {
        wildcard("", cls);
      }
    }
  }

  private void routeDecorator(Node call, Node def, Node decorator) {
    Node fn = call.child("function");
    if (fn == null || !fn.is("attribute")) {
      return;
    }
    String method = calleeName(call);
    Node receiver = fn.child("object");
    List<String> methods;
    Node pathArg;
    if (method.equals("route") || method.equals("api_route")) {
      methods = methods(kwarg(call, "methods"));
      pathArg = positional(call, 0) != null ? positional(call, 0)
          : kwarg(call, method.equals("route") ? "rule" : "path");
    } else if (HTTP_METHODS.contains(method)) {
      methods = List.of(method.toUpperCase(Locale.ROOT));
      pathArg = positional(call, 0) != null ? positional(call, 0) : kwarg(call, "path");
    } else {
      return;
    }
    String path = stringValue(pathArg);
    if (path == null || !(path.isEmpty() || path.startsWith("/"))) {
      return;
    }
    addHandler(def, methods, prefix(receiver) + path, decorator, intValue(kwarg(call, "status_code")));
  }

  private String prefix(Node receiver) {
    return receiver != null && receiver.is("identifier") ? prefixes.getOrDefault(receiver.text(), "") : "";
  }

  private static List<String> methods(Node list) {
    List<String> out = new ArrayList<>();
    if (list != null && list.isAny("list", "tuple", "set")) {
      for (Node item : list.namedChildren()) {
        String m = stringValue(item);
        if (m != null) {
          out.add(m.toUpperCase(Locale.ROOT));
        }
      }
    }
    return out.isEmpty() ? List.of("GET") : out;
  }

  private void addHandler(Node def, List<String> methods, String path, Node at, Integer defaultStatus) {
    String normalized = path.isEmpty() ? "/" : path;
    String route = String.join(", ", methods) + " " + normalized;
    Handler handler = new Handler(def, route, defaultStatus);
    handlers.add(handler);
    routeByFunction.putIfAbsent(def, route);
    List<Integer> statuses = statuses(def, defaultStatus);
    String name = def.child("name") == null ? null : def.child("name").text();
    for (String method : methods) {
      out.route(method, normalized, statuses, name, at);
    }
  }

  /** A mount whose routes are elsewhere: everything under {@code prefix} may be served. */
  private void wildcard(String prefix, Node at) {
    String p = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    out.route("*", p + "/*", List.of(), null, at);
  }

  private void djangoRoute(Node call, String method) {
    String q = qname(call.child("function"));
    if (q == null || !(q.startsWith("django.urls.") || q.startsWith("django.conf.urls."))) {
      return;
    }
    String route = stringValue(positional(call, 0));
    if (route == null) {
      return;
    }
    Node view = positional(call, 1);
    boolean include = view != null && view.is("call") && calleeName(view).equals("include");
    if (!method.equals("path")) {
      // A regex: keep the literal start as a prefix, the rest may match anything.
      String literal = route.replaceFirst("^\\^", "").split("[\\\\^$.*+?()\\[\\]{}|]", 2)[0];
      wildcard("/" + literal, call);
    } else if (include || route.contains("<")) {
      wildcard("/" + route.replaceFirst("<.*$", ""), call);
    } else {
      out.route("*", "/" + route, List.of(), view == null ? null : view.text(), call);
    }
  }

  /** {@code if self.path == "/healthz":} inside a do_GET: a route of its own. */
  private void pathBranches(Node def, String verb) {
    walkBody(def, n -> {
      if (!n.isAny("if_statement", "elif_clause")) {
        return;
      }
      Node cond = n.child("condition");
      if (cond == null || !cond.is("comparison_operator") || cond.namedChildren().size() != 2
          || cond.child("operators") == null || !cond.child("operators").text().equals("==")) {
        return;
      }
      String left = cond.namedChild(0).text();
      String path = stringValue(cond.namedChild(1));
      if (path != null && path.startsWith("/") && (left.equals("self.path") || left.endsWith(".path"))) {
        Node body = n.child("consequence");
        List<Integer> statuses = statuses(body, null);
        out.route(verb, path, statuses, def.child("name").text(), n);
      }
    });
  }

  /** Every status code the handler's own code can answer with. */
  List<Integer> statuses(Node fn, Integer defaultStatus) {
    Set<Integer> found = new TreeSet<>();
    walkBody(fn, n -> {
      Integer status = switch (n.type()) {
        case "return_statement" -> returnStatus(n, defaultStatus);
        case "call" -> callStatus(n);
        case "raise_statement" -> raiseStatus(n);
        case "assignment" -> n.child("left") != null && n.child("left").is("attribute")
            && n.child("left").text().endsWith(".status_code") ? statusCode(n.child("right")) : null;
        default -> null;
      };
      if (status != null && status >= 100 && status < 600) {
        found.add(status);
      }
    });
    return List.copyOf(found);
  }

  /** The status a return statement answers with; null for a bare {@code return}. */
  Integer returnStatus(Node ret, Integer defaultStatus) {
    Node value = ret.namedChild(0);
    int plain = defaultStatus == null ? 200 : defaultStatus;
    if (value == null || value.is("comment")) {
      return null;
    }
    if (value.is("parenthesized_expression") && value.namedChild(0) != null) {
      value = value.namedChild(0);
    }
    if (value.isAny("expression_list", "tuple")) {
      List<Node> parts = value.namedChildren();
      Integer status = parts.size() >= 2 ? statusCode(parts.get(1)) : null;
      return status != null ? status : plain;
    }
    if (value.is("identifier")) {
      Node bound = resolve(value);
      if (bound != null && bound.is("call")) {
        value = bound;
      }
    }
    if (value.is("call")) {
      String name = calleeName(value);
      if (name.equals("abort")) {
        return statusCode(positional(value, 0));
      }
      if (name.equals("make_response")) {
        Integer status = statusCode(positional(value, 1));
        return status != null ? status : plain;
      }
      if (name.equals("redirect") || name.equals("RedirectResponse")) {
        Integer code = statusCode(kwarg(value, "code") != null ? kwarg(value, "code")
            : kwarg(value, "status_code"));
        return code != null ? code : name.equals("redirect") ? 302 : 307;
      }
      if (name.endsWith("Response") || name.endsWith("response")) {
        Node status = kwarg(value, "status") != null ? kwarg(value, "status") : kwarg(value, "status_code");
        Integer code = statusCode(status);
        return code != null ? code : plain;
      }
    }
    return plain;
  }

  private Integer callStatus(Node call) {
    String name = calleeName(call);
    if (name.equals("abort") && call.parent() != null && !call.parent().is("return_statement")) {
      return statusCode(positional(call, 0));
    }
    if (name.equals("send_response") || name.equals("send_error")) {
      return statusCode(positional(call, 0));
    }
    return null;
  }

  /** A raise answers with its HTTP status, or 500 when nothing in the handler catches it. */
  Integer raiseStatus(Node raise) {
    Integer http = httpErrorStatus(raise);
    if (http != null) {
      return http;
    }
    return insideTryBody(raise) ? null : 500;
  }

  /** The status of an HTTP exception being raised ({@code HTTPException(503)}, {@code NotFound()}). */
  Integer httpErrorStatus(Node raise) {
    Node raised = raise.namedChild(0);
    if (raised == null || !raised.is("call")) {
      return null;
    }
    String name = calleeName(raised);
    if (name.equals("HTTPException") || name.equals("abort")) {
      Node code = kwarg(raised, "status_code") != null ? kwarg(raised, "status_code") : positional(raised, 0);
      return statusCode(code);
    }
    String key = name.startsWith("HTTP") ? name.substring(4) : name;
    return NAMED_STATUSES.get(key.toUpperCase(Locale.ROOT));
  }

  /** A status written as a number, an {@code HTTPStatus} member, or {@code status.HTTP_503_...}. */
  Integer statusCode(Node e) {
    if (e == null) {
      return null;
    }
    Integer literal = intValue(e);
    if (literal != null) {
      return literal;
    }
    if (e.is("attribute") && e.child("attribute") != null) {
      String member = e.child("attribute").text();
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("HTTP_(\\d{3})").matcher(member);
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
      return NAMED_STATUSES.get(member.toUpperCase(Locale.ROOT));
    }
    if (e.is("identifier")) {
      return intValue(moduleValues.get(e.text()));
    }
    return null;
  }

  // ---- Outbound calls ---------------------------------------------------------------------

  private static final Set<String> CLIENT_METHODS =
      Set.of("get", "post", "put", "patch", "delete", "head", "options", "request");

  private void outboundCalls() {
    Map<String, String> clients = clientVariables();
    boolean defaultSocketTimeout = calls.stream()
        .anyMatch(c -> "socket.setdefaulttimeout".equals(qname(c.child("function"))));
    boolean customSession = classes.stream().anyMatch(c -> c.child("superclasses") != null
        && c.child("superclasses").text().matches(".*\\b(HTTPAdapter|Session)\\b.*"));
    for (Node call : calls) {
      Node fn = call.child("function");
      String q = qname(fn);
      String method = calleeName(call);
      String library = null;
      if (q != null && q.startsWith("requests.") && CLIENT_METHODS.contains(method)
          && q.equals("requests." + method)) {
        library = "requests";
      } else if (q != null && q.equals("httpx." + method) && CLIENT_METHODS.contains(method)) {
        library = "httpx";
      } else if ("urllib.request.urlopen".equals(q)) {
        library = "urllib";
      } else if (fn != null && fn.is("attribute") && fn.child("object") != null
          && fn.child("object").is("identifier") && CLIENT_METHODS.contains(method)) {
        library = clients.get(fn.child("object").text());
      }
      if (library == null) {
        continue;
      }
      boolean hasTimeout = switch (library) {
        case "requests", "requests-session" -> hasTimeoutArgument(call) || hasSplat(call)
            || library.equals("requests-session") && customSession;
        case "urllib" -> hasTimeoutArgument(call) || positional(call, 2) != null || defaultSocketTimeout;
        case "httpx-no-timeout" -> hasTimeoutArgument(call);
        default -> !(kwarg(call, "timeout") != null && kwarg(call, "timeout").is("none"));
      };
      Node urlArg = method.equals("request") ? positional(call, 1) : positional(call, 0);
      if (urlArg == null) {
        urlArg = kwarg(call, "url");
      }
      UrlValue url = urlOf(urlArg, 0);
      out.call(Urls.sanitize(url.url()), url.envVar(), hasTimeout, call);
    }
  }

  private static boolean hasTimeoutArgument(Node call) {
    Node timeout = kwarg(call, "timeout");
    return timeout != null && !timeout.is("none");
  }

  /** Names bound to HTTP client objects: {@code s = requests.Session()}, {@code async with ... as s}. */
  private Map<String, String> clientVariables() {
    Map<String, String> clients = new HashMap<>();
    for (Node call : calls) {
      String q = qname(call.child("function"));
      String kind = q == null ? null : switch (q) {
        case "requests.Session", "requests.session" -> "requests-session";
        case "httpx.Client", "httpx.AsyncClient" -> kwarg(call, "timeout") != null
            && kwarg(call, "timeout").is("none") ? "httpx-no-timeout" : "httpx";
        case "aiohttp.ClientSession" -> "aiohttp";
        default -> null;
      };
      if (kind == null) {
        continue;
      }
      Node parent = call.parent();
      if (parent != null && parent.is("assignment") && parent.child("left").is("identifier")) {
        clients.put(parent.child("left").text(), kind);
      } else if (parent != null && parent.is("as_pattern") && parent.child("alias") != null) {
        clients.put(parent.child("alias").text(), kind);
      }
    }
    return clients;
  }

  /** A URL as far as code says: its text (unknown parts as {@code {}}), and the env var it comes from. */
  record UrlValue(String url, String envVar) {}

  UrlValue urlOf(Node e, int depth) {
    if (e == null || depth > 2) {
      return new UrlValue(null, null);
    }
    String literal = stringValue(e);
    if (literal != null) {
      return new UrlValue(literal, null);
    }
    if (e.is("string")) {
      StringBuilder sb = new StringBuilder();
      String env = null;
      for (Node c : e.children()) {
        if (c.is("string_content")) {
          sb.append(c.text());
        } else if (c.is("interpolation")) {
          UrlValue part = sb.isEmpty() ? urlOf(c.child("expression"), depth + 1) : new UrlValue(null, null);
          if (part.url() != null || part.envVar() != null) {
            sb.append(part.url() == null ? "{}" : part.url());
            env = part.envVar();
          } else {
            sb.append("{}");
          }
        }
      }
      return new UrlValue(sb.toString(), env);
    }
    if (e.is("binary_operator") && e.child("operator") != null && e.child("operator").text().equals("+")) {
      UrlValue left = urlOf(e.child("left"), depth + 1);
      String right = stringValue(e.child("right"));
      if (left.url() != null || left.envVar() != null) {
        return new UrlValue((left.url() == null ? "{}" : left.url()) + (right == null ? "{}" : right),
            left.envVar());
      }
      return new UrlValue(null, null);
    }
    EnvRef env = envOf(e);
    if (env != null) {
      return new UrlValue(env.defaultText(), env.name());
    }
    if (e.is("identifier")) {
      return urlOf(resolve(e), depth + 1);
    }
    return new UrlValue(null, null);
  }
}
