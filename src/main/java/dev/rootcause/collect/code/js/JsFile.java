package dev.rootcause.collect.code.js;

import dev.rootcause.collect.code.FactsSink;
import dev.rootcause.collect.code.SourceFacts;
import dev.rootcause.collect.code.Urls;
import dev.rootcause.collect.syntax.Node;
import dev.rootcause.model.app.AppFacts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The facts of one JavaScript or TypeScript file: imports and module-level values first, then
 * routes and their status codes, env reads, listen calls and outbound calls. Handler hazards are
 * {@link JsHazards}'. One instance per file; the lists are filled by a single walk of the tree.
 */
final class JsFile {
  static final Set<String> FUNCTIONS = Set.of("function_declaration", "function_expression",
      "function", "arrow_function", "method_definition", "generator_function",
      "generator_function_declaration");
  static final Set<String> LOOPS =
      Set.of("for_statement", "for_in_statement", "while_statement", "do_statement");
  private static final Set<String> ROUTE_METHODS =
      Set.of("get", "post", "put", "delete", "patch", "head", "options", "all");
  private static final Set<String> FRAMEWORKS =
      Set.of("express", "fastify", "koa", "@koa/router", "koa-router", "restify", "hapi", "@hapi/hapi");
  private static final Set<String> RESPONDERS = Set.of("json", "send", "end", "render", "sendFile",
      "download", "jsonp", "redirect");

  final FactsSink out;
  private final Node program;
  private final AppFacts.Language language;
  private final Map<String, String> imports = new HashMap<>();
  final Map<String, Node> moduleValues = new HashMap<>();
  final Map<String, Node> functions = new HashMap<>();
  private final Map<String, String> appVars = new HashMap<>();
  private final Map<String, EnvRef> destructuredEnv = new HashMap<>();
  private final Set<Node> startupFunctions = new HashSet<>();
  private final Map<Node, Map<String, Node>> localValues = new HashMap<>();
  final List<Handler> handlers = new ArrayList<>();
  final Map<Node, String> routeByFunction = new HashMap<>();

  final List<Node> calls = new ArrayList<>();
  private final List<Node> members = new ArrayList<>();
  private final List<Node> declarators = new ArrayList<>();
  final List<Node> loops = new ArrayList<>();
  final List<Node> ifs = new ArrayList<>();
  final List<Node> assignments = new ArrayList<>();
  final List<Node> unaries = new ArrayList<>();
  final List<Node> comparisons = new ArrayList<>();
  private String framework;
  private boolean startsServer;

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
    routes();
    envReads();
    listens();
    outboundCalls();
    new JsHazards(this).find();
    return out.build(language, framework, startsServer);
  }

  // ---- One walk ------------------------------------------------------------------------------

  private void index() {
    program.walk(n -> {
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
        bindImport(name, requiredModule(value.child("object")) + "." + value.child("property").text());
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
      Node decl = statement.is("export_statement") && statement.child("declaration") != null
          ? statement.child("declaration") : statement;
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
    for (String candidate : List.of("fastify", "express", "koa", "@koa/router", "koa-router", "http",
        "https")) {
      if (modules.stream().anyMatch(m -> m.equals(candidate) || m.startsWith(candidate + "."))) {
        framework = candidate.equals("@koa/router") || candidate.equals("koa-router") ? "koa"
            : candidate.equals("https") ? "http" : candidate;
        break;
      }
    }
  }

  private void importStatement(Node n) {
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

  private void bindImport(Node pattern, String module) {
    String m = module.startsWith("node:") ? module.substring(5) : module;
    if (pattern.is("identifier")) {
      imports.put(pattern.text(), m);
    } else if (pattern.is("object_pattern")) {
      for (Node p : pattern.namedChildren()) {
        if (p.is("shorthand_property_identifier_pattern")) {
          imports.put(p.text(), m + "." + p.text());
        } else if (p.is("pair_pattern") && p.child("key") != null && p.child("value") != null
            && p.child("value").is("identifier")) {
          imports.put(p.child("value").text(), m + "." + p.child("key").text());
        }
      }
    }
  }

  /** {@code const { PORT = 3000, DB_NAME } = process.env}: each name is an env read. */
  private void destructuredEnv(Node pattern) {
    for (Node p : pattern.namedChildren()) {
      if (p.is("shorthand_property_identifier_pattern")) {
        destructuredEnv.put(p.text(), new EnvRef(p.text(), null, p));
      } else if (p.is("object_assignment_pattern") && p.child("left") != null) {
        String name = p.child("left").text();
        destructuredEnv.put(name, new EnvRef(name, p.child("right"), p));
      } else if (p.is("pair_pattern") && p.child("key") != null && p.child("value") != null) {
        Node value = p.child("value");
        Node local = value.is("assignment_pattern") ? value.child("left") : value;
        Node def = value.is("assignment_pattern") ? value.child("right") : null;
        if (local != null && local.is("identifier")) {
          destructuredEnv.put(local.text(), new EnvRef(p.child("key").text(), def, p));
        }
      }
    }
  }

  /** What a value makes: an Express app or router, a Fastify or Koa app, an HTTP server. */
  private String appKind(Node value) {
    Node v = unwrap(value);
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
      case "@koa/router", "koa-router" -> "router";
      case "http.createServer", "https.createServer", "http.Server", "https.Server",
           "http2.createServer", "http2.createSecureServer" -> "server";
      default -> null;
    };
  }

  // ---- Names and values ----------------------------------------------------------------------

  /** Drops TypeScript's type-only wrappers and parentheses: {@code (x as number)} is {@code x}. */
  static Node unwrap(Node e) {
    Node n = e;
    while (n != null && n.isAny("parenthesized_expression", "as_expression", "non_null_expression",
        "satisfies_expression", "type_assertion")) {
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
  private static String requiredModule(Node e) {
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
    for (Node p = n.parent(); p != null; p = p.parent()) {
      if (FUNCTIONS.contains(p.type())) {
        return p;
      }
    }
    return null;
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
    return call != null && call.is("call_expression") && calleeName(call).equals("forEach")
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
    return localValues.computeIfAbsent(fn, f -> {
      Map<String, Node> values = new HashMap<>();
      walkBody(f, n -> {
        if (n.is("variable_declarator") && n.child("name") != null && n.child("name").is("identifier")
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
      if (p.is("pair") && p.child("key") != null && key.equals(stripQuotes(p.child("key").text()))) {
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

  private static String stripQuotes(String s) {
    return s.length() >= 2 && (s.startsWith("'") || s.startsWith("\"")) ? s.substring(1, s.length() - 1) : s;
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
    if (text == null) {
      return null;
    }
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException ex) {
      return null;
    }
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

  // ---- Environment -----------------------------------------------------------------------------

  /** An env var read: name, default value node (null if none), and where it is read. */
  record EnvRef(String name, Node defaultValue, Node at) {
    String defaultText() {
      return literalText(defaultValue);
    }
  }

  /** The env var a {@code process.env.X} or {@code process.env['X']} expression reads, or null. */
  String envName(Node e) {
    Node n = unwrap(e);
    if (n == null) {
      return null;
    }
    if (n.is("member_expression") && "process.env".equals(qname(n.child("object")))
        && n.child("property") != null) {
      return n.child("property").text();
    }
    if (n.is("subscript_expression") && "process.env".equals(qname(n.child("object")))) {
      return stringValue(n.child("index"));
    }
    return null;
  }

  EnvRef envOf(Node e) {
    return envOf(e, 0);
  }

  private EnvRef envOf(Node e, int depth) {
    Node n = unwrap(e);
    if (n == null) {
      return null;
    }
    String name = envName(n);
    if (name != null) {
      return new EnvRef(name, null, n);
    }
    switch (n.type()) {
      case "binary_expression" -> {
        Node op = n.child("operator");
        EnvRef left = envOf(n.child("left"), depth);
        if (left != null && op != null && (op.text().equals("||") || op.text().equals("??"))) {
          return new EnvRef(left.name(), unwrap(n.child("right")), left.at());
        }
        return null;
      }
      case "call_expression" -> {
        String callee = calleeName(n);
        if (Set.of("parseInt", "parseFloat", "Number", "String", "Boolean").contains(callee)) {
          return envOf(argument(n, 0), depth);
        }
        return null;
      }
      case "unary_expression" -> {
        Node op = n.child("operator");
        return op != null && op.text().equals("+") ? envOf(n.child("argument"), depth) : null;
      }
      case "identifier" -> {
        if (destructuredEnv.containsKey(n.text()) && resolve(n) == null) {
          return destructuredEnv.get(n.text());
        }
        return depth >= 2 ? null : envOf(resolve(n), depth + 1);
      }
      default -> {
        return null;
      }
    }
  }

  private void envReads() {
    Map<String, Node> exitChecked = requiredByExitCheck();
    Set<String> reported = new HashSet<>();
    for (Node m : members) {
      String name = envName(m);
      if (name == null || isWriteTarget(m)) {
        continue;
      }
      Node parent = m.parent();
      Node def = null;
      if (parent != null && parent.is("binary_expression") && "left".equals(m.field())
          && parent.child("operator") != null
          && Set.of("||", "??").contains(parent.child("operator").text())) {
        def = unwrap(parent.child("right"));
      }
      String defText = literalText(def);
      boolean required = (def == null || "".equals(defText)) && exitChecked.containsKey(name)
          && atStartup(m);
      out.env(name, required, defText, m);
      reported.add(name);
    }
    for (EnvRef env : destructuredEnv.values()) {
      boolean required = env.defaultValue() == null && exitChecked.containsKey(env.name());
      out.env(env.name(), required, env.defaultText(), env.at());
      reported.add(env.name());
    }
    exitChecked.forEach((name, check) -> {
      if (!reported.contains(name)) {
        out.env(name, true, null, check);
      }
    });
  }

  private static boolean isWriteTarget(Node n) {
    Node parent = n.parent();
    return parent != null && (parent.isAny("assignment_expression", "augmented_assignment_expression")
        && "left".equals(n.field())
        || parent.is("unary_expression") && parent.child("operator") != null
        && parent.child("operator").text().equals("delete"));
  }

  /** Env vars whose absence startup code tests and answers with {@code process.exit} or throw. */
  private Map<String, Node> requiredByExitCheck() {
    Map<String, Node> names = new LinkedHashMap<>();
    for (Node ifNode : ifs) {
      if (!ifNode.is("if_statement") || !atStartup(ifNode)) {
        continue;
      }
      Node cond = ifNode.child("condition");
      Node body = ifNode.child("consequence");
      if (cond == null || body == null || !exits(body)) {
        continue;
      }
      for (String name : absenceTested(cond)) {
        names.putIfAbsent(name, ifNode);
      }
    }
    return names;
  }

  private Set<String> absenceTested(Node e) {
    Node n = unwrap(e);
    Set<String> names = new LinkedHashSet<>();
    if (n == null) {
      return names;
    }
    if (n.is("unary_expression") && n.child("operator") != null && n.child("operator").text().equals("!")) {
      names.addAll(envNames(n.child("argument")));
    } else if (n.is("binary_expression") && n.child("operator") != null) {
      String op = n.child("operator").text();
      if (op.equals("||") || op.equals("&&")) {
        names.addAll(absenceTested(n.child("left")));
        names.addAll(absenceTested(n.child("right")));
      } else if (op.equals("===") || op.equals("==")) {
        Node left = unwrap(n.child("left"));
        Node right = unwrap(n.child("right"));
        if (right != null && (right.isAny("undefined", "null") || "".equals(stringValue(right))
            || right.is("identifier") && right.text().equals("undefined"))) {
          names.addAll(envNames(left));
        }
      }
    }
    return names;
  }

  /** The env names an expression reads: one var, or {@code process.env[name]} over literal names. */
  private Set<String> envNames(Node e) {
    EnvRef env = envOf(e);
    if (env != null) {
      return Set.of(env.name());
    }
    Node n = unwrap(e);
    if (n != null && n.is("subscript_expression") && "process.env".equals(qname(n.child("object")))) {
      Node index = unwrap(n.child("index"));
      return index != null && index.is("identifier") ? loopLiterals(index) : Set.of();
    }
    return Set.of();
  }

  /**
   * The literal names a loop variable takes: {@code for (const k of ['A', 'B'])} or
   * {@code ['A', 'B'].forEach((k) => ...)}, the array written inline or in a module constant.
   */
  private Set<String> loopLiterals(Node id) {
    for (Node p = id.parent(); p != null; p = p.parent()) {
      if (p.is("for_in_statement") && p.child("left") != null
          && p.child("left").text().equals(id.text())) {
        return stringsOf(p.child("right"));
      }
      if (FUNCTIONS.contains(p.type()) && parameters(p).contains(id.text())) {
        Node args = p.parent();
        Node call = args != null ? args.parent() : null;
        if (call != null && call.is("call_expression") && calleeName(call).equals("forEach")) {
          return stringsOf(receiver(call));
        }
        return Set.of();
      }
    }
    return Set.of();
  }

  private Set<String> stringsOf(Node e) {
    Node n = unwrap(e);
    if (n != null && n.is("identifier")) {
      n = resolve(n);
    }
    Set<String> names = new LinkedHashSet<>();
    if (n != null && n.is("array")) {
      for (Node item : n.namedChildren()) {
        String s = stringValue(item);
        if (s != null) {
          names.add(s);
        }
      }
    }
    return names;
  }

  /** Whether a block ends the process or throws: {@code process.exit(1)}, {@code throw new Error}. */
  boolean exits(Node block) {
    boolean[] found = {false};
    walkBody(block, n -> {
      if (n.is("throw_statement")) {
        found[0] = true;
      } else if (n.is("call_expression")) {
        String q = qname(n.child("function"));
        found[0] |= "process.exit".equals(q) || "process.abort".equals(q);
      }
    });
    return found[0];
  }

  // ---- Servers -----------------------------------------------------------------------------

  record PortValue(Integer port, String envVar) {}

  PortValue portOf(Node e, int depth) {
    Node n = unwrap(e);
    if (n == null) {
      return new PortValue(null, null);
    }
    Integer literal = intValue(n);
    if (literal != null) {
      return new PortValue(literal, null);
    }
    EnvRef env = envOf(n);
    if (env != null) {
      Integer port = intValue(env.defaultValue());
      if (port == null && env.defaultValue() != null && env.defaultValue().is("identifier")) {
        port = intValue(resolve(env.defaultValue()));
      }
      return new PortValue(port, env.name());
    }
    if (n.is("identifier") && depth < 2) {
      return portOf(resolve(n), depth + 1);
    }
    return new PortValue(null, null);
  }

  private void listens() {
    for (Node call : calls) {
      if (!calleeName(call).equals("listen")) {
        continue;
      }
      Node target = receiver(call);
      String kind = null;
      if (target != null && target.is("identifier")) {
        kind = appVars.get(target.text());
      } else if (target != null && target.isAny("call_expression", "new_expression")) {
        kind = appKind(target);
      }
      if (kind == null || kind.equals("router")) {
        continue;
      }
      startsServer = true;
      Node first = argument(call, 0);
      boolean fastify = kind.equals("fastify");
      String defaultHost = fastify ? "127.0.0.1" : null;
      if (first != null && first.is("object")) {
        PortValue port = property(first, "port") == null ? new PortValue(fastify ? 3000 : null, null)
            : portOf(property(first, "port"), 0);
        String host = hostOf(property(first, "host"), defaultHost);
        out.listen(port.port(), port.envVar(), host, call);
      } else if (first == null || FUNCTIONS.contains(first.type())) {
        out.listen(fastify ? 3000 : null, null, defaultHost, call);
      } else {
        PortValue port = portOf(first, 0);
        Node second = argument(call, 1);
        String host = second != null && !FUNCTIONS.contains(second.type()) ? hostOf(second, defaultHost)
            : defaultHost;
        out.listen(port.port(), port.envVar(), host, call);
      }
    }
  }

  private String hostOf(Node e, String fallback) {
    if (e == null) {
      return fallback;
    }
    String literal = stringValue(e);
    if (literal != null) {
      return literal;
    }
    Node value = unwrap(e).is("identifier") ? resolve(e) : null;
    if (value != null && stringValue(value) != null) {
      return stringValue(value);
    }
    EnvRef env = envOf(e);
    return env == null ? null : env.defaultText();
  }

  // ---- Routes ------------------------------------------------------------------------------

  private void routes() {
    for (Node call : calls) {
      String method = calleeName(call);
      Node target = receiver(call);
      if (target == null) {
        continue;
      }
      if (ROUTE_METHODS.contains(method)) {
        routeCall(call, target, method);
      } else if (method.equals("use")) {
        mount(call, target);
      } else if (method.equals("route") && argument(call, 0) != null && argument(call, 0).is("object")) {
        fastifyRoute(call, argument(call, 0));
      } else if (method.equals("createServer") && appKind(call) != null) {
        Node fn = handlerFunction(argument(call, 0));
        if (fn != null) {
          nodeServer(fn);
        }
      }
    }
  }

  /** Whether an object can register routes: an app or router made here, or any local name in a web app. */
  private boolean mayRoute(Node target) {
    if (target.is("identifier")) {
      String kind = appVars.get(target.text());
      if (kind != null) {
        return !kind.equals("server");
      }
      String imported = imports.get(target.text());
      return imported == null && framework != null && !framework.equals("http");
    }
    // app.route('/x').get(...).post(...): the chain starts at a route() call
    return routeChain(target) != null;
  }

  /** The {@code route('/x')} call a chain of {@code .get(h).post(h)} hangs from, or null. */
  private static Node routeChain(Node target) {
    Node n = target;
    while (n != null && n.is("call_expression") && ROUTE_METHODS.contains(calleeName(n))) {
      n = receiver(n);
    }
    return n != null && n.is("call_expression") && calleeName(n).equals("route") ? n : null;
  }

  private void routeCall(Node call, Node target, String method) {
    if (!mayRoute(target)) {
      return;
    }
    List<Node> args = arguments(call);
    String path;
    Node handler;
    Node chain = routeChain(target);
    if (chain != null) {
      path = stringValue(argument(chain, 0));
      handler = args.isEmpty() ? null : handlerFunction(unwrap(args.get(args.size() - 1)));
      if (args.isEmpty()) {
        return;
      }
    } else {
      if (args.size() < 2) {
        return;
      }
      path = stringValue(args.get(0));
      Node last = unwrap(args.get(args.size() - 1));
      handler = handlerFunction(last);
      if (handler == null && !last.isAny("identifier", "member_expression", "call_expression")) {
        return; // axios.get('/x', { params }) and the like: not a handler
      }
    }
    if (path == null || !(path.startsWith("/") || path.equals("*"))) {
      return;
    }
    String verb = method.equals("all") ? "*" : method.toUpperCase(Locale.ROOT);
    // At the method name: app.route('/x').get(h).post(h) puts several routes on one line.
    Node fn = unwrap(call.child("function"));
    Node at = fn != null && fn.child("property") != null ? fn.child("property") : call;
    addRoute(verb, path, handler, chain != null ? at : call, call);
  }

  private void fastifyRoute(Node call, Node options) {
    Node target = receiver(call);
    if (target == null || !target.is("identifier") || !"fastify".equals(appVars.get(target.text()))
        && !"fastify".equals(framework)) {
      return;
    }
    String path = stringValue(property(options, "url"));
    if (path == null) {
      path = stringValue(property(options, "path"));
    }
    Node methodNode = property(options, "method");
    String method = stringValue(methodNode);
    if (path == null) {
      return;
    }
    addRoute(method == null ? "*" : method.toUpperCase(Locale.ROOT), path,
        handlerFunction(property(options, "handler")), call, call);
  }

  /** The function a handler argument names: inline, or declared in this file. */
  Node handlerFunction(Node arg) {
    Node n = unwrap(arg);
    if (n == null) {
      return null;
    }
    if (FUNCTIONS.contains(n.type())) {
      return n;
    }
    if (n.is("identifier")) {
      Node fn = functions.get(n.text());
      if (fn == null) {
        Node value = resolve(n);
        fn = value != null && FUNCTIONS.contains(value.type()) ? value : null;
      }
      return fn;
    }
    return null;
  }

  private void addRoute(String method, String path, Node fn, Node at, Node site) {
    String route = method.equals("*") ? path : method + " " + path;
    List<Integer> statuses = List.of();
    String name = null;
    if (fn != null) {
      Handler handler = handler(fn, route);
      handlers.add(handler);
      routeByFunction.putIfAbsent(fn, route);
      statuses = statuses(handler, Set.of());
      name = fn.child("name") != null ? fn.child("name").text() : null;
    }
    out.route(method, path, statuses, name, at);
  }

  private Handler handler(Node fn, String route) {
    List<String> params = parameters(fn);
    boolean koa = "koa".equals(framework);
    String response = koa ? (params.isEmpty() ? null : params.get(0))
        : params.size() >= 2 ? params.get(1) : null;
    String next = koa ? (params.size() >= 2 ? params.get(1) : null)
        : params.size() >= 3 ? params.get(2) : null;
    return new Handler(fn, route, response, next);
  }

  /** {@code app.use('/api', router)}: everything under the prefix may be served from elsewhere. */
  private void mount(Node call, Node target) {
    if (!mayRoute(target)) {
      return;
    }
    List<Node> args = arguments(call);
    if (args.isEmpty()) {
      return;
    }
    String prefix = stringValue(args.get(0));
    if (prefix != null && args.size() >= 2) {
      String p = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
      out.route("*", p + "/*", List.of(), null, call);
      return;
    }
    Node fn = prefix == null ? handlerFunction(unwrap(args.get(args.size() - 1))) : null;
    if (fn != null && FUNCTIONS.contains(unwrap(args.get(args.size() - 1)).type())) {
      // An inline middleware that answers itself is a catch-all: a 404 page, or an SPA fallback.
      Handler h = handler(fn, "*");
      List<Integer> statuses = statuses(h, Set.of());
      if (!statuses.isEmpty()) {
        handlers.add(h);
        out.route("*", "/*", statuses, null, call);
      }
    }
  }

  /** {@code http.createServer((req, res) => ...)}: one handler for every path, plus its branches. */
  private void nodeServer(Node fn) {
    Handler all = handler(fn, "/*");
    handlers.add(all);
    routeByFunction.putIfAbsent(fn, "/*");
    Set<Node> branches = new LinkedHashSet<>();
    fn.walk(n -> {
      Node cond = n.is("if_statement") ? n.child("condition") : n.is("switch_case") ? n : null;
      String path = cond == null ? null : branchPath(n);
      Node body = n.is("if_statement") ? n.child("consequence") : n.is("switch_case") ? n : null;
      if (path != null && body != null) {
        branches.add(body);
        Handler branch = new Handler(fn, path, all.response(), all.next());
        out.route("*", path, statuses(branch, Set.of(), body), null, n);
      }
    });
    out.route("*", "/*", statuses(all, branches), null, fn);
  }

  /** The path an {@code if (req.url === '/x')} or {@code case '/x':} selects, or null. */
  private String branchPath(Node n) {
    if (n.is("switch_case")) {
      String value = stringValue(n.child("value"));
      Node sw = n.ancestor("switch_statement");
      Node on = sw == null ? null : sw.child("value");
      return value != null && value.startsWith("/") && on != null && on.text().matches("(?s).*(url|path).*")
          ? value : null;
    }
    for (Node b : n.child("condition").descendants("binary_expression")) {
      Node op = b.child("operator");
      if (op == null || !(op.text().equals("===") || op.text().equals("=="))) {
        continue;
      }
      String left = b.child("left") == null ? "" : b.child("left").text();
      String value = stringValue(b.child("right"));
      if (value != null && value.startsWith("/") && left.matches("(?s).*(url|path|pathname).*")) {
        return value;
      }
    }
    return null;
  }

  List<Integer> statuses(Handler h, Set<Node> excluded) {
    return statuses(h, excluded, h.function());
  }

  /**
   * Every status the handler's code can answer with, callbacks included (responses are often sent
   * from a promise callback), outside the {@code excluded} subtrees.
   */
  List<Integer> statuses(Handler h, Set<Node> excluded, Node scope) {
    Set<Integer> found = new TreeSet<>();
    String res = h.response();
    scope.walk(n -> !excluded.contains(n), n -> {
      if (excluded.contains(n)) {
        return;
      }
      Integer status = switch (n.type()) {
        case "call_expression" -> callStatus(n, h);
        case "assignment_expression" -> assignedStatus(n, res);
        case "throw_statement" -> insideTry(n, h.function()) ? null : 500;
        case "return_statement" -> "fastify".equals(framework) && n.namedChild(0) != null
            && n.namedChild(0).is("object") ? 200 : null;
        default -> null;
      };
      if (status != null && status >= 100 && status < 600) {
        found.add(status);
      }
    });
    return List.copyOf(found);
  }

  Integer callStatus(Node call, Handler h) {
    String method = calleeName(call);
    Node target = receiver(call);
    if (target == null) {
      Node fn = unwrap(call.child("function"));
      return h.next() != null && fn != null && fn.is("identifier") && fn.text().equals(h.next())
          && !arguments(call).isEmpty() ? 500 : null;
    }
    boolean onResponse = h.response() != null && target.is("identifier") && target.text().equals(h.response());
    if (!onResponse) {
      return null;
    }
    return switch (method) {
      case "status", "sendStatus", "writeHead", "code", "throw" -> intValue(argument(call, 0));
      case "redirect" -> {
        Integer code = intValue(argument(call, 0));
        yield code != null ? code : 302;
      }
      default -> RESPONDERS.contains(method) && !chainedAfterStatus(call)
          && !statusSetBefore(call, h.response()) ? 200 : null;
    };
  }

  /** {@code res.statusCode = 404; res.end()}: the statements before set the status, not end(). */
  private static boolean statusSetBefore(Node call, String res) {
    Node statement = call;
    while (statement.parent() != null && !statement.parent().is("statement_block")) {
      statement = statement.parent();
    }
    Node block = statement.parent();
    if (block == null) {
      return false;
    }
    for (Node sibling : block.children()) {
      if (sibling == statement) {
        return false;
      }
      String text = sibling.text();
      if (text.startsWith(res + ".statusCode") || text.startsWith(res + ".status(")
          || text.startsWith(res + ".writeHead(")) {
        return true;
      }
    }
    return false;
  }

  /** {@code res.status(500).json(...)}: the json() call is not a 200, the status() call says 500. */
  private static boolean chainedAfterStatus(Node call) {
    Node parent = call.parent();
    return parent != null && parent.is("member_expression") && parent.parent() != null
        && parent.parent().is("call_expression")
        && Set.of("status", "code").contains(calleeName(call));
  }

  private static Integer assignedStatus(Node assignment, String res) {
    Node left = unwrap(assignment.child("left"));
    if (res == null || left == null || !left.is("member_expression")) {
      return null;
    }
    String text = left.text();
    if (text.equals(res + ".statusCode") || text.equals(res + ".status")) {
      return intValue(assignment.child("right"));
    }
    if (text.equals(res + ".body")) {
      return 200;
    }
    return null;
  }

  static boolean insideTry(Node n, Node fn) {
    for (Node p = n.parent(); p != null && p != fn; p = p.parent()) {
      if (p.is("statement_block") && "body".equals(p.field()) && p.parent() != null
          && p.parent().is("try_statement")) {
        return true;
      }
    }
    return false;
  }

  // ---- Outbound calls ---------------------------------------------------------------------

  private static final Set<String> AXIOS_METHODS =
      Set.of("get", "post", "put", "patch", "delete", "head", "options", "request");

  /** An HTTP client object made here: which library, whether it has a timeout, its base URL. */
  private record Client(String library, boolean hasTimeout, Node baseUrl) {}

  private void outboundCalls() {
    Map<String, Client> clients = new HashMap<>();
    boolean axiosDefaults = false;
    for (Node a : assignments) {
      Node left = a.child("left");
      if (left != null && left.text().endsWith(".defaults.timeout")) {
        axiosDefaults = true;
      }
    }
    for (Node d : declarators) {
      Node name = d.child("name");
      Node value = unwrap(d.child("value"));
      if (name == null || !name.is("identifier") || value == null || !value.is("call_expression")) {
        continue;
      }
      String q = qname(value.child("function"));
      if ("axios.create".equals(q) || "got.extend".equals(q)) {
        Node config = argument(value, 0);
        boolean timeout = config == null ? false : !config.is("object") || hasKey(config, "timeout");
        clients.put(name.text(), new Client(q.startsWith("axios") ? "axios" : "got", timeout,
            property(config, q.startsWith("axios") ? "baseURL" : "prefixUrl")));
      }
    }
    for (Node call : calls) {
      Node fn = unwrap(call.child("function"));
      String q = qname(fn);
      String method = calleeName(call);
      Node target = receiver(call);
      Client client = target != null && target.is("identifier") ? clients.get(target.text()) : null;
      if (client == null && fn != null && fn.is("identifier")) {
        client = clients.get(fn.text());
      }
      Boolean timeout;
      Node url;
      Node base = null;
      if (q != null && (q.equals("axios") || q.startsWith("axios.") && AXIOS_METHODS.contains(method))
          || client != null && client.library().equals("axios")
          && (AXIOS_METHODS.contains(method) || fn.is("identifier"))) {
        int configAt = Set.of("post", "put", "patch").contains(method) ? 2
            : method.equals("request") || "axios".equals(q) || fn.is("identifier") ? -1 : 1;
        Node first = argument(call, 0);
        Node config = configAt < 0 ? (first != null && first.is("object") ? first : argument(call, 1))
            : argument(call, configAt);
        url = first != null && first.is("object") ? property(first, "url") : first;
        timeout = axiosDefaults || client != null && client.hasTimeout()
            || config != null && (!config.is("object") || hasKey(config, "timeout"));
        base = client == null ? null : client.baseUrl();
      } else if (fn != null && fn.is("identifier") && fn.text().equals("fetch")
          || "node-fetch".equals(q) || "undici.fetch".equals(q)) {
        Node options = argument(call, 1);
        url = argument(call, 0);
        timeout = options != null && (!options.is("object") || hasKey(options, "signal")
            || hasKey(options, "timeout"));
      } else if ("got".equals(q) || q != null && q.startsWith("got.") && AXIOS_METHODS.contains(method)
          || client != null && client.library().equals("got")) {
        Node options = argument(call, 1);
        url = argument(call, 0);
        timeout = client != null && client.hasTimeout()
            || options != null && (!options.is("object") || hasKey(options, "timeout"));
        base = client == null ? null : client.baseUrl();
      } else if (q != null && Set.of("http.request", "http.get", "https.request", "https.get").contains(q)) {
        Node options = argument(call, 0) != null && argument(call, 0).is("object") ? argument(call, 0)
            : argument(call, 1);
        url = argument(call, 0) != null && argument(call, 0).is("object") ? null : argument(call, 0);
        Node scope = enclosingFunction(call);
        timeout = options != null && (!options.is("object") || hasKey(options, "timeout"))
            || (scope == null ? program : scope).text().contains(".setTimeout(");
      } else {
        continue;
      }
      UrlValue value = urlOf(url, 0);
      if (base != null && (value.url() == null || !value.url().contains("://"))) {
        UrlValue b = urlOf(base, 0);
        value = new UrlValue((b.url() == null ? "{}" : b.url()) + (value.url() == null ? "" : value.url()),
            b.envVar());
      }
      out.call(Urls.sanitize(value.url()), value.envVar(), timeout, call);
    }
  }

  record UrlValue(String url, String envVar) {}

  UrlValue urlOf(Node e, int depth) {
    Node n = unwrap(e);
    if (n == null || depth > 2) {
      return new UrlValue(null, null);
    }
    String literal = stringValue(n);
    if (literal != null) {
      return new UrlValue(literal, null);
    }
    if (n.is("template_string")) {
      StringBuilder sb = new StringBuilder();
      String env = null;
      for (Node c : n.children()) {
        if (c.isAny("string_fragment", "escape_sequence")) {
          sb.append(c.text());
        } else if (c.is("template_substitution")) {
          boolean leading = sb.isEmpty();
          UrlValue part = leading ? urlOf(c.namedChild(0), depth + 1) : new UrlValue(null, null);
          sb.append(part.url() == null ? "{}" : part.url());
          env = leading ? part.envVar() : env;
        }
      }
      return new UrlValue(sb.toString(), env);
    }
    if (n.is("binary_expression") && n.child("operator") != null && n.child("operator").text().equals("+")) {
      UrlValue left = urlOf(n.child("left"), depth + 1);
      String right = stringValue(n.child("right"));
      if (left.url() != null || left.envVar() != null) {
        return new UrlValue((left.url() == null ? "{}" : left.url()) + (right == null ? "{}" : right),
            left.envVar());
      }
      return new UrlValue(null, null);
    }
    EnvRef env = envOf(n);
    if (env != null) {
      return new UrlValue(env.defaultText(), env.name());
    }
    if (n.is("identifier")) {
      return urlOf(resolve(n), depth + 1);
    }
    return new UrlValue(null, null);
  }
}
