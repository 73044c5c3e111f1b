package dev.rootcause.collect.code.go;

import static dev.rootcause.collect.code.Expressions.argument;
import static dev.rootcause.collect.code.Expressions.textOf;
import static dev.rootcause.collect.code.Expressions.unparen;

import dev.rootcause.collect.code.FactsSink;
import dev.rootcause.collect.code.Snippets;
import dev.rootcause.collect.code.SourceFacts;
import dev.rootcause.collect.syntax.Node;
import dev.rootcause.collect.syntax.SyntaxTree;
import dev.rootcause.model.app.AppFacts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One Go source file as the Go readers see it: its imports, package-level names, functions and the
 * nodes the analysis asks about, gathered in one pass, with the scopes names resolve in; the facts
 * found so far; and the readers that find them.
 */
final class GoFile {
  final GoServer server = new GoServer(this);
  final GoHandlers handling = new GoHandlers(this);
  final GoHazards hazardReader = new GoHazards(this);
  final GoEnv env = new GoEnv(this);
  final GoOutbound clients = new GoOutbound(this);
  final GoValues values = new GoValues(this);

  static final String NET_HTTP = "net/http";
  static final String GIN = "github.com/gin-gonic/gin";
  static final String CHI = "github.com/go-chi/chi";
  static final String GORILLA = "github.com/gorilla/mux";
  static final String ECHO = "github.com/labstack/echo";

  static final Set<String> HTTP_VERBS =
      Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
  static final Set<String> GIN_STATUS =
      Set.of(
          "JSON",
          "IndentedJSON",
          "SecureJSON",
          "JSONP",
          "AsciiJSON",
          "PureJSON",
          "XML",
          "YAML",
          "TOML",
          "ProtoBuf",
          "String",
          "HTML",
          "Data",
          "DataFromReader",
          "Redirect",
          "Status",
          "AbortWithStatus",
          "AbortWithStatusJSON",
          "AbortWithError",
          "Render",
          "SSEvent");
  static final Set<String> ECHO_STATUS =
      Set.of(
          "JSON",
          "JSONPretty",
          "JSONBlob",
          "JSONP",
          "JSONPBlob",
          "XML",
          "XMLPretty",
          "XMLBlob",
          "String",
          "HTML",
          "HTMLBlob",
          "Blob",
          "Stream",
          "NoContent",
          "Redirect",
          "Render");
  static final Set<String> BUILTINS =
      Set.of(
          "append", "cap", "clear", "close", "complex", "copy", "delete", "imag", "len", "make",
          "max", "min", "new", "panic", "print", "println", "real", "recover");
  static final Map<String, Integer> STATUS_CONSTANTS = statusConstants();

  final String path;

  /** The facts found so far, with their locations in this file. */
  final FactsSink out;

  final Node root;

  final Map<String, String> imports = new HashMap<>(); // alias -> import path
  boolean packageMain;
  final Map<String, Node> functions = new HashMap<>();
  final Map<String, List<Node>> methods = new HashMap<>();
  final Map<String, Global> globals = new LinkedHashMap<>();
  final Map<String, Node> constants = new HashMap<>();

  // Every node of the kinds the analysis asks about, gathered in one pass.
  final List<Node> calls = new ArrayList<>();
  final List<Node> functionNodes = new ArrayList<>();
  final List<Node> forLoops = new ArrayList<>();
  final List<Node> assignments = new ArrayList<>();
  final List<Node> statementLists = new ArrayList<>();

  final Map<Node, Scope> scopes = new IdentityHashMap<>();
  final Map<Node, Boolean> locked = new IdentityHashMap<>();
  final Map<Node, GoHandlers.Handler> handlers = new LinkedHashMap<>();
  final Map<Node, GoEnv.EnvHelper> envHelpers = new IdentityHashMap<>();
  final Map<Node, GoHandlers.StatusHelper> statusHelpers = new IdentityHashMap<>();
  Map<String, Node> guardedWrites;

  GoFile(String path, SyntaxTree tree) {
    this.path = path;
    this.out = new FactsSink(path);
    this.root = tree.root();
  }

  SourceFacts read() {
    index();
    for (Node call : calls) {
      server.readCall(call);
    }
    for (Node fn : functionNodes) {
      GoHandlers.Style style = handling.handlerStyle(fn);
      if (style != null && !handlers.containsKey(fn)) {
        GoHandlers.Handler handler = new GoHandlers.Handler(fn, style, handling);
        if (style == GoHandlers.Style.GRPC) {
          handler.routes.add("rpc " + fn.child("name").text());
        }
        handlers.put(fn, handler);
      }
    }
    for (GoHandlers.Handler handler : handlers.values()) {
      hazardReader.readHandler(handler);
    }
    for (Node loop : forLoops) {
      hazardReader.readRetryLoop(loop);
    }
    boolean hasMain = packageMain && functions.containsKey("main");
    return out.build(AppFacts.Language.GO, framework(), hasMain || out.hasListens());
  }

  // ---- indexing ------------------------------------------------------------------------------

  void index() {
    for (Node top : root.namedChildren()) {
      switch (top.type()) {
        case "package_clause" -> {
          Node name = top.namedChild(0);
          packageMain = name != null && name.text().equals("main");
        }
        case "import_declaration" ->
            top.visit(
                n -> {
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
        case "var_declaration" ->
            top.visit(
                n -> {
                  if (n.is("var_spec")) {
                    readGlobal(n);
                    return false;
                  }
                  return true;
                });
        case "const_declaration" ->
            top.visit(
                n -> {
                  if (n.is("const_spec")) {
                    readConstant(n);
                    return false;
                  }
                  return true;
                });
        default -> {}
      }
    }
    root.visit(
        n -> {
          switch (n.type()) {
            case "call_expression" -> calls.add(n);
            case "function_declaration", "method_declaration", "func_literal" ->
                functionNodes.add(n);
            case "for_statement" -> forLoops.add(n);
            case "assignment_statement" -> assignments.add(n);
            case "statement_list" -> statementLists.add(n);
            default -> {}
          }
          return true;
        });
    hazardReader.markLockedStatements();
  }

  void readImport(Node spec) {
    Node pathNode = spec.child("path");
    String importPath = pathNode == null ? null : GoValues.stringValue(pathNode);
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

  void readGlobal(Node spec) {
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

  void readConstant(Node spec) {
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

  GlobalKind globalKind(Node type, Node value) {
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

  String framework() {
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
    return imports.containsValue(NET_HTTP) && (out.hasRoutes() || out.hasListens())
        ? "net/http"
        : null;
  }

  enum GlobalKind {
    SLICE,
    MAP,
    SYNC,
    OTHER
  }

  record Global(String name, Node spec, Node type, Node value, GlobalKind kind) {}

  static Node statementOf(Node node) {
    for (Node p = node; p != null; p = p.parent()) {
      if (p.parent() != null && p.parent().is("statement_list")) {
        return p;
      }
    }
    return node;
  }

  /** Names declared in a function and the functions around it: they shadow package variables. */
  Set<String> localNames(Node fn) {
    Set<String> names = new HashSet<>();
    for (Node f = fn; f != null; f = enclosingFunction(f)) {
      Scope scope = scope(f);
      names.addAll(scope.defs.keySet());
      names.addAll(scope.params.keySet());
    }
    return names;
  }

  // ---- scopes --------------------------------------------------------------------------------

  /** One assignment to a name: the statement, the value expression (null when none). */
  record Def(Node statement, Node value, int index, Node type) {}

  /** The names a function declares: parameters with their types, and local definitions. */
  static final class Scope {
    final Map<String, Node> params = new HashMap<>();
    final Map<String, List<Def>> defs = new HashMap<>();
  }

  /** What a name refers to at one place. */
  record Binding(Node function, Node paramType, List<Def> defs, Global global, Node constant) {
    /** The value of a name assigned exactly once. */
    Node singleValue() {
      if (defs == null || defs.size() != 1 || defs.get(0).index() > 0) {
        return null;
      }
      return defs.get(0).value();
    }
  }

  Binding lookup(String name, Node at) {
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

  static Node enclosingFunction(Node node) {
    return node.ancestor("function_declaration", "method_declaration", "func_literal");
  }

  Scope scope(Node fn) {
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
      body.visit(
          n -> {
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
                  Node value =
                      !plain
                          ? null
                          : values == left.size()
                              ? right.namedChild(i)
                              : values == 1 ? right.namedChild(0) : null;
                  int index = values == 1 && left.size() > 1 ? i : 0;
                  scope
                      .defs
                      .computeIfAbsent(left.get(i).text(), k -> new ArrayList<>())
                      .add(new Def(n, value, index, null));
                }
              }
              case "var_spec", "const_spec" -> {
                Node values = n.child("value");
                int i = 0;
                for (Node c : n.children()) {
                  if ("name".equals(c.field())) {
                    Node value = values == null ? null : values.namedChild(i);
                    scope
                        .defs
                        .computeIfAbsent(c.text(), k -> new ArrayList<>())
                        .add(new Def(n, value, 0, n.child("type")));
                    i++;
                  }
                }
              }
              case "range_clause", "inc_statement", "dec_statement" -> {
                Node left = n.is("range_clause") ? n.child("left") : null;
                if (left != null && n.hasToken(":=")) {
                  for (Node c : left.namedChildren()) {
                    scope
                        .defs
                        .computeIfAbsent(c.text(), k -> new ArrayList<>())
                        .add(new Def(n, null, 0, null));
                  }
                } else if (!n.is("range_clause")
                    && n.namedChild(0) != null
                    && n.namedChild(0).is("identifier")) {
                  List<Def> defs = scope.defs.get(n.namedChild(0).text());
                  if (defs != null) {
                    defs.add(new Def(n, null, 0, null));
                  }
                }
              }
              default -> {}
            }
            return true;
          });
    }
    // plain assignments to names this function never declares belong to an outer scope
    scope
        .defs
        .entrySet()
        .removeIf(
            entry ->
                entry.getValue().stream()
                    .noneMatch(
                        d ->
                            !d.statement.is("assignment_statement")
                                && !d.statement.is("inc_statement")
                                && !d.statement.is("dec_statement")));
    scopes.put(fn, scope);
    return scope;
  }

  // ---- small helpers -------------------------------------------------------------------------

  static List<Node> targets(Node statement) {
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

  static Node valueAt(Node statement, int index) {
    Node right = statement.child("right");
    if (right == null) {
      return null;
    }
    return right.namedChildren().size() == 1 ? right.namedChild(0) : right.namedChild(index);
  }

  static int indexIn(Node list, Node child) {
    // Node has identity equality, so indexOf finds this very child.
    return list.namedChildren().indexOf(child);
  }

  /** The called name: {@code f} for {@code f(..)}, {@code Get} for {@code x.Get(..)}. */
  static String callName(Node call) {
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
  boolean isPackageCall(Node call, String importPath, String name) {
    Node function = call.child("function");
    if (function == null || !function.is("selector_expression")) {
      return false;
    }
    Node operand = function.child("operand");
    if (operand == null
        || !operand.is("identifier")
        || !importPath.equals(imports.get(operand.text()))) {
      return false;
    }
    return name == null || name.equals(textOf(function.child("field")));
  }

  static Node keyedValue(Node compositeLiteral, String key) {
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

  /** The first argument of a call, on one line, or null. */
  static String argumentText(Node call) {
    Node first = argument(call, 0);
    return first == null ? null : Snippets.of(first);
  }

  static Map<String, Integer> statusConstants() {
    Map<String, Integer> codes = new HashMap<>();
    Object[][] table = {
      {"StatusContinue", 100},
      {"StatusOK", 200},
      {"StatusCreated", 201},
      {"StatusAccepted", 202},
      {"StatusNoContent", 204},
      {"StatusMovedPermanently", 301},
      {"StatusFound", 302},
      {"StatusSeeOther", 303},
      {"StatusNotModified", 304},
      {"StatusTemporaryRedirect", 307},
      {"StatusPermanentRedirect", 308},
      {"StatusBadRequest", 400},
      {"StatusUnauthorized", 401},
      {"StatusPaymentRequired", 402},
      {"StatusForbidden", 403},
      {"StatusNotFound", 404},
      {"StatusMethodNotAllowed", 405},
      {"StatusNotAcceptable", 406},
      {"StatusRequestTimeout", 408},
      {"StatusConflict", 409},
      {"StatusGone", 410},
      {"StatusPreconditionFailed", 412},
      {"StatusRequestEntityTooLarge", 413},
      {"StatusUnsupportedMediaType", 415},
      {"StatusTeapot", 418},
      {"StatusUnprocessableEntity", 422},
      {"StatusTooManyRequests", 429},
      {"StatusInternalServerError", 500},
      {"StatusNotImplemented", 501},
      {"StatusBadGateway", 502},
      {"StatusServiceUnavailable", 503},
      {"StatusGatewayTimeout", 504},
    };
    for (Object[] row : table) {
      codes.put((String) row[0], (Integer) row[1]);
    }
    return Map.copyOf(codes);
  }
}
