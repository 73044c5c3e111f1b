package dev.rootcause.collect.code;

import static dev.rootcause.collect.code.Expressions.argument;
import static dev.rootcause.collect.code.Expressions.arguments;
import static dev.rootcause.collect.code.Expressions.textOf;
import static dev.rootcause.collect.code.Expressions.unparen;

import dev.rootcause.collect.syntax.Node;
import dev.rootcause.collect.syntax.SyntaxTree;
import dev.rootcause.model.SourceLocation;
import dev.rootcause.model.app.AppFacts;
import dev.rootcause.model.app.AppFacts.EnvRead;
import dev.rootcause.model.app.HealthPaths;
import dev.rootcause.model.app.Hazard;
import dev.rootcause.model.app.AppFacts.ListenPort;
import dev.rootcause.model.app.AppFacts.OutboundCall;
import dev.rootcause.model.app.AppFacts.Route;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The facts of one parsed Go file. Names are resolved inside the file only: a package-level var,
 * a local assignment, a parameter's declared type, a function declared in the file. Whatever does
 * not resolve stays unknown, and no fact is made of it.
 */
final class GoReader {
  private static final String NET_HTTP = "net/http";
  private static final String GIN = "github.com/gin-gonic/gin";
  private static final String CHI = "github.com/go-chi/chi";
  private static final String GORILLA = "github.com/gorilla/mux";
  private static final String ECHO = "github.com/labstack/echo";

  private static final Set<String> HTTP_VERBS =
      Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
  private static final Set<String> GIN_STATUS = Set.of("JSON", "IndentedJSON", "SecureJSON",
      "JSONP", "AsciiJSON", "PureJSON", "XML", "YAML", "TOML", "ProtoBuf", "String", "HTML", "Data",
      "DataFromReader", "Redirect", "Status", "AbortWithStatus", "AbortWithStatusJSON",
      "AbortWithError", "Render", "SSEvent");
  private static final Set<String> ECHO_STATUS = Set.of("JSON", "JSONPretty", "JSONBlob", "JSONP",
      "JSONPBlob", "XML", "XMLPretty", "XMLBlob", "String", "HTML", "HTMLBlob", "Blob", "Stream",
      "NoContent", "Redirect", "Render");
  private static final Set<String> BUILTINS = Set.of("append", "cap", "clear", "close", "complex",
      "copy", "delete", "imag", "len", "make", "max", "min", "new", "panic", "print", "println",
      "real", "recover");
  private static final Map<String, Integer> STATUS_CONSTANTS = statusConstants();

  private final String path;
  private final Node root;

  private final Map<String, String> imports = new HashMap<>(); // alias -> import path
  private boolean packageMain;
  private final Map<String, Node> functions = new HashMap<>();
  private final Map<String, List<Node>> methods = new HashMap<>();
  private final Map<String, Global> globals = new LinkedHashMap<>();
  private final Map<String, Node> constants = new HashMap<>();

  // Every node of the kinds the analysis asks about, gathered in one pass.
  private final List<Node> calls = new ArrayList<>();
  private final List<Node> functionNodes = new ArrayList<>();
  private final List<Node> forLoops = new ArrayList<>();
  private final List<Node> assignments = new ArrayList<>();
  private final List<Node> statementLists = new ArrayList<>();

  private final Map<Node, Scope> scopes = new IdentityHashMap<>();
  private final Map<Node, Boolean> locked = new IdentityHashMap<>();
  private final Map<Node, Handler> handlers = new LinkedHashMap<>();
  private final Map<Node, EnvHelper> envHelpers = new IdentityHashMap<>();
  private final Map<Node, StatusHelper> statusHelpers = new IdentityHashMap<>();
  private Map<String, Node> guardedWrites;

  private final List<ListenPort> listens = new ArrayList<>();
  private final List<Route> routes = new ArrayList<>();
  private final List<EnvRead> envReads = new ArrayList<>();
  private final List<OutboundCall> outbound = new ArrayList<>();
  private final List<Hazard> hazards = new ArrayList<>();
  private final Set<String> hazardKeys = new HashSet<>();

  GoReader(String path, SyntaxTree tree) {
    this.path = path;
    this.root = tree.root();
  }

  SourceFacts read() {
    index();
    for (Node call : calls) {
      readCall(call);
    }
    for (Node fn : functionNodes) {
      Style style = handlerStyle(fn);
      if (style != null && !handlers.containsKey(fn)) {
        handlers.put(fn, new Handler(fn, style));
      }
    }
    for (Handler handler : handlers.values()) {
      readHandler(handler);
    }
    for (Node loop : forLoops) {
      readRetryLoop(loop);
    }
    boolean hasMain = packageMain && functions.containsKey("main");
    return new SourceFacts(path, AppFacts.Language.GO, framework(), hasMain || !listens.isEmpty(),
        listens, routes, envReads, outbound, hazards);
  }

  // ---- indexing ------------------------------------------------------------------------------

  private void index() {
    for (Node top : root.namedChildren()) {
      switch (top.type()) {
        case "package_clause" -> {
          Node name = top.namedChild(0);
          packageMain = name != null && name.text().equals("main");
        }
        case "import_declaration" -> top.visit(n -> {
          if (n.is("import_spec")) {
            readImport(n);
            return false;
          }
          return true;
        });
        case "function_declaration" -> {
          Node name = top.child("name");
          if (name != null) {
            functions.put(name.text(), top);
          }
        }
        case "method_declaration" -> {
          Node name = top.child("name");
          if (name != null) {
            methods.computeIfAbsent(name.text(), k -> new ArrayList<>()).add(top);
          }
        }
        case "var_declaration" -> top.visit(n -> {
          if (n.is("var_spec")) {
            readGlobal(n);
            return false;
          }
          return true;
        });
        case "const_declaration" -> top.visit(n -> {
          if (n.is("const_spec")) {
            readConstant(n);
            return false;
          }
          return true;
        });
        default -> { }
      }
    }
    root.visit(n -> {
      switch (n.type()) {
        case "call_expression" -> calls.add(n);
        case "function_declaration", "method_declaration", "func_literal" -> functionNodes.add(n);
        case "for_statement" -> forLoops.add(n);
        case "assignment_statement" -> assignments.add(n);
        case "statement_list" -> statementLists.add(n);
        default -> { }
      }
      return true;
    });
    markLockedStatements();
  }

  private void readImport(Node spec) {
    Node pathNode = spec.child("path");
    String importPath = pathNode == null ? null : stringValue(pathNode);
    if (importPath == null) {
      return;
    }
    Node name = spec.child("name");
    String alias;
    if (name != null) {
      alias = name.text();
      if (alias.equals("_") || alias.equals(".")) {
        return;
      }
    } else {
      String[] parts = importPath.split("/");
      alias = parts[parts.length - 1];
      if (alias.matches("v[0-9]+") && parts.length > 1) {
        alias = parts[parts.length - 2]; // github.com/labstack/echo/v4 is package echo
      }
    }
    imports.put(alias, importPath);
  }

  private void readGlobal(Node spec) {
    List<Node> names = new ArrayList<>();
    for (Node c : spec.children()) {
      if ("name".equals(c.field())) {
        names.add(c);
      }
    }
    Node type = spec.child("type");
    Node values = spec.child("value");
    for (int i = 0; i < names.size(); i++) {
      Node value = values == null ? null : values.namedChild(i);
      String name = names.get(i).text();
      globals.put(name, new Global(name, spec, type, value, globalKind(type, value)));
    }
  }

  private void readConstant(Node spec) {
    Node values = spec.child("value");
    int i = 0;
    for (Node c : spec.children()) {
      if ("name".equals(c.field())) {
        Node value = values == null ? null : values.namedChild(i);
        if (value != null) {
          constants.put(c.text(), value);
        }
        i++;
      }
    }
  }

  private GlobalKind globalKind(Node type, Node value) {
    Node t = type;
    if (t == null && value != null) {
      Node v = unparen(value);
      if (v.is("composite_literal")) {
        t = v.child("type");
      } else if (v.is("call_expression") && callName(v).equals("make") && argument(v, 0) != null) {
        t = argument(v, 0);
      } else if (v.is("call_expression") && isPackageCall(v, "sync/atomic", null)) {
        return GlobalKind.SYNC;
      }
    }
    if (t == null) {
      return GlobalKind.OTHER;
    }
    if (t.is("pointer_type") && t.namedChild(0) != null) {
      t = t.namedChild(0);
    }
    return switch (t.type()) {
      case "slice_type" -> GlobalKind.SLICE;
      case "map_type" -> GlobalKind.MAP;
      case "channel_type" -> GlobalKind.SYNC;
      case "qualified_type" -> {
        String pkg = imports.get(textOf(t.child("package")));
        yield "sync".equals(pkg) || "sync/atomic".equals(pkg) ? GlobalKind.SYNC : GlobalKind.OTHER;
      }
      default -> GlobalKind.OTHER;
    };
  }

  private String framework() {
    Set<String> paths = new HashSet<>();
    for (String importPath : imports.values()) {
      paths.add(importPath.replaceFirst("/v[0-9]+$", ""));
    }
    if (paths.contains(GIN)) {
      return "gin";
    }
    if (paths.contains(ECHO)) {
      return "echo";
    }
    if (paths.contains(CHI)) {
      return "chi";
    }
    if (paths.contains(GORILLA)) {
      return "gorilla/mux";
    }
    return imports.containsValue(NET_HTTP) && (!routes.isEmpty() || !listens.isEmpty())
        ? "net/http" : null;
  }

  // ---- calls: servers, routes, env reads, outbound requests ----------------------------------

  private void readCall(Node call) {
    Node function = call.child("function");
    if (function == null) {
      return;
    }
    if (function.is("identifier")) {
      Node helper = functions.get(function.text());
      if (helper != null && envHelper(helper) != null) {
        readEnvHelperCall(call, envHelper(helper));
      }
      return;
    }
    if (!function.is("selector_expression")) {
      return;
    }
    String method = textOf(function.child("field"));
    Node operand = function.child("operand");
    String pkg = operand != null && operand.is("identifier") ? imports.get(operand.text()) : null;
    if (pkg != null) {
      readPackageCall(call, pkg, method);
      return;
    }
    GoType receiver = typeOf(operand, 0);
    if (receiver == null) {
      if ((method.equals("ListenAndServe") || method.equals("ListenAndServeTLS"))
          && argument(call, 0) == null) {
        listens.add(new ListenPort(null, null, null, location(call))); // a server we cannot see
      }
      return;
    }
    switch (receiver.kind()) {
      case MUX -> {
        if (method.equals("HandleFunc") || method.equals("Handle")) {
          readServeMuxRoute(call, "");
        }
      }
      case GORILLA -> {
        if (method.equals("HandleFunc") || method.equals("Handle")) {
          readGorillaRoute(call, receiver.prefix());
        }
      }
      case CHI -> readChiRoute(call, method, receiver.prefix());
      case GIN, GIN_GROUP -> readGinCall(call, method, receiver.prefix());
      case ECHO, ECHO_GROUP -> readEchoCall(call, method, receiver.prefix());
      case SERVER -> {
        if (method.equals("ListenAndServe") || method.equals("ListenAndServeTLS")) {
          readServerListen(call, receiver);
        }
      }
      case CLIENT -> readClientCall(call, method, receiver);
      default -> { }
    }
  }

  private void readPackageCall(Node call, String pkg, String method) {
    switch (pkg) {
      case NET_HTTP -> {
        switch (method) {
          case "HandleFunc", "Handle" -> readServeMuxRoute(call, "");
          case "ListenAndServe", "ListenAndServeTLS" -> {
            Node addr = argument(call, 0);
            if (addr != null) {
              listens.add(listenAt(addr, evaluate(addr, 0)));
            }
          }
          case "Get", "Head", "Post", "PostForm" ->
              outbound(call, argument(call, 0), false);
          default -> { }
        }
      }
      case "net" -> {
        Node network = argument(call, 0);
        Node addr = argument(call, 1);
        String net = network == null ? null : stringValue(network);
        if (method.equals("Listen") && addr != null && net != null && net.startsWith("tcp")) {
          listens.add(listenAt(addr, evaluate(addr, 0)));
        }
      }
      case "os" -> {
        if (method.equals("Getenv") || method.equals("LookupEnv")) {
          readEnvCall(call);
        }
      }
      default -> { }
    }
  }

  private void readServerListen(Node call, GoType server) {
    if (server.literal() == null) {
      listens.add(new ListenPort(null, null, null, location(call)));
      return;
    }
    Node addr = keyedValue(server.literal(), "Addr");
    if (addr == null) {
      listens.add(new ListenPort(80, null, null, location(call))); // Addr "" means ":http"
      return;
    }
    listens.add(listenAt(addr, evaluate(addr, 0)));
  }

  private ListenPort listenAt(Node where, List<Part> address) {
    return listenPort(address, location(where));
  }

  /** An address {@code host:port} made of literal and env parts, as a listen port. */
  private static ListenPort listenPort(List<Part> address, SourceLocation at) {
    String literal = literal(address);
    if (literal != null) {
      if (literal.isEmpty()) {
        return new ListenPort(80, null, null, at);
      }
      int colon = literal.lastIndexOf(':');
      Integer port = colon < 0 ? null : parsePort(literal.substring(colon + 1));
      String host = colon <= 0 ? null : literal.substring(0, colon);
      return new ListenPort(port, null, port == null ? null : host, at);
    }
    // ":" + env, "0.0.0.0:" + env, or the whole address from env
    Part last = address.isEmpty() ? null : address.get(address.size() - 1);
    if (last instanceof Part.Env env && address.stream().filter(p -> p instanceof Part.Env).count() == 1) {
      String prefix = literal(address.subList(0, address.size() - 1));
      if (prefix != null && (prefix.isEmpty() || prefix.endsWith(":"))) {
        String fallback = env.fallback();
        Integer port = null;
        if (fallback != null) {
          port = prefix.isEmpty() ? portOfAddress(fallback) : parsePort(fallback);
        }
        String host = prefix.length() > 1 ? prefix.substring(0, prefix.length() - 1) : null;
        return new ListenPort(port, env.name(), host, at);
      }
    }
    return new ListenPort(null, null, null, at);
  }

  private static Integer portOfAddress(String address) {
    int colon = address.lastIndexOf(':');
    return parsePort(colon < 0 ? address : address.substring(colon + 1));
  }

  private static Integer parsePort(String text) {
    try {
      int port = Integer.parseInt(text.trim());
      return port > 0 && port < 65536 ? port : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  // ---- routes --------------------------------------------------------------------------------

  private void readServeMuxRoute(Node call, String prefix) {
    String pattern = constantString(argument(call, 0));
    Node handler = argument(call, 1);
    if (handler == null) {
      return;
    }
    String method = "*";
    String routePath = pattern;
    if (pattern != null) {
      int space = pattern.indexOf(' ');
      if (space > 0 && HTTP_VERBS.contains(pattern.substring(0, space))) {
        method = pattern.substring(0, space); // Go 1.22 patterns: "GET /items/{id}"
        routePath = pattern.substring(space + 1).strip();
      }
    }
    addRoute(call, method, join(prefix, routePath), handler, Style.NET_HTTP);
  }

  private void readGorillaRoute(Node call, String prefix) {
    String method = "*";
    // r.HandleFunc("/x", h).Methods("GET"): the call is the operand of a .Methods selector
    Node parent = call.parent();
    if (parent != null && parent.is("selector_expression")
        && "Methods".equals(textOf(parent.child("field")))
        && parent.parent() != null && parent.parent().is("call_expression")) {
      List<String> verbs = new ArrayList<>();
      for (Node arg : arguments(parent.parent())) {
        String verb = stringValue(arg);
        if (verb != null) {
          verbs.add(verb.toUpperCase(Locale.ROOT));
        }
      }
      if (verbs.size() == 1) {
        method = verbs.get(0);
      }
    }
    addRoute(call, method, join(prefix, constantString(argument(call, 0))), argument(call, 1),
        Style.NET_HTTP);
  }

  private void readChiRoute(Node call, String method, String prefix) {
    String verb = method.toUpperCase(Locale.ROOT);
    if (HTTP_VERBS.contains(verb)) {
      addRoute(call, verb, join(prefix, constantString(argument(call, 0))), argument(call, 1),
          Style.NET_HTTP);
    } else if (method.equals("HandleFunc") || method.equals("Handle")) {
      addRoute(call, "*", join(prefix, constantString(argument(call, 0))), argument(call, 1),
          Style.NET_HTTP);
    } else if (method.equals("Method") || method.equals("MethodFunc")) {
      String m = constantString(argument(call, 0));
      addRoute(call, m == null ? "*" : m.toUpperCase(Locale.ROOT),
          join(prefix, constantString(argument(call, 1))), argument(call, 2), Style.NET_HTTP);
    }
  }

  private void readGinCall(Node call, String method, String prefix) {
    List<Node> args = arguments(call);
    if (HTTP_VERBS.contains(method) || method.equals("Any")) {
      if (args.size() >= 2) {
        addRoute(call, method.equals("Any") ? "*" : method,
            join(prefix, constantString(args.get(0))), args.get(args.size() - 1), Style.GIN);
      }
    } else if (method.equals("Handle") && args.size() >= 3) {
      String verb = constantString(args.get(0));
      addRoute(call, verb == null ? "*" : verb, join(prefix, constantString(args.get(1))),
          args.get(args.size() - 1), Style.GIN);
    } else if (method.equals("Run") || method.equals("RunTLS")) {
      if (args.isEmpty()) {
        // gin's Run() with no address reads PORT, else listens on :8080
        listens.add(new ListenPort(8080, "PORT", null, location(call)));
      } else {
        listens.add(listenAt(args.get(0), evaluate(args.get(0), 0)));
      }
    }
  }

  private void readEchoCall(Node call, String method, String prefix) {
    List<Node> args = arguments(call);
    if ((HTTP_VERBS.contains(method) || method.equals("Any")) && args.size() >= 2) {
      addRoute(call, method.equals("Any") ? "*" : method,
          join(prefix, constantString(args.get(0))), args.get(1), Style.ECHO);
    } else if (method.equals("Add") && args.size() >= 3) {
      String verb = constantString(args.get(0));
      addRoute(call, verb == null ? "*" : verb, join(prefix, constantString(args.get(1))),
          args.get(2), Style.ECHO);
    } else if ((method.equals("Start") || method.equals("StartTLS")) && !args.isEmpty()) {
      listens.add(listenAt(args.get(0), evaluate(args.get(0), 0)));
    }
  }

  private static String join(String prefix, String routePath) {
    if (prefix == null || routePath == null) {
      return null;
    }
    if (prefix.isEmpty()) {
      return routePath;
    }
    if (prefix.endsWith("/") && routePath.startsWith("/")) {
      return prefix + routePath.substring(1);
    }
    return prefix + routePath;
  }

  /**
   * Records the route (when its full path is known) and its handler (always, so hazards inside it
   * are read even when the path is not).
   */
  private void addRoute(Node call, String method, String routePath, Node handlerExpr,
      Style style) {
    if (handlerExpr == null) {
      return;
    }
    Node fn = resolveHandler(handlerExpr, 0);
    Handler handler = null;
    if (fn != null) {
      handler = handlers.computeIfAbsent(fn, f -> new Handler(f, style));
      if (routePath != null) {
        handler.routes.add(routePath);
      }
    }
    if (routePath == null) {
      return;
    }
    List<Integer> statuses = handler == null ? List.of() : statuses(handler);
    String name = fn == null ? handlerExpr.text() : handlerName(fn);
    routes.add(new Route(method, routePath, statuses, name, location(call)));
  }

  private Node resolveHandler(Node expr, int depth) {
    Node e = unparen(expr);
    if (depth > 4) {
      return null;
    }
    switch (e.type()) {
      case "func_literal" -> {
        return e;
      }
      case "identifier" -> {
        Node fn = functions.get(e.text());
        if (fn != null) {
          return fn;
        }
        Binding b = lookup(e.text(), e);
        Node value = b == null ? null : b.singleValue();
        return value == null ? null : resolveHandler(value, depth + 1);
      }
      case "selector_expression" -> {
        List<Node> candidates = methods.get(textOf(e.child("field")));
        return candidates != null && candidates.size() == 1 ? candidates.get(0) : null;
      }
      case "call_expression" -> {
        // http.HandlerFunc(f) is a conversion, not a call
        if (isPackageCall(e, NET_HTTP, "HandlerFunc") && argument(e, 0) != null) {
          return resolveHandler(argument(e, 0), depth + 1);
        }
        return null;
      }
      default -> {
        return null;
      }
    }
  }

  private static String handlerName(Node fn) {
    Node name = fn.child("name");
    return name == null ? null : name.text();
  }

  // ---- handlers ------------------------------------------------------------------------------

  private enum Style { NET_HTTP, GIN, ECHO }

  /** A function that answers requests, the routes it serves, and its request parameter name. */
  private final class Handler {
    final Node fn;
    final Style style;
    final String context;
    final List<String> routes = new ArrayList<>();
    List<Integer> statuses;
    boolean implicitOk;
    boolean opaque;
    boolean unreadable;

    Handler(Node fn, Style style) {
      this.fn = fn;
      Style declared = handlerStyle(fn);
      this.style = declared != null ? declared : style;
      this.context = contextParameter(fn, this.style);
    }

    String route() {
      return routes.isEmpty() ? null : routes.get(0);
    }
  }

  /** The handler signature a function has: (w http.ResponseWriter, r *http.Request), *gin.Context... */
  private Style handlerStyle(Node fn) {
    boolean writer = false;
    boolean request = false;
    for (Node param : parameters(fn)) {
      String type = qualifiedType(param.child("type"));
      if (type == null) {
        continue;
      }
      switch (type) {
        case "*" + NET_HTTP + ".Request" -> request = true;
        case NET_HTTP + ".ResponseWriter" -> writer = true;
        case "*" + GIN + ".Context" -> {
          return Style.GIN;
        }
        default -> {
          if (type.startsWith(ECHO) && type.endsWith(".Context") && !type.startsWith("*")) {
            return Style.ECHO;
          }
        }
      }
    }
    return writer && request ? Style.NET_HTTP : null;
  }

  private String contextParameter(Node fn, Style style) {
    for (Node param : parameters(fn)) {
      String type = qualifiedType(param.child("type"));
      boolean match = type != null && switch (style) {
        case NET_HTTP -> type.equals(NET_HTTP + ".ResponseWriter");
        case GIN -> type.equals("*" + GIN + ".Context");
        case ECHO -> type.startsWith(ECHO) && type.endsWith(".Context");
      };
      if (match) {
        Node name = param.child("name");
        return name == null || name.text().equals("_") ? null : name.text();
      }
    }
    return null;
  }

  /** {@code pkgpath.Name}, with a leading '*' for a pointer, of a qualified type; else null. */
  private String qualifiedType(Node type) {
    if (type == null) {
      return null;
    }
    String star = "";
    if (type.is("pointer_type")) {
      star = "*";
      type = type.namedChild(0);
      if (type == null) {
        return null;
      }
    }
    if (!type.is("qualified_type")) {
      return null;
    }
    String pkg = imports.get(textOf(type.child("package")));
    return pkg == null ? null : star + pkg + "." + textOf(type.child("name"));
  }

  private static List<Node> parameters(Node fn) {
    List<Node> params = new ArrayList<>();
    Node list = fn.child("parameters");
    if (list != null) {
      for (Node p : list.namedChildren()) {
        if (p.is("parameter_declaration")) {
          params.add(p);
        }
      }
    }
    return params;
  }

  /** The nodes of a handler's body that run while the request waits (not goroutines it starts). */
  private List<Node> requestPath(Handler handler) {
    List<Node> nodes = new ArrayList<>();
    Node body = handler.fn.child("body");
    if (body == null) {
      return nodes;
    }
    body.visit(n -> {
      if (n.is("go_statement") || n != handler.fn && handlers.containsKey(n)) {
        return false;
      }
      nodes.add(n);
      return true;
    });
    return nodes;
  }

  private List<Integer> statuses(Handler handler) {
    if (handler.statuses != null) {
      return handler.statuses;
    }
    TreeSet<Integer> codes = new TreeSet<>();
    boolean opaque = false;
    boolean returnsNil = false;
    for (Node n : requestPath(handler)) {
      if (n.is("call_expression")) {
        for (Integer code : statusCodes(n, handler)) {
          if (code == null) {
            handler.unreadable = true;
          } else {
            codes.add(code);
          }
        }
        opaque |= passesContextToUnknown(n, handler);
      } else if (n.is("return_statement") && handler.style == Style.ECHO) {
        Integer code = echoReturnStatus(n, handler);
        if (code != null) {
          codes.add(code);
        }
        returnsNil |= returnsNil(n);
      }
    }
    boolean implicitOk;
    if (handler.style == Style.ECHO) {
      implicitOk = returnsNil; // an echo handler answers through what it returns
    } else {
      Node body = handler.fn.child("body");
      Flow flow = body == null ? new Flow(true, true, false)
          : flow(body.firstOfType("statement_list"), false, handler);
      implicitOk = flow.leaks() || flow.reachesEnd() && !flow.setAtEnd();
    }
    if (implicitOk && !opaque) {
      codes.add(200);
    }
    handler.implicitOk = implicitOk;
    handler.opaque = opaque;
    handler.statuses = List.copyOf(codes);
    return handler.statuses;
  }

  private static boolean returnsNil(Node ret) {
    Node values = ret.namedChild(0);
    Node value = values == null ? null
        : values.is("expression_list") ? values.namedChild(0) : values;
    return value != null && value.is("nil");
  }

  /**
   * How control leaves a statement list: whether some path returns before a status is set
   * ({@code leaks}), whether the end is reached, and whether a status is set there on every path.
   */
  private record Flow(boolean leaks, boolean reachesEnd, boolean setAtEnd) {}

  private Flow flow(Node list, boolean set, Handler handler) {
    if (list == null) {
      return new Flow(false, true, set);
    }
    boolean leaks = false;
    for (Node statement : list.namedChildren()) {
      if (set) {
        return new Flow(leaks, true, true); // the first status written is the one sent
      }
      Node expr = statementCall(statement);
      if (expr != null && !statusCodes(expr, handler).isEmpty()) {
        set = true;
        if (statement.is("return_statement")) {
          return new Flow(leaks, false, true);
        }
        continue;
      }
      if (expr != null && isFatal(expr)) {
        return new Flow(leaks, false, set);
      }
      switch (statement.type()) {
        case "return_statement" -> {
          return new Flow(true, false, false);
        }
        case "if_statement", "block" -> {
          Flow inner = statement.is("block")
              ? flow(statement.firstOfType("statement_list"), false, handler)
              : flowOfIf(statement, handler);
          leaks |= inner.leaks();
          if (!inner.reachesEnd()) {
            return new Flow(leaks, false, false);
          }
          set = inner.setAtEnd();
        }
        default -> {
          // loops, switches, selects: a return inside may leave before any status is set
          if (!statement.descendants("return_statement").isEmpty()) {
            leaks = true;
          }
        }
      }
    }
    return new Flow(leaks, true, set);
  }

  private Flow flowOfIf(Node ifStatement, Handler handler) {
    Node consequence = ifStatement.child("consequence");
    Node alternative = ifStatement.child("alternative");
    Flow first = flow(consequence == null ? null : consequence.firstOfType("statement_list"),
        false, handler);
    Flow second = alternative == null ? new Flow(false, true, false)
        : alternative.is("block") ? flow(alternative.firstOfType("statement_list"), false, handler)
            : flowOfIf(alternative, handler);
    boolean leaks = first.leaks() || second.leaks();
    if (!first.reachesEnd() && !second.reachesEnd()) {
      return new Flow(leaks, false, false);
    }
    return new Flow(leaks, true, (!first.reachesEnd() || first.setAtEnd())
        && (!second.reachesEnd() || second.setAtEnd()));
  }

  /** The call a statement makes at its top: {@code f(..)}, {@code return f(..)}. */
  private static Node statementCall(Node statement) {
    Node expr = null;
    if (statement.is("expression_statement")) {
      expr = statement.namedChild(0);
    } else if (statement.is("return_statement") && statement.namedChild(0) != null) {
      Node values = statement.namedChild(0);
      expr = values.is("expression_list") ? values.namedChild(0) : values;
    }
    return expr != null && expr.is("call_expression") ? expr : null;
  }

  /** The statuses a call sets on the response, when it is one that does. */
  private List<Integer> statusCodes(Node call, Handler handler) {
    Node function = call.child("function");
    if (function == null || handler.context == null) {
      return List.of();
    }
    if (function.is("identifier")) {
      Node helperFn = functions.get(function.text());
      StatusHelper helper = helperFn == null ? null : statusHelper(helperFn);
      if (helper == null || handler.style != Style.NET_HTTP) {
        return List.of();
      }
      Node writerArg = argument(call, helper.writerIndex);
      if (writerArg == null || !writerArg.text().equals(handler.context)) {
        return List.of();
      }
      List<Integer> codes = new ArrayList<>(helper.fixed);
      for (int index : helper.statusParams) {
        codes.add(statusValue(argument(call, index)));
      }
      return codes;
    }
    if (!function.is("selector_expression")) {
      return List.of();
    }
    String method = textOf(function.child("field"));
    Node operand = function.child("operand");
    String operandText = operand == null ? "" : operand.text();
    String pkg = imports.get(operandText);
    Integer code = null;
    boolean isStatus = false;
    switch (handler.style) {
      case NET_HTTP -> {
        if (operandText.equals(handler.context) && method.equals("WriteHeader")) {
          isStatus = true;
          code = statusValue(argument(call, 0));
        } else if (NET_HTTP.equals(pkg) && firstArgIs(call, handler.context)) {
          switch (method) {
            case "Error" -> {
              isStatus = true;
              code = statusValue(argument(call, 2));
            }
            case "NotFound" -> {
              isStatus = true;
              code = 404;
            }
            case "Redirect" -> {
              isStatus = true;
              code = statusValue(argument(call, 3));
            }
            default -> { }
          }
        }
      }
      case GIN -> {
        if (operandText.equals(handler.context) && GIN_STATUS.contains(method)) {
          isStatus = true;
          code = statusValue(argument(call, 0));
        }
      }
      case ECHO -> {
        if (operandText.equals(handler.context) && ECHO_STATUS.contains(method)) {
          isStatus = true;
          code = statusValue(argument(call, 0));
        } else if (pkg != null && pkg.startsWith(ECHO) && method.equals("NewHTTPError")) {
          isStatus = true;
          code = statusValue(argument(call, 0));
        }
      }
      default -> { }
    }
    if (!isStatus) {
      return List.of();
    }
    List<Integer> result = new ArrayList<>(1);
    result.add(code); // null: a status we cannot read
    return result;
  }

  private boolean isStatusCall(Node call, Handler handler) {
    return !statusCodes(call, handler).isEmpty();
  }

  private static boolean firstArgIs(Node call, String name) {
    Node first = argument(call, 0);
    return first != null && first.is("identifier") && first.text().equals(name);
  }

  /** Echo turns a returned error that is not an HTTPError into a 500. */
  private Integer echoReturnStatus(Node ret, Handler handler) {
    Node values = ret.namedChild(0);
    Node value = values == null ? null
        : unparen(values.is("expression_list") ? values.namedChild(0) : values);
    if (value == null || value.is("nil")) {
      return null;
    }
    if (value.is("call_expression")) {
      Node function = value.child("function");
      if (function != null && function.is("selector_expression")) {
        String operand = textOf(function.child("operand"));
        String pkg = imports.get(operand);
        if (operand.equals(handler.context) || pkg != null && pkg.startsWith(ECHO)) {
          return null; // c.JSON(...) or echo.NewHTTPError(...): counted as a status call
        }
      }
    }
    return 500;
  }

  /** Whether the handler hands its writer/context to a same-package function we cannot see. */
  private boolean passesContextToUnknown(Node call, Handler handler) {
    Node function = call.child("function");
    if (handler.context == null || function == null || !function.is("identifier")
        || BUILTINS.contains(function.text()) || functions.containsKey(function.text())) {
      return false;
    }
    for (Node arg : arguments(call)) {
      if (arg.is("identifier") && arg.text().equals(handler.context)) {
        return true;
      }
    }
    return false;
  }

  private void readHandler(Handler handler) {
    String route = handler.route();
    List<Node> nodes = requestPath(handler);
    Set<String> locals = localNames(handler.fn);
    for (Node n : nodes) {
      switch (n.type()) {
        case "call_expression" -> {
          if (isPackageCall(n, "time", "Sleep")) {
            hazard(new Hazard.Sleep(route, location(n), Snippets.of(n), "time.Sleep",
                argumentText(n), true, false));
          }
        }
        case "unary_expression" -> {
          Node operand = n.child("operand");
          if (n.hasToken("<-") && operand != null && operand.is("call_expression")
              && isPackageCall(operand, "time", "After")
              && n.ancestor("select_statement") == null) {
            hazard(new Hazard.Sleep(route, location(n), Snippets.of(n), "time.After",
                argumentText(operand), true, false));
          }
        }
        case "if_statement" -> readRandomFailure(n, handler, route);
        default -> { }
      }
    }
    readSharedState(handler, nodes, locals, route);
    if (route != null && HealthPaths.isHealthCheck(route)) {
      List<Integer> codes = statuses(handler);
      boolean allFail = !codes.isEmpty() && codes.stream().allMatch(c -> c >= 500);
      if (allFail && !handler.implicitOk && !handler.opaque && !handler.unreadable) {
        Node at = firstStatusCall(nodes, handler);
        hazard(new Hazard.HealthAlwaysFails(route, location(at == null ? handler.fn : at), codes));
      }
    }
  }

  private Node firstStatusCall(List<Node> nodes, Handler handler) {
    for (Node n : nodes) {
      if (n.is("call_expression") && isStatusCall(n, handler)) {
        return n;
      }
      if (n.is("return_statement") && handler.style == Style.ECHO) {
        return n;
      }
    }
    return null;
  }

  /** {@code if rand.Float64() < 0.3 { http.Error(w, "boom", 500) }}: failure on purpose. */
  private void readRandomFailure(Node ifStatement, Handler handler, String route) {
    Node condition = ifStatement.child("condition");
    Node consequence = ifStatement.child("consequence");
    if (condition == null || consequence == null) {
      return;
    }
    Node[] random = {null};
    condition.visit(n -> {
      if (random[0] == null && n.is("call_expression") && isRandomCall(n)
          && n.ancestor("binary_expression") != null) {
        random[0] = n;
      }
      return random[0] == null;
    });
    if (random[0] == null) {
      return;
    }
    boolean[] fails = {false};
    consequence.visit(n -> {
      if (fails[0] || n.is("func_literal")) {
        return false;
      }
      if (n.is("call_expression")) {
        for (Integer code : statusCodes(n, handler)) {
          fails[0] |= code != null && code >= 500;
        }
        fails[0] |= isFatal(n) || n.child("function") != null
            && n.child("function").is("identifier") && n.child("function").text().equals("panic");
      } else if (n.is("return_statement") && handler.style == Style.ECHO) {
        Integer code = echoReturnStatus(n, handler);
        fails[0] |= code != null && code >= 500;
      }
      return !fails[0];
    });
    if (fails[0]) {
      hazard(new Hazard.RandomFailure(route, location(random[0]), Snippets.of(condition),
          condition.is("call_expression") || condition.is("identifier"),
          new Hazard.Failure(Hazard.Failure.Outcome.FAILS, null, null), null, null));
    }
  }

  private boolean isRandomCall(Node call) {
    Node function = call.child("function");
    if (function == null || !function.is("selector_expression")) {
      return false;
    }
    String pkg = imports.get(textOf(function.child("operand")));
    return pkg != null && (pkg.equals("math/rand") || pkg.equals("math/rand/v2"));
  }

  // ---- shared state ---------------------------------------------------------------------------

  /**
   * Package-level variables a handler touches: grown without eviction (a leak), written without a
   * lock, or read without the lock that guards their writes elsewhere (a race).
   */
  private void readSharedState(Handler handler, List<Node> nodes, Set<String> locals,
      String route) {
    Set<String> reported = new HashSet<>();
    for (Node n : nodes) {
      if (!n.is("identifier")) {
        continue;
      }
      Global global = globals.get(n.text());
      if (global == null || global.kind == GlobalKind.SYNC || locals.contains(global.name)
          || isStructKey(n)) {
        continue;
      }
      Access access = access(n);
      if (access == Access.DECLARE) {
        continue;
      }
      if (isGrowth(global, access) && !isEvicted(global)
          && reported.add("grow:" + global.name)) {
        boolean put = access == Access.PUT;
        hazard(new Hazard.UnboundedGrowth(route, location(statementOf(n)), global.name,
            Snippets.of(put ? n.parent() : statementOf(n)), put));
      }
      if (isLocked(n) || reported.contains("race:" + global.name)) {
        continue;
      }
      Node guardedAt = guardedWrite(global);
      if (guardedAt != null) {
        reported.add("race:" + global.name);
        hazard(new Hazard.UnguardedSharedState(route, location(n), global.name, guardedAt.line(),
            access != Access.READ));
      } else if (access != Access.READ) {
        reported.add("race:" + global.name);
        hazard(new Hazard.UnguardedSharedState(route, location(n), global.name, null, true));
      }
    }
  }

  /** APPEND: {@code x = append(x, ..)}; PUT: {@code m[k] = v} with a key that varies. */
  private enum Access { READ, WRITE, APPEND, PUT, DECLARE }

  private enum GlobalKind { SLICE, MAP, SYNC, OTHER }

  private record Global(String name, Node spec, Node type, Node value,
      GlobalKind kind) {}

  private static boolean isStructKey(Node identifier) {
    Node parent = identifier.parent();
    return parent != null && parent.is("literal_element") && "key".equals(parent.field());
  }

  /** How an identifier is used: read, written, or grown ({@code x = append(x, ..)}, {@code m[k] = v}). */
  private Access access(Node id) {
    Node parent = id.parent();
    if (parent == null) {
      return Access.READ;
    }
    if (parent.is("inc_statement") || parent.is("dec_statement")) {
      return Access.WRITE;
    }
    if (parent.is("index_expression") && "operand".equals(id.field())) {
      Node indexed = parent;
      Node up = indexed.parent();
      if (up != null && (up.is("inc_statement") || up.is("dec_statement"))) {
        return isConstantKey(indexed.child("index")) ? Access.WRITE : Access.PUT;
      }
      if (isAssignmentTarget(indexed)) {
        return isConstantKey(indexed.child("index")) ? Access.WRITE : Access.PUT;
      }
      return Access.READ;
    }
    if (parent.is("expression_list") && "left".equals(parent.field())) {
      Node statement = parent.parent();
      if (statement != null && statement.is("short_var_declaration")) {
        return Access.DECLARE;
      }
      if (statement != null && statement.is("assignment_statement")) {
        Node value = valueAt(statement, indexIn(parent, id));
        if (value != null && isAppendTo(value, id.text())) {
          return Access.APPEND;
        }
        return Access.WRITE;
      }
    }
    return Access.READ;
  }

  private static boolean isAssignmentTarget(Node expr) {
    Node list = expr.parent();
    return list != null && list.is("expression_list") && "left".equals(list.field())
        && list.parent() != null && list.parent().is("assignment_statement");
  }

  private boolean isConstantKey(Node index) {
    if (index == null) {
      return false;
    }
    return index.is("interpreted_string_literal") || index.is("raw_string_literal")
        || index.is("int_literal") || index.is("identifier") && constants.containsKey(index.text());
  }

  private static boolean isAppendTo(Node value, String name) {
    Node v = unparen(value);
    if (!v.is("call_expression") || !callName(v).equals("append")) {
      return false;
    }
    Node first = argument(v, 0);
    return first != null && first.is("identifier") && first.text().equals(name);
  }

  private static boolean isGrowth(Global global, Access access) {
    // x = append(x, ..) shows a slice even when the declaration does not say so
    return access == Access.APPEND && global.kind != GlobalKind.MAP
        || access == Access.PUT && global.kind == GlobalKind.MAP;
  }

  /** Whether anything in the file shrinks or replaces the collection (delete, clear, reslice, reset). */
  private boolean isEvicted(Global global) {
    for (Node call : calls) {
      String name = callName(call);
      if ((name.equals("delete") || name.equals("clear")) && argument(call, 0) != null
          && argument(call, 0).text().equals(global.name)) {
        return true;
      }
    }
    for (Node assignment : assignments) {
      Node left = assignment.child("left");
      if (left == null) {
        continue;
      }
      List<Node> targets = left.namedChildren();
      for (int i = 0; i < targets.size(); i++) {
        if (targets.get(i).is("identifier") && targets.get(i).text().equals(global.name)) {
          Node value = valueAt(assignment, i);
          if (value == null || !isAppendTo(value, global.name)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** Where the variable is written while a lock is held, if anywhere in the file. */
  private Node guardedWrite(Global global) {
    if (guardedWrites == null) {
      guardedWrites = new HashMap<>();
      root.visit(n -> {
        if (n.is("identifier") && globals.containsKey(n.text())
            && !guardedWrites.containsKey(n.text()) && isLocked(n)) {
          Access access = access(n);
          Node fn = enclosingFunction(n);
          if (access != Access.READ && access != Access.DECLARE
              && (fn == null || !localNames(fn).contains(n.text()))) {
            guardedWrites.put(n.text(), n);
          }
        }
        return true;
      });
    }
    return guardedWrites.get(global.name);
  }

  /** Marks statements that run between {@code x.Lock()} and {@code x.Unlock()} in one block. */
  private void markLockedStatements() {
    for (Node list : statementLists) {
      boolean held = false;
      for (Node statement : list.namedChildren()) {
        String lock = lockCall(statement);
        if ("lock".equals(lock)) {
          held = true;
        } else if ("unlock".equals(lock)) {
          held = false;
        } else if (held) {
          locked.put(statement, Boolean.TRUE);
        }
      }
    }
  }

  private static String lockCall(Node statement) {
    if (!statement.is("expression_statement")) {
      return null; // defer mu.Unlock() keeps the lock to the end of the block
    }
    Node call = statement.namedChild(0);
    if (call == null || !call.is("call_expression") || argument(call, 0) != null) {
      return null;
    }
    Node function = call.child("function");
    if (function == null || !function.is("selector_expression")) {
      return null;
    }
    return switch (textOf(function.child("field"))) {
      case "Lock", "RLock" -> "lock";
      case "Unlock", "RUnlock" -> "unlock";
      default -> null;
    };
  }

  private boolean isLocked(Node node) {
    for (Node p = node; p != null; p = p.parent()) {
      if (locked.containsKey(p)) {
        return true;
      }
      if (p.is("function_declaration") || p.is("method_declaration")) {
        return false;
      }
    }
    return false;
  }

  private static Node statementOf(Node node) {
    for (Node p = node; p != null; p = p.parent()) {
      if (p.parent() != null && p.parent().is("statement_list")) {
        return p;
      }
    }
    return node;
  }

  /** Names declared in a function and the functions around it: they shadow package variables. */
  private Set<String> localNames(Node fn) {
    Set<String> names = new HashSet<>();
    for (Node f = fn; f != null; f = enclosingFunction(f)) {
      Scope scope = scope(f);
      names.addAll(scope.defs.keySet());
      names.addAll(scope.params.keySet());
    }
    return names;
  }

  // ---- retry loops ----------------------------------------------------------------------------

  /**
   * A loop that repeats a failing call until it succeeds ({@code if err == nil { break }}) with no
   * sleep or backoff between attempts hammers the dependency it waits for.
   */
  private void readRetryLoop(Node loop) {
    Node body = loop.child("body");
    if (body == null || loop.firstOfType("range_clause") != null
        || loop.firstOfType("for_clause") != null
        && loop.firstOfType("for_clause").firstOfType("range_clause") != null) {
      return;
    }
    Node condition = loopCondition(loop);
    boolean uncapped = condition == null || isErrorTest(condition, "!=");
    boolean retries = condition != null && isErrorTest(condition, "!=");
    boolean[] waits = {false};
    boolean[] exitsOnSuccess = {false};
    body.visit(n -> {
      if (n.is("func_literal")) {
        return false;
      }
      if (n.is("select_statement")) {
        waits[0] = true;
      } else if (n.is("call_expression")) {
        String name = callName(n).toLowerCase(Locale.ROOT);
        if (isPackageCall(n, "time", "Sleep") || isPackageCall(n, "time", "After")
            || isPackageCall(n, "time", "NewTimer") || isPackageCall(n, "time", "Tick")
            || name.contains("backoff") || name.contains("sleep") || name.equals("wait")) {
          waits[0] = true;
        }
      } else if (n.is("if_statement") && n.child("condition") != null) {
        Node consequence = n.child("consequence");
        if (isErrorTest(n.child("condition"), "==") && consequence != null
            && (consequence.descendants("break_statement").size()
                + consequence.descendants("return_statement").size()) > 0) {
          exitsOnSuccess[0] = true;
        }
      }
      return true;
    });
    if ((retries || exitsOnSuccess[0]) && !waits[0]) {
      Handler inHandler = null;
      for (Node p = loop.parent(); p != null && inHandler == null; p = p.parent()) {
        inHandler = handlers.get(p);
      }
      hazard(new Hazard.RetryWithoutBackoff(inHandler == null ? null : inHandler.route(),
          location(loop), null, false, !uncapped));
    }
  }

  private static Node loopCondition(Node loop) {
    Node clause = loop.firstOfType("for_clause");
    if (clause != null) {
      return clause.child("condition");
    }
    for (Node c : loop.namedChildren()) {
      if (!"body".equals(c.field())) {
        return c;
      }
    }
    return null;
  }

  /** {@code err != nil} / {@code err == nil} (either order). */
  private static boolean isErrorTest(Node condition, String operator) {
    Node c = unparen(condition);
    if (!c.is("binary_expression") || !c.hasToken(operator)) {
      return false;
    }
    Node left = c.child("left");
    Node right = c.child("right");
    if (left == null || right == null) {
      return false;
    }
    return left.is("identifier") && left.text().equals("err") && right.is("nil")
        || right.is("identifier") && right.text().equals("err") && left.is("nil");
  }

  // ---- env reads -----------------------------------------------------------------------------

  private void readEnvCall(Node call) {
    Node nameArg = argument(call, 0);
    String name = constantString(nameArg);
    if (name == null) {
      return; // os.Getenv(key) inside a helper: its call sites are read instead
    }
    EnvUse use = envUse(call);
    String fallback = use.fallback == null ? null : literalValue(use.fallback);
    envReads.add(new EnvRead(name, use.required, fallback, location(call)));
  }

  private void readEnvHelperCall(Node call, EnvHelper helper) {
    String name = constantString(argument(call, helper.nameIndex));
    if (name == null) {
      return;
    }
    String fallback = helper.fallbackIndex < 0 ? null
        : literalValue(argument(call, helper.fallbackIndex));
    envReads.add(new EnvRead(name, helper.required, fallback, location(call)));
  }

  /** What the code does when the variable is empty: a fallback value, or a fatal exit. */
  private record EnvUse(boolean required, Node fallback) {}

  private EnvUse envUse(Node call) {
    Node parent = call.parent();
    if (parent != null && parent.is("argument_list") && parent.parent() != null
        && isPackageCall(parent.parent(), "cmp", "Or") && argument(parent.parent(), 0) == call) {
      return new EnvUse(false, argument(parent.parent(), 1));
    }
    String valueVar = null;
    String okVar = null;
    if (parent != null && parent.is("expression_list") && "right".equals(parent.field())
        || parent != null && parent.is("expression_list") && "value".equals(parent.field())) {
      List<Node> targets = targets(parent.parent());
      int index = indexIn(parent, call);
      if (targets.size() == 2 && parent.namedChildren().size() == 1) {
        valueVar = targets.get(0).text();
        okVar = targets.get(1).text();
      } else if (index < targets.size()) {
        valueVar = targets.get(index).text();
      }
    }
    Node fn = enclosingFunction(call);
    Node scope = fn == null ? root : fn.child("body");
    if (scope == null) {
      return new EnvUse(false, null);
    }
    boolean required = false;
    Node fallback = null;
    for (Node ifStatement : scope.descendants("if_statement")) {
      Node condition = ifStatement.child("condition");
      Node consequence = ifStatement.child("consequence");
      if (condition == null || consequence == null
          || !testsEmpty(condition, call, valueVar, okVar)) {
        continue;
      }
      boolean[] fatal = {false};
      Node[] assigned = {null};
      String target = valueVar;
      consequence.visit(n -> {
        if (n.is("func_literal")) {
          return false;
        }
        if (n.is("call_expression") && (isFatal(n) || callName(n).equals("panic"))) {
          fatal[0] = true;
        }
        if (target != null && n.is("assignment_statement")) {
          List<Node> left = targets(n);
          for (int i = 0; i < left.size(); i++) {
            if (left.get(i).text().equals(target)) {
              assigned[0] = valueAt(n, i);
            }
          }
        }
        return true;
      });
      required |= fatal[0];
      if (assigned[0] != null) {
        fallback = assigned[0];
      }
    }
    return new EnvUse(required, fallback);
  }

  /** Whether a condition is true when the env value is empty or unset. */
  private static boolean testsEmpty(Node condition, Node call, String valueVar,
      String okVar) {
    Node c = unparen(condition);
    if (c.is("binary_expression") && c.hasToken("||")) {
      return testsEmpty(c.child("left"), call, valueVar, okVar)
          || testsEmpty(c.child("right"), call, valueVar, okVar);
    }
    if (c.is("unary_expression") && c.hasToken("!")) {
      Node operand = c.child("operand");
      return okVar != null && operand != null && operand.text().equals(okVar);
    }
    if (!c.is("binary_expression") || !c.hasToken("==")) {
      return false;
    }
    Node left = unparen(c.child("left"));
    Node right = unparen(c.child("right"));
    if (left == null || right == null) {
      return false;
    }
    if (isEmptyString(right) && refersTo(left, call, valueVar)
        || isEmptyString(left) && refersTo(right, call, valueVar)) {
      return true;
    }
    if (okVar != null && (left.text().equals(okVar) && right.is("false")
        || right.text().equals(okVar) && left.is("false"))) {
      return true;
    }
    // len(v) == 0
    return right.is("int_literal") && right.text().equals("0") && left.is("call_expression")
        && callName(left).equals("len") && argument(left, 0) != null
        && refersTo(argument(left, 0), call, valueVar);
  }

  private static boolean refersTo(Node expr, Node call, String valueVar) {
    return expr == call || valueVar != null && expr.is("identifier") && expr.text().equals(valueVar);
  }

  private static boolean isEmptyString(Node node) {
    return (node.is("interpreted_string_literal") || node.is("raw_string_literal"))
        && node.text().length() == 2;
  }

  /** Whether the call ends the process: log.Fatal*, log.Panic*, os.Exit, logger.Fatal*. */
  private boolean isFatal(Node call) {
    Node function = call.child("function");
    if (function == null) {
      return false;
    }
    if (function.is("identifier")) {
      return function.text().equals("panic");
    }
    if (!function.is("selector_expression")) {
      return false;
    }
    String method = textOf(function.child("field"));
    String pkg = imports.get(textOf(function.child("operand")));
    if ("os".equals(pkg)) {
      return method.equals("Exit");
    }
    return method.startsWith("Fatal") || "log".equals(pkg) && method.startsWith("Panic");
  }

  /** A function reading the env var named by one of its parameters, returning a fallback. */
  private record EnvHelper(int nameIndex, int fallbackIndex, boolean required) {}

  private EnvHelper envHelper(Node fn) {
    if (envHelpers.containsKey(fn)) {
      return envHelpers.get(fn);
    }
    envHelpers.put(fn, null); // no recursion through itself
    List<String> names = parameterNames(fn);
    EnvHelper helper = null;
    Node body = fn.child("body");
    if (body != null && !names.isEmpty()) {
      for (Node call : body.descendants("call_expression")) {
        if (!isPackageCall(call, "os", "Getenv") && !isPackageCall(call, "os", "LookupEnv")) {
          continue;
        }
        Node arg = argument(call, 0);
        int nameIndex = arg != null && arg.is("identifier") ? names.indexOf(arg.text()) : -1;
        if (nameIndex < 0) {
          continue;
        }
        EnvUse use = envUse(call);
        int fallbackIndex = -1;
        if (use.fallback != null && use.fallback.is("identifier")) {
          fallbackIndex = names.indexOf(use.fallback.text());
        }
        if (fallbackIndex < 0) {
          for (Node ret : body.descendants("return_statement")) {
            Node values = ret.namedChild(0);
            Node value = values == null ? null
                : values.is("expression_list") ? values.namedChild(0) : values;
            if (value != null && value.is("identifier") && names.indexOf(value.text()) >= 0
                && names.indexOf(value.text()) != nameIndex) {
              fallbackIndex = names.indexOf(value.text());
            }
          }
        }
        helper = new EnvHelper(nameIndex, fallbackIndex, use.required);
        break;
      }
    }
    envHelpers.put(fn, helper);
    return helper;
  }

  /** A function that sets a response status from one of its parameters, or a fixed one. */
  private record StatusHelper(int writerIndex, List<Integer> statusParams, List<Integer> fixed) {}

  private StatusHelper statusHelper(Node fn) {
    if (statusHelpers.containsKey(fn)) {
      return statusHelpers.get(fn);
    }
    statusHelpers.put(fn, null);
    List<String> names = parameterNames(fn);
    String writer = contextParameter(fn, Style.NET_HTTP);
    StatusHelper helper = null;
    Node body = fn.child("body");
    if (writer != null && body != null && handlerStyle(fn) == null) {
      Handler probe = new Handler(fn, Style.NET_HTTP);
      List<Integer> params = new ArrayList<>();
      List<Integer> fixed = new ArrayList<>();
      for (Node call : body.descendants("call_expression")) {
        Node function = call.child("function");
        Node codeArg = null;
        if (function != null && function.is("selector_expression")
            && textOf(function.child("operand")).equals(writer)
            && textOf(function.child("field")).equals("WriteHeader")) {
          codeArg = argument(call, 0);
        } else if (isPackageCall(call, NET_HTTP, "Error") && firstArgIs(call, writer)) {
          codeArg = argument(call, 2);
        }
        if (codeArg == null) {
          continue;
        }
        if (codeArg.is("identifier") && names.contains(codeArg.text())) {
          params.add(names.indexOf(codeArg.text()));
        } else {
          for (Integer code : statusCodes(call, probe)) {
            if (code != null) {
              fixed.add(code);
            }
          }
        }
      }
      if (!params.isEmpty() || !fixed.isEmpty()) {
        helper = new StatusHelper(names.indexOf(writer), params, fixed);
      }
    }
    statusHelpers.put(fn, helper);
    return helper;
  }

  private static List<String> parameterNames(Node fn) {
    List<String> names = new ArrayList<>();
    for (Node param : parameters(fn)) {
      boolean any = false;
      for (Node c : param.children()) {
        if ("name".equals(c.field())) {
          names.add(c.text());
          any = true;
        }
      }
      if (!any) {
        names.add("_");
      }
    }
    return names;
  }

  // ---- outbound calls ------------------------------------------------------------------------

  private void readClientCall(Node call, String method, GoType client) {
    Boolean timeout = clientTimeout(client);
    switch (method) {
      case "Get", "Head", "Post", "PostForm" -> {
        if (timeout != null) {
          outbound(call, argument(call, 0), timeout);
        }
      }
      case "Do" -> {
        Node request = requestOf(argument(call, 0));
        boolean contextDeadline = request != null && hasDeadline(request);
        if (timeout == null && !contextDeadline) {
          return; // a client we cannot see: unknown
        }
        Node url = null;
        if (request != null) {
          url = argument(request, isPackageCall(request, NET_HTTP, "NewRequestWithContext") ? 2 : 1);
        }
        outbound(call, url, contextDeadline || Boolean.TRUE.equals(timeout));
      }
      default -> { }
    }
  }

  private Boolean clientTimeout(GoType client) {
    if (client.defaultClient()) {
      return false;
    }
    if (client.literal() == null) {
      return null;
    }
    Node timeout = keyedValue(client.literal(), "Timeout");
    return timeout != null && !(timeout.is("int_literal") && timeout.text().equals("0"));
  }

  private Node requestOf(Node expr) {
    if (expr == null) {
      return null;
    }
    Node e = unparen(expr);
    if (e.is("identifier")) {
      Binding b = lookup(e.text(), e);
      e = b == null ? null : b.singleValue();
    }
    if (e != null && e.is("call_expression") && (isPackageCall(e, NET_HTTP, "NewRequest")
        || isPackageCall(e, NET_HTTP, "NewRequestWithContext"))) {
      return e;
    }
    return null;
  }

  /** Whether the request carries a context made by context.WithTimeout or WithDeadline. */
  private boolean hasDeadline(Node request) {
    if (!isPackageCall(request, NET_HTTP, "NewRequestWithContext")) {
      return false;
    }
    Node ctx = argument(request, 0);
    if (ctx == null || !ctx.is("identifier")) {
      return false;
    }
    Binding b = lookup(ctx.text(), ctx);
    Node value = b == null ? null : b.singleValue();
    return value != null && value.is("call_expression")
        && (isPackageCall(value, "context", "WithTimeout")
            || isPackageCall(value, "context", "WithDeadline"));
  }

  private void outbound(Node call, Node urlExpr, boolean timeout) {
    String url = null;
    String envVar = null;
    if (urlExpr != null) {
      List<Part> parts = evaluate(urlExpr, 0);
      url = literal(parts);
      for (Part part : parts) {
        if (part instanceof Part.Env env) {
          envVar = env.name();
          break;
        }
      }
    }
    outbound.add(new OutboundCall(url, envVar, timeout, location(call)));
  }

  // ---- values --------------------------------------------------------------------------------

  /** A piece of a string value: literal text, an env var (with its fallback), or unknown. */
  private sealed interface Part {
    record Lit(String text) implements Part {}

    record Env(String name, String fallback) implements Part {}

    record Unknown() implements Part {}
  }

  private static final List<Part> UNKNOWN = List.of(new Part.Unknown());

  private static String literal(List<Part> parts) {
    StringBuilder text = new StringBuilder();
    for (Part part : parts) {
      if (!(part instanceof Part.Lit lit)) {
        return null;
      }
      text.append(lit.text());
    }
    return text.toString();
  }

  /** What a string expression evaluates to, as far as this file tells. */
  private List<Part> evaluate(Node expr, int depth) {
    if (expr == null || depth > 8) {
      return UNKNOWN;
    }
    Node e = unparen(expr);
    switch (e.type()) {
      case "interpreted_string_literal", "raw_string_literal" -> {
        String s = stringValue(e);
        return s == null ? UNKNOWN : List.of(new Part.Lit(s));
      }
      case "int_literal" -> {
        return List.of(new Part.Lit(e.text()));
      }
      case "binary_expression" -> {
        if (!e.hasToken("+")) {
          return UNKNOWN;
        }
        List<Part> parts = new ArrayList<>(evaluate(e.child("left"), depth + 1));
        parts.addAll(evaluate(e.child("right"), depth + 1));
        return parts;
      }
      case "identifier" -> {
        return evaluateName(e, depth);
      }
      case "call_expression" -> {
        return evaluateCall(e, depth);
      }
      default -> {
        return UNKNOWN;
      }
    }
  }

  private List<Part> evaluateCall(Node call, int depth) {
    if (isPackageCall(call, "os", "Getenv") || isPackageCall(call, "os", "LookupEnv")) {
      String name = constantString(argument(call, 0));
      return name == null ? UNKNOWN : List.of(new Part.Env(name, null));
    }
    if (isPackageCall(call, "fmt", "Sprintf")) {
      return evaluateSprintf(call, depth);
    }
    if (isPackageCall(call, "strconv", "Itoa") || isPackageCall(call, "fmt", "Sprint")) {
      return argument(call, 1) == null ? evaluate(argument(call, 0), depth + 1) : UNKNOWN;
    }
    if (isPackageCall(call, "cmp", "Or")) {
      List<Part> first = evaluate(argument(call, 0), depth + 1);
      String fallback = literal(evaluate(argument(call, 1), depth + 1));
      if (first.size() == 1 && first.get(0) instanceof Part.Env env && env.fallback() == null
          && fallback != null) {
        return List.of(new Part.Env(env.name(), fallback));
      }
      return UNKNOWN;
    }
    Node function = call.child("function");
    if (function != null && function.is("identifier") && functions.containsKey(function.text())) {
      EnvHelper helper = envHelper(functions.get(function.text()));
      if (helper != null) {
        String name = constantString(argument(call, helper.nameIndex));
        String fallback = helper.fallbackIndex < 0 ? null
            : literalValue(argument(call, helper.fallbackIndex));
        return name == null ? UNKNOWN : List.of(new Part.Env(name, fallback));
      }
    }
    return UNKNOWN;
  }

  private List<Part> evaluateSprintf(Node call, int depth) {
    String format = constantString(argument(call, 0));
    if (format == null) {
      return UNKNOWN;
    }
    List<Part> parts = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    int arg = 1;
    for (int i = 0; i < format.length(); i++) {
      char ch = format.charAt(i);
      if (ch != '%') {
        text.append(ch);
        continue;
      }
      if (i + 1 >= format.length()) {
        return UNKNOWN;
      }
      char verb = format.charAt(++i);
      if (verb == '%') {
        text.append('%');
        continue;
      }
      if (verb != 's' && verb != 'd' && verb != 'v') {
        return UNKNOWN;
      }
      if (!text.isEmpty()) {
        parts.add(new Part.Lit(text.toString()));
        text.setLength(0);
      }
      parts.addAll(evaluate(argument(call, arg++), depth + 1));
    }
    if (!text.isEmpty()) {
      parts.add(new Part.Lit(text.toString()));
    }
    return parts;
  }

  /**
   * A variable's value: its one definition; or an env read with a fallback assigned when it is
   * empty ({@code if port == "" { port = "8080" }}); or a default overridden when an env var is
   * set ({@code if p := os.Getenv("PORT"); p != "" { port = p }}).
   */
  private List<Part> evaluateName(Node id, int depth) {
    String name = id.text();
    Binding binding = lookup(name, id);
    if (binding == null) {
      return UNKNOWN;
    }
    if (binding.constant != null) {
      return evaluate(binding.constant, depth + 1);
    }
    if (binding.global != null) {
      // a package variable keeps its initial value only if nothing in the file assigns it
      return binding.global.value() == null || isEvicted(binding.global) ? UNKNOWN
          : evaluate(binding.global.value(), depth + 1);
    }
    if (binding.defs == null) {
      return UNKNOWN; // a parameter
    }
    List<Def> defs = new ArrayList<>();
    for (Def def : binding.defs) {
      if (def.value != null || defs.size() > 0 || binding.defs.size() == 1) {
        defs.add(def);
      }
    }
    if (defs.isEmpty() || defs.get(0).value == null || defs.get(0).index > 0) {
      return UNKNOWN;
    }
    List<Part> first = evaluate(defs.get(0).value, depth + 1);
    if (defs.size() == 1) {
      return first;
    }
    if (defs.size() != 2 || defs.get(1).value == null
        || defs.get(1).statement.ancestor("if_statement") == null) {
      return UNKNOWN;
    }
    List<Part> second = evaluate(defs.get(1).value, depth + 1);
    String firstLiteral = literal(first);
    String secondLiteral = literal(second);
    if (first.size() == 1 && first.get(0) instanceof Part.Env env && env.fallback() == null
        && secondLiteral != null) {
      return List.of(new Part.Env(env.name(), secondLiteral));
    }
    if (firstLiteral != null && second.size() == 1 && second.get(0) instanceof Part.Env env
        && env.fallback() == null) {
      return List.of(new Part.Env(env.name(), firstLiteral));
    }
    return UNKNOWN;
  }

  /** The literal text of a string or number expression (through constants), else null. */
  private String literalValue(Node expr) {
    return expr == null ? null : literal(evaluate(expr, 4));
  }

  /** A string known at compile time: a literal or a constant. */
  private String constantString(Node expr) {
    if (expr == null) {
      return null;
    }
    Node e = unparen(expr);
    if (e.is("interpreted_string_literal") || e.is("raw_string_literal")) {
      return stringValue(e);
    }
    if (e.is("identifier") && constants.containsKey(e.text())) {
      return constantString(constants.get(e.text()));
    }
    return null;
  }

  private Integer statusValue(Node expr) {
    if (expr == null) {
      return null;
    }
    Node e = unparen(expr);
    if (e.is("int_literal")) {
      try {
        int code = Integer.parseInt(e.text());
        return code >= 100 && code < 600 ? code : null;
      } catch (NumberFormatException ex) {
        return null;
      }
    }
    if (e.is("selector_expression") && NET_HTTP.equals(imports.get(textOf(e.child("operand"))))) {
      return STATUS_CONSTANTS.get(textOf(e.child("field")));
    }
    if (e.is("identifier") && constants.containsKey(e.text())) {
      return statusValue(constants.get(e.text()));
    }
    return null;
  }

  /** Unquotes a Go string literal; null when it holds escapes we do not interpret. */
  private static String stringValue(Node literal) {
    String text = literal.text();
    if (literal.is("raw_string_literal")) {
      return text.length() >= 2 ? text.substring(1, text.length() - 1) : null;
    }
    if (!literal.is("interpreted_string_literal") || text.length() < 2) {
      return null;
    }
    return Expressions.unescape(text.substring(1, text.length() - 1));
  }

  // ---- types ---------------------------------------------------------------------------------

  private enum Kind { MUX, GORILLA, CHI, GIN, GIN_GROUP, ECHO, ECHO_GROUP, SERVER, CLIENT }

  /**
   * What a receiver is: a router (with its path prefix, null when unknown), a server or client
   * (with the composite literal that configures it, when seen).
   */
  private record GoType(Kind kind, String prefix, Node literal, boolean defaultClient) {
    static GoType of(Kind kind, String prefix) {
      return new GoType(kind, prefix, null, false);
    }
  }

  private GoType typeOf(Node expr, int depth) {
    if (expr == null || depth > 6) {
      return null;
    }
    Node e = unparen(expr);
    switch (e.type()) {
      case "unary_expression" -> {
        return e.hasToken("&") ? typeOf(e.child("operand"), depth + 1) : null;
      }
      case "composite_literal" -> {
        String type = qualifiedType(e.child("type"));
        if ((NET_HTTP + ".Server").equals(type)) {
          return new GoType(Kind.SERVER, null, e, false);
        }
        if ((NET_HTTP + ".Client").equals(type)) {
          return new GoType(Kind.CLIENT, null, e, false);
        }
        return null;
      }
      case "selector_expression" -> {
        String pkg = imports.get(textOf(e.child("operand")));
        if (NET_HTTP.equals(pkg) && textOf(e.child("field")).equals("DefaultClient")) {
          return new GoType(Kind.CLIENT, null, null, true);
        }
        return null;
      }
      case "call_expression" -> {
        return typeOfCall(e, depth);
      }
      case "identifier" -> {
        Binding b = lookup(e.text(), e);
        if (b == null) {
          return null;
        }
        if (b.paramType != null) {
          return typeOfParameter(b, depth);
        }
        if (b.global != null) {
          GoType declared = typeFromDeclaration(b.global.type());
          return declared != null ? declared : typeOf(b.global.value(), depth + 1);
        }
        Node value = b.singleValue();
        if (value != null) {
          return typeOf(value, depth + 1);
        }
        for (Def def : b.defs) {
          if (def.type != null) {
            return typeFromDeclaration(def.type);
          }
        }
        return null;
      }
      default -> {
        return null;
      }
    }
  }

  private GoType typeOfCall(Node call, int depth) {
    Node function = call.child("function");
    if (function == null) {
      return null;
    }
    if (function.is("identifier")) {
      Node fn = functions.get(function.text());
      return fn == null ? null : typeFromDeclaration(fn.child("result"));
    }
    if (!function.is("selector_expression")) {
      return null;
    }
    String method = textOf(function.child("field"));
    Node operand = function.child("operand");
    String pkg = operand != null && operand.is("identifier") ? imports.get(operand.text()) : null;
    if (pkg != null) {
      if (pkg.equals(GIN) && (method.equals("Default") || method.equals("New"))) {
        return GoType.of(Kind.GIN, "");
      }
      if (pkg.startsWith(ECHO) && method.equals("New")) {
        return GoType.of(Kind.ECHO, "");
      }
      if (pkg.equals(NET_HTTP) && method.equals("NewServeMux")) {
        return GoType.of(Kind.MUX, "");
      }
      if (pkg.startsWith(CHI) && (method.equals("NewRouter") || method.equals("NewMux"))) {
        return GoType.of(Kind.CHI, "");
      }
      if (pkg.equals(GORILLA) && method.equals("NewRouter")) {
        return GoType.of(Kind.GORILLA, "");
      }
      return null;
    }
    if (method.equals("Group")) {
      GoType parent = typeOf(operand, depth + 1);
      if (parent != null && (parent.kind() == Kind.GIN || parent.kind() == Kind.GIN_GROUP)) {
        return GoType.of(Kind.GIN_GROUP, join(parent.prefix(), constantString(argument(call, 0))));
      }
      if (parent != null && (parent.kind() == Kind.ECHO || parent.kind() == Kind.ECHO_GROUP)) {
        return GoType.of(Kind.ECHO_GROUP, join(parent.prefix(), constantString(argument(call, 0))));
      }
    }
    return null;
  }

  /** A parameter's type; a chi sub-router's prefix comes from {@code r.Route("/api", func(r chi.Router) {..})}. */
  private GoType typeOfParameter(Binding b, int depth) {
    GoType declared = typeFromDeclaration(b.paramType);
    if (declared == null || declared.kind() != Kind.CHI) {
      return declared;
    }
    Node fn = b.function;
    Node args = fn.parent();
    if (fn.is("func_literal") && args != null && args.is("argument_list")
        && args.parent() != null) {
      Node call = args.parent();
      Node function = call.child("function");
      if (function != null && function.is("selector_expression")
          && textOf(function.child("field")).equals("Route") && argument(call, 1) == fn) {
        GoType parent = typeOf(function.child("operand"), depth + 1);
        if (parent != null && parent.kind() == Kind.CHI) {
          return GoType.of(Kind.CHI, join(parent.prefix(), constantString(argument(call, 0))));
        }
      }
    }
    return GoType.of(Kind.CHI, null);
  }

  private GoType typeFromDeclaration(Node type) {
    String name = qualifiedType(type);
    if (name == null) {
      return null;
    }
    String bare = name.startsWith("*") ? name.substring(1) : name;
    return switch (bare) {
      case GIN + ".Engine" -> GoType.of(Kind.GIN, "");
      case GIN + ".RouterGroup", GIN + ".IRouter", GIN + ".IRoutes" ->
          GoType.of(Kind.GIN_GROUP, null);
      case NET_HTTP + ".ServeMux" -> GoType.of(Kind.MUX, "");
      case NET_HTTP + ".Server" -> GoType.of(Kind.SERVER, null);
      case NET_HTTP + ".Client" -> GoType.of(Kind.CLIENT, null);
      case GORILLA + ".Router" -> GoType.of(Kind.GORILLA, null);
      default -> {
        if (bare.startsWith(ECHO) && bare.endsWith(".Echo")) {
          yield GoType.of(Kind.ECHO, "");
        }
        if (bare.startsWith(ECHO) && bare.endsWith(".Group")) {
          yield GoType.of(Kind.ECHO_GROUP, null);
        }
        if (bare.startsWith(CHI) && (bare.endsWith(".Router") || bare.endsWith(".Mux"))) {
          yield GoType.of(Kind.CHI, null);
        }
        yield null;
      }
    };
  }

  // ---- scopes --------------------------------------------------------------------------------

  /** One assignment to a name: the statement, the value expression (null when none). */
  private record Def(Node statement, Node value, int index, Node type) {}

  /** The names a function declares: parameters with their types, and local definitions. */
  private static final class Scope {
    final Map<String, Node> params = new HashMap<>();
    final Map<String, List<Def>> defs = new HashMap<>();
  }

  /** What a name refers to at one place. */
  private record Binding(Node function, Node paramType, List<Def> defs, Global global,
      Node constant) {
    /** The value of a name assigned exactly once. */
    Node singleValue() {
      if (defs == null || defs.size() != 1 || defs.get(0).index() > 0) {
        return null;
      }
      return defs.get(0).value();
    }
  }

  private Binding lookup(String name, Node at) {
    for (Node fn = enclosingFunction(at); fn != null; fn = enclosingFunction(fn)) {
      Scope scope = scope(fn);
      if (scope.params.containsKey(name)) {
        return new Binding(fn, scope.params.get(name), null, null, null);
      }
      List<Def> defs = scope.defs.get(name);
      if (defs != null) {
        for (Def def : defs) {
          if (def.statement.is("const_spec") && def.value != null) {
            return new Binding(fn, null, null, null, def.value);
          }
        }
        return new Binding(fn, null, defs, null, null);
      }
    }
    if (globals.containsKey(name)) {
      return new Binding(null, null, null, globals.get(name), null);
    }
    if (constants.containsKey(name)) {
      return new Binding(null, null, null, null, constants.get(name));
    }
    return null;
  }

  private static Node enclosingFunction(Node node) {
    return node.ancestor("function_declaration", "method_declaration", "func_literal");
  }

  private Scope scope(Node fn) {
    Scope cached = scopes.get(fn);
    if (cached != null) {
      return cached;
    }
    Scope scope = new Scope();
    for (String listField : List.of("receiver", "parameters")) {
      Node list = fn.child(listField);
      if (list == null) {
        continue;
      }
      for (Node p : list.namedChildren()) {
        for (Node c : p.children()) {
          if ("name".equals(c.field())) {
            scope.params.put(c.text(), p.child("type"));
          }
        }
      }
    }
    Node body = fn.child("body");
    if (body != null) {
      body.visit(n -> {
        if (n.is("func_literal")) {
          return false;
        }
        switch (n.type()) {
          case "short_var_declaration", "assignment_statement" -> {
            boolean plain = n.is("short_var_declaration") || n.hasToken("=");
            List<Node> left = targets(n);
            Node right = n.child("right");
            int values = right == null ? 0 : right.namedChildren().size();
            for (int i = 0; i < left.size(); i++) {
              if (!left.get(i).is("identifier")) {
                continue;
              }
              Node value = !plain ? null
                  : values == left.size() ? right.namedChild(i)
                  : values == 1 ? right.namedChild(0) : null;
              int index = values == 1 && left.size() > 1 ? i : 0;
              scope.defs.computeIfAbsent(left.get(i).text(), k -> new ArrayList<>())
                  .add(new Def(n, value, index, null));
            }
          }
          case "var_spec", "const_spec" -> {
            Node values = n.child("value");
            int i = 0;
            for (Node c : n.children()) {
              if ("name".equals(c.field())) {
                Node value = values == null ? null : values.namedChild(i);
                scope.defs.computeIfAbsent(c.text(), k -> new ArrayList<>())
                    .add(new Def(n, value, 0, n.child("type")));
                i++;
              }
            }
          }
          case "range_clause", "inc_statement", "dec_statement" -> {
            Node left = n.is("range_clause") ? n.child("left") : null;
            if (left != null && n.hasToken(":=")) {
              for (Node c : left.namedChildren()) {
                scope.defs.computeIfAbsent(c.text(), k -> new ArrayList<>())
                    .add(new Def(n, null, 0, null));
              }
            } else if (!n.is("range_clause") && n.namedChild(0) != null
                && n.namedChild(0).is("identifier")) {
              List<Def> defs = scope.defs.get(n.namedChild(0).text());
              if (defs != null) {
                defs.add(new Def(n, null, 0, null));
              }
            }
          }
          default -> { }
        }
        return true;
      });
    }
    // plain assignments to names this function never declares belong to an outer scope
    scope.defs.entrySet().removeIf(entry -> entry.getValue().stream()
        .noneMatch(d -> !d.statement.is("assignment_statement") && !d.statement.is("inc_statement")
            && !d.statement.is("dec_statement")));
    scopes.put(fn, scope);
    return scope;
  }

  // ---- small helpers -------------------------------------------------------------------------

  private static List<Node> targets(Node statement) {
    List<Node> result = new ArrayList<>();
    if (statement == null) {
      return result;
    }
    if (statement.is("var_spec")) {
      for (Node c : statement.children()) {
        if ("name".equals(c.field())) {
          result.add(c);
        }
      }
      return result;
    }
    Node left = statement.child("left");
    if (left != null) {
      result.addAll(left.namedChildren());
    }
    return result;
  }

  private static Node valueAt(Node statement, int index) {
    Node right = statement.child("right");
    if (right == null) {
      return null;
    }
    return right.namedChildren().size() == 1 ? right.namedChild(0) : right.namedChild(index);
  }

  private static int indexIn(Node list, Node child) {
    // Node has identity equality, so indexOf finds this very child.
    return list.namedChildren().indexOf(child);
  }

  /** The called name: {@code f} for {@code f(..)}, {@code Get} for {@code x.Get(..)}. */
  private static String callName(Node call) {
    Node function = call.child("function");
    if (function == null) {
      return "";
    }
    if (function.is("identifier")) {
      return function.text();
    }
    if (function.is("selector_expression")) {
      return textOf(function.child("field"));
    }
    return "";
  }

  /** Whether the call is {@code alias.name(..)} with alias bound to this import path. */
  private boolean isPackageCall(Node call, String importPath, String name) {
    Node function = call.child("function");
    if (function == null || !function.is("selector_expression")) {
      return false;
    }
    Node operand = function.child("operand");
    if (operand == null || !operand.is("identifier")
        || !importPath.equals(imports.get(operand.text()))) {
      return false;
    }
    return name == null || name.equals(textOf(function.child("field")));
  }

  private static Node keyedValue(Node compositeLiteral, String key) {
    Node body = compositeLiteral.child("body");
    if (body == null) {
      return null;
    }
    for (Node element : body.namedChildren()) {
      if (element.is("keyed_element")) {
        Node k = element.child("key");
        Node v = element.child("value");
        if (k != null && v != null && k.text().equals(key)) {
          return v.is("literal_element") && v.namedChild(0) != null ? v.namedChild(0) : v;
        }
      }
    }
    return null;
  }

  private SourceLocation location(Node node) {
    return new SourceLocation(path, node.line(), node.column());
  }

  private void hazard(Hazard hazard) {
    SourceLocation where = hazard.location();
    if (hazardKeys.add(hazard.kind() + "@" + where.line() + ":" + where.column())) {
      hazards.add(hazard);
    }
  }

  /** The first argument of a call, on one line, or null. */
  private static String argumentText(Node call) {
    Node first = argument(call, 0);
    return first == null ? null : Snippets.of(first);
  }

  private static Map<String, Integer> statusConstants() {
    Map<String, Integer> codes = new HashMap<>();
    Object[][] table = {
      {"StatusContinue", 100}, {"StatusOK", 200}, {"StatusCreated", 201}, {"StatusAccepted", 202},
      {"StatusNoContent", 204}, {"StatusMovedPermanently", 301}, {"StatusFound", 302},
      {"StatusSeeOther", 303}, {"StatusNotModified", 304}, {"StatusTemporaryRedirect", 307},
      {"StatusPermanentRedirect", 308}, {"StatusBadRequest", 400}, {"StatusUnauthorized", 401},
      {"StatusPaymentRequired", 402}, {"StatusForbidden", 403}, {"StatusNotFound", 404},
      {"StatusMethodNotAllowed", 405}, {"StatusNotAcceptable", 406},
      {"StatusRequestTimeout", 408}, {"StatusConflict", 409}, {"StatusGone", 410},
      {"StatusPreconditionFailed", 412}, {"StatusRequestEntityTooLarge", 413},
      {"StatusUnsupportedMediaType", 415}, {"StatusTeapot", 418},
      {"StatusUnprocessableEntity", 422}, {"StatusTooManyRequests", 429},
      {"StatusInternalServerError", 500}, {"StatusNotImplemented", 501},
      {"StatusBadGateway", 502}, {"StatusServiceUnavailable", 503},
      {"StatusGatewayTimeout", 504},
    };
    for (Object[] row : table) {
      codes.put((String) row[0], (Integer) row[1]);
    }
    return Map.copyOf(codes);
  }
}
