package dev.rootcause.collect.code.js;

import dev.rootcause.collect.code.ControlFlow;
import dev.rootcause.collect.code.FactsSink;
import dev.rootcause.collect.code.Numbers;
import dev.rootcause.collect.code.SourceFacts;
import dev.rootcause.collect.syntax.Node;
import dev.rootcause.model.app.AppFacts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The facts of one JavaScript or TypeScript file: imports and module-level values first, then
 * routes and their status codes, env reads, listen calls and outbound calls. Handler hazards are
 * {@link JsHazards}'. One instance per file; the lists are filled by a single walk of the tree.
 */
final class JsFile {
  final JsEnv env = new JsEnv(this);
  final JsRoutes routing = new JsRoutes(this);
  final JsOutbound clients = new JsOutbound(this);

  static final Set<String> FUNCTIONS =
      Set.of(
          "function_declaration",
          "function_expression",
          "function",
          "arrow_function",
          "method_definition",
          "generator_function",
          "generator_function_declaration");
  static final Set<String> LOOPS =
      Set.of("for_statement", "for_in_statement", "while_statement", "do_statement");
  static final ControlFlow FLOW =
      new ControlFlow(
          LOOPS,
          FUNCTIONS,
          Set.of(
              "if_statement", "else_clause", "ternary_expression", "catch_clause", "switch_case"),
          "throw_statement");
  static final Set<String> ROUTE_METHODS =
      Set.of("get", "post", "put", "delete", "patch", "head", "options", "all");
  static final Set<String> FRAMEWORKS =
      Set.of(
          "express",
          "fastify",
          "koa",
          "@koa/router",
          "koa-router",
          "restify",
          "hapi",
          "@hapi/hapi");
  static final Set<String> RESPONDERS =
      Set.of("json", "send", "end", "render", "sendFile", "download", "jsonp", "redirect");

  final FactsSink out;
  final Node program;
  final AppFacts.Language language;
  final Map<String, String> imports = new HashMap<>();
  final Map<String, Node> moduleValues = new HashMap<>();
  final Map<String, Node> functions = new HashMap<>();
  final Map<String, String> appVars = new HashMap<>();
  final Map<String, JsEnv.EnvRef> destructuredEnv = new HashMap<>();
  final Set<Node> startupFunctions = new HashSet<>();
  final Map<Node, Map<String, Node>> localValues = new HashMap<>();
  final List<Handler> handlers = new ArrayList<>();
  final Map<Node, String> routeByFunction = new HashMap<>();

  final List<Node> calls = new ArrayList<>();
  final List<Node> members = new ArrayList<>();
  final List<Node> declarators = new ArrayList<>();
  final List<Node> loops = new ArrayList<>();
  final List<Node> ifs = new ArrayList<>();
  final List<Node> assignments = new ArrayList<>();
  final List<Node> unaries = new ArrayList<>();
  final List<Node> comparisons = new ArrayList<>();
  String framework;
  boolean startsServer;

  /**
   * A request handler: its function, the route ("GET /x"), and the names its code uses for the
   * response ({@code res}, {@code reply}, Koa's {@code ctx}) and for {@code next}.
   */
  record Handler(Node function, String route, String response, String next) {}

  JsFile(Node program, FactsSink out, AppFacts.Language language) {
    this.program = program;
    this.out = out;
    this.language = language;
  }

  SourceFacts extract() {
    index();
    routing.routes();
    new NestRoutes(this).read();
    env.envReads();
    routing.listens();
    clients.outboundCalls();
    new JsHazards(this).find();
    return out.build(language, framework, startsServer);
  }

  // ---- One walk ------------------------------------------------------------------------------

  void index() {
    program.walk(
        n -> {
          switch (n.type()) {
            case "call_expression" -> calls.add(n);
            case "member_expression", "subscript_expression" -> members.add(n);
            case "variable_declarator" -> declarators.add(n);
            case "import_statement" -> importStatement(n);
            case "if_statement", "ternary_expression" -> ifs.add(n);
            case "assignment_expression", "augmented_assignment_expression" -> assignments.add(n);
            case "unary_expression" -> unaries.add(n);
            case "binary_expression" -> comparisons.add(n);
            default -> {
              if (LOOPS.contains(n.type())) {
                loops.add(n);
              }
            }
          }
        });
    for (Node d : declarators) {
      Node name = d.child("name");
      Node value = unwrap(d.child("value"));
      if (name == null || value == null) {
        continue;
      }
      String module = requiredModule(value);
      if (module != null) {
        bindImport(name, module);
      } else if (value.is("member_expression") && requiredModule(value.child("object")) != null) {
        bindImport(
            name, requiredModule(value.child("object")) + "." + value.child("property").text());
      }
      if (name.is("object_pattern") && "process.env".equals(qname(value))) {
        destructuredEnv(name);
      }
      if (name.is("identifier")) {
        if (enclosingFunction(d) == null) {
          moduleValues.put(name.text(), value);
          if (FUNCTIONS.contains(value.type())) {
            functions.put(name.text(), value);
          }
        }
        String kind = appKind(value);
        if (kind != null) {
          appVars.put(name.text(), kind);
        }
      }
    }
    for (Node statement : program.children()) {
      Node decl =
          statement.is("export_statement") && statement.child("declaration") != null
              ? statement.child("declaration")
              : statement;
      if (decl.isAny("function_declaration", "generator_function_declaration")
          && decl.child("name") != null) {
        functions.put(decl.child("name").text(), decl);
      }
    }
    for (Node call : calls) {
      if (enclosingFunction(call) != null) {
        continue;
      }
      Node fn = unwrap(call.child("function"));
      if (fn != null && fn.is("identifier") && functions.containsKey(fn.text())) {
        startupFunctions.add(functions.get(fn.text()));
      } else if (fn != null && FUNCTIONS.contains(fn.type())) {
        startupFunctions.add(fn); // an IIFE: (async () => { ... })()
      }
    }
    Set<String> modules = new HashSet<>(imports.values());
    for (String candidate :
        List.of("fastify", "express", "koa", "@koa/router", "koa-router", "http", "https")) {
      if (modules.stream().anyMatch(m -> m.equals(candidate) || m.startsWith(candidate + "."))) {
        framework =
            candidate.equals("@koa/router") || candidate.equals("koa-router")
                ? "koa"
                : candidate.equals("https") ? "http" : candidate;
        break;
      }
    }
  }

  void importStatement(Node n) {
    String module = stringValue(n.child("source"));
    if (module == null) {
      return;
    }
    module = module.startsWith("node:") ? module.substring(5) : module;
    Node clause = n.firstOfType("import_clause");
    if (clause == null) {
      return;
    }
    for (Node part : clause.namedChildren()) {
      if (part.is("identifier")) {
        imports.put(part.text(), module);
      } else if (part.is("namespace_import") && part.namedChild(0) != null) {
        imports.put(part.namedChild(0).text(), module);
      } else if (part.is("named_imports")) {
        for (Node spec : part.namedChildren()) {
          Node name = spec.child("name");
          Node alias = spec.child("alias");
          if (name != null) {
            imports.put((alias != null ? alias : name).text(), module + "." + name.text());
          }
        }
      }
    }
  }

  void bindImport(Node pattern, String module) {
    String m = module.startsWith("node:") ? module.substring(5) : module;
    if (pattern.is("identifier")) {
      imports.put(pattern.text(), m);
    } else if (pattern.is("object_pattern")) {
      for (Node p : pattern.namedChildren()) {
        if (p.is("shorthand_property_identifier_pattern")) {
          imports.put(p.text(), m + "." + p.text());
        } else if (p.is("pair_pattern")
            && p.child("key") != null
            && p.child("value") != null
            && p.child("value").is("identifier")) {
          imports.put(p.child("value").text(), m + "." + p.child("key").text());
        }
      }
    }
  }

  /** {@code const { PORT = 3000, DB_NAME } = process.env}: each name is an env read. */
  void destructuredEnv(Node pattern) {
    for (Node p : pattern.namedChildren()) {
      if (p.is("shorthand_property_identifier_pattern")) {
        destructuredEnv.put(p.text(), new JsEnv.EnvRef(p.text(), null, p));
      } else if (p.is("object_assignment_pattern") && p.child("left") != null) {
        String name = p.child("left").text();
        destructuredEnv.put(name, new JsEnv.EnvRef(name, p.child("right"), p));
      } else if (p.is("pair_pattern") && p.child("key") != null && p.child("value") != null) {
        Node value = p.child("value");
        Node local = value.is("assignment_pattern") ? value.child("left") : value;
        Node def = value.is("assignment_pattern") ? value.child("right") : null;
        if (local != null && local.is("identifier")) {
          destructuredEnv.put(local.text(), new JsEnv.EnvRef(p.child("key").text(), def, p));
        }
      }
    }
  }

  /** What a value makes: an Express app or router, a Fastify, Koa or NestJS app, an HTTP server. */
  String appKind(Node value) {
    Node v = unwrap(value);
    if (v != null && v.is("await_expression") && v.namedChild(0) != null) {
      v = unwrap(v.namedChild(0)); // NestFactory.create is awaited
    }
    if (v == null || !v.isAny("call_expression", "new_expression")) {
      return null;
    }
    Node fn = v.is("call_expression") ? v.child("function") : v.child("constructor");
    String q = qname(fn);
    if (q == null) {
      return null;
    }
    return switch (q) {
      case "express" -> "express";
      case "express.Router", "express.Router.Router" -> "router";
      case "fastify", "fastify.fastify", "fastify.default" -> "fastify";
      case "koa", "koa.default" -> "koa";
      // NestJS serves through its Express adapter unless told otherwise
      case "@nestjs/core.NestFactory.create" -> "nest";
      case "@koa/router", "koa-router" -> "router";
      case "http.createServer",
          "https.createServer",
          "http.Server",
          "https.Server",
          "http2.createServer",
          "http2.createSecureServer" ->
          "server";
      default -> null;
    };
  }

  // ---- Names and values ----------------------------------------------------------------------

  /** Drops TypeScript's type-only wrappers and parentheses: {@code (x as number)} is {@code x}. */
  static Node unwrap(Node e) {
    Node n = e;
    while (n != null
        && n.isAny(
            "parenthesized_expression",
            "as_expression",
            "non_null_expression",
            "satisfies_expression",
            "type_assertion")) {
      Node inner = null;
      for (Node c : n.namedChildren()) {
        if (!c.type().endsWith("type") && !c.is("type_identifier") && !c.is("comment")) {
          inner = c;
          break;
        }
      }
      n = inner;
    }
    return n;
  }

  /** The module a {@code require('x')} call loads, or null. */
  static String requiredModule(Node e) {
    if (e == null || !e.is("call_expression")) {
      return null;
    }
    Node fn = e.child("function");
    if (fn == null || !fn.is("identifier") || !fn.text().equals("require")) {
      return null;
    }
    String module = stringValue(argument(e, 0));
    return module == null ? null : module.startsWith("node:") ? module.substring(5) : module;
  }

  /** The dotted name an expression refers to, through imports and {@code require}. */
  String qname(Node e) {
    Node n = unwrap(e);
    if (n == null) {
      return null;
    }
    if (n.is("identifier")) {
      return imports.getOrDefault(n.text(), n.text());
    }
    if (n.is("member_expression")) {
      String object = qname(n.child("object"));
      Node property = n.child("property");
      return object == null || property == null ? null : object + "." + property.text();
    }
    if (n.is("call_expression")) {
      return requiredModule(n);
    }
    return null;
  }

  /** The last segment of what a call calls: {@code post} for {@code axios.post(...)}. */
  static String calleeName(Node call) {
    Node fn = unwrap(call.child("function"));
    if (fn == null) {
      return "";
    }
    if (fn.is("member_expression")) {
      Node property = fn.child("property");
      return property == null ? "" : property.text();
    }
    return fn.is("identifier") ? fn.text() : "";
  }

  /** The object a method is called on: {@code res} for {@code res.status(500)}, or null. */
  static Node receiver(Node call) {
    Node fn = unwrap(call.child("function"));
    return fn != null && fn.is("member_expression") ? unwrap(fn.child("object")) : null;
  }

  static Node enclosingFunction(Node n) {
    return FLOW.enclosingFunction(n);
  }

  /**
   * Whether code here runs when the process starts: top level, a function called there, or a
   * callback given to a {@code forEach} made there.
   */
  boolean atStartup(Node n) {
    Node fn = enclosingFunction(n);
    if (fn == null || startupFunctions.contains(fn)) {
      return true;
    }
    Node args = fn.parent();
    Node call = args != null && args.is("arguments") ? args.parent() : null;
    return call != null
        && call.is("call_expression")
        && calleeName(call).equals("forEach")
        && atStartup(call);
  }

  /** The value a name was given in its function, else at module level; null if none. */
  Node resolve(Node id) {
    Node n = unwrap(id);
    if (n == null || !n.is("identifier")) {
      return null;
    }
    for (Node fn = enclosingFunction(n); fn != null; fn = enclosingFunction(fn)) {
      Node local = localValues(fn).get(n.text());
      if (local != null) {
        return local;
      }
    }
    return moduleValues.get(n.text());
  }

  Map<String, Node> localValues(Node fn) {
    return localValues.computeIfAbsent(
        fn,
        f -> {
          Map<String, Node> values = new HashMap<>();
          walkBody(
              f,
              n -> {
                if (n.is("variable_declarator")
                    && n.child("name") != null
                    && n.child("name").is("identifier")
                    && n.child("value") != null) {
                  values.put(n.child("name").text(), unwrap(n.child("value")));
                }
              });
          return values;
        });
  }

  /** Visits a function's own code, not the functions nested in it. */
  static void walkBody(Node fn, Consumer<Node> visitor) {
    Node body = FUNCTIONS.contains(fn.type()) ? fn.child("body") : fn;
    if (body == null) {
      return;
    }
    body.walk(n -> !FUNCTIONS.contains(n.type()), visitor);
  }

  static List<Node> arguments(Node call) {
    Node args = call.child("arguments");
    List<Node> out = new ArrayList<>();
    if (args == null) {
      return out;
    }
    for (Node a : args.namedChildren()) {
      if (!a.is("comment")) {
        out.add(a);
      }
    }
    return out;
  }

  static Node argument(Node call, int index) {
    List<Node> args = arguments(call);
    return index < args.size() ? unwrap(args.get(index)) : null;
  }

  /** The value of {@code key} in an object literal, or null. */
  static Node property(Node object, String key) {
    if (object == null || !object.is("object")) {
      return null;
    }
    for (Node p : object.namedChildren()) {
      if (p.is("pair")
          && p.child("key") != null
          && key.equals(stripQuotes(p.child("key").text()))) {
        return unwrap(p.child("value"));
      }
      if (p.is("shorthand_property_identifier") && p.text().equals(key)) {
        return p;
      }
    }
    return null;
  }

  static boolean hasKey(Node object, String key) {
    return property(object, key) != null;
  }

  static String stripQuotes(String s) {
    return s.length() >= 2 && (s.startsWith("'") || s.startsWith("\""))
        ? s.substring(1, s.length() - 1)
        : s;
  }

  /** A string literal (or a template without substitutions), else null. */
  static String stringValue(Node e) {
    Node n = unwrap(e);
    if (n == null || !n.isAny("string", "template_string")) {
      return null;
    }
    if (n.is("string") && n.children().isEmpty()) {
      String text = n.text(); // copied without its parts: see Grammar.opaque
      return text.length() >= 2 ? text.substring(1, text.length() - 1) : "";
    }
    StringBuilder sb = new StringBuilder();
    for (Node c : n.children()) {
      if (c.is("template_substitution")) {
        return null;
      }
      if (c.isAny("string_fragment", "escape_sequence")) {
        sb.append(c.text());
      }
    }
    return sb.toString();
  }

  static String literalText(Node e) {
    Node n = unwrap(e);
    if (n == null) {
      return null;
    }
    if (n.is("number")) {
      return n.text().replace("_", "");
    }
    if (n.isAny("true", "false")) {
      return n.text();
    }
    return stringValue(n);
  }

  static Integer intValue(Node e) {
    String text = literalText(e);
    return text == null ? null : Numbers.integer(text.trim());
  }

  /** The names a function's parameters bind, in order (TypeScript's typed parameters included). */
  static List<String> parameters(Node fn) {
    List<String> names = new ArrayList<>();
    Node single = fn.child("parameter");
    if (single != null) {
      names.add(single.text());
      return names;
    }
    Node params = fn.child("parameters");
    if (params == null) {
      return names;
    }
    for (Node p : params.namedChildren()) {
      Node pattern = p.isAny("required_parameter", "optional_parameter") ? p.child("pattern") : p;
      names.add(pattern != null && pattern.is("identifier") ? pattern.text() : null);
    }
    return names;
  }
}
