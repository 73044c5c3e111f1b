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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The facts of one parsed Java file. Names resolve inside the file: fields, locals, constants,
 * methods and nested classes. A client injected from elsewhere has an unknown timeout, and so
 * produces no outbound call; a route whose path is not a constant is not reported.
 */
final class JavaReader {
  private static final String SPRING_WEB = "org.springframework.web.bind.annotation";
  private static final String JDK_SERVER = "com.sun.net.httpserver";

  private static final Map<String, String> MAPPINGS = Map.of("GetMapping", "GET",
      "PostMapping", "POST", "PutMapping", "PUT", "DeleteMapping", "DELETE", "PatchMapping",
      "PATCH", "RequestMapping", "*");
  private static final Map<String, Integer> ENTITY_SHORTCUTS = Map.of("ok", 200, "created", 201,
      "accepted", 202, "noContent", 204, "badRequest", 400, "notFound", 404,
      "unprocessableEntity", 422, "internalServerError", 500);
  private static final Set<String> REST_TEMPLATE_CALLS = Set.of("getForObject", "getForEntity",
      "postForObject", "postForEntity", "postForLocation", "put", "delete", "patchForObject",
      "exchange", "execute", "headForHeaders", "optionsForAllow");
  private static final Set<String> WEB_CLIENT_VERBS =
      Set.of("get", "post", "put", "delete", "patch", "head", "options", "method");
  private static final Set<String> ASYNC_CALLS = Set.of("submit", "execute", "runAsync",
      "supplyAsync", "schedule", "scheduleAtFixedRate", "scheduleWithFixedDelay", "start");
  private static final Set<String> RANDOM_METHODS = Set.of("nextInt", "nextDouble", "nextFloat",
      "nextBoolean", "nextLong", "nextGaussian");
  private static final Set<String> RANDOM_TYPES =
      Set.of("Random", "SecureRandom", "ThreadLocalRandom", "SplittableRandom");
  private static final Map<String, Integer> STATUS_NAMES = statusNames();

  private final String path;
  private final Node root;

  private final Set<String> imports = new HashSet<>();
  private final Map<String, Node> classes = new HashMap<>();
  private final Map<String, List<Node>> methods = new HashMap<>();
  private final Map<String, Node> fields = new HashMap<>(); // name -> variable_declarator
  private final List<Node> invocations = new ArrayList<>();
  private final Map<Node, Handler> handlers = new IdentityHashMap<>();
  private final List<Handler> handlerOrder = new ArrayList<>();

  private final List<ListenPort> listens = new ArrayList<>();
  private final List<Route> routes = new ArrayList<>();
  private final List<EnvRead> envReads = new ArrayList<>();
  private final List<OutboundCall> outbound = new ArrayList<>();
  private final List<Hazard> hazards = new ArrayList<>();
  private final Set<String> hazardKeys = new HashSet<>();
  private boolean startsServer;

  JavaReader(String path, SyntaxTree tree) {
    this.path = path;
    this.root = tree.root();
  }

  SourceFacts read() {
    index();
    for (Node type : classes.values()) {
      readController(type);
    }
    for (Node call : invocations) {
      readInvocation(call);
    }
    handlerOrder.sort((a, b) -> Integer.compare(a.node.startByte(), b.node.startByte()));
    for (Handler handler : handlerOrder) {
      readHandler(handler);
    }
    routes.sort((a, b) -> SourceLocation.ORDER.compare(a.location(), b.location()));
    return new SourceFacts(path, AppFacts.Language.JAVA, framework(), startsServer, listens,
        routes, envReads, outbound, hazards);
  }

  private String framework() {
    for (String name : imports) {
      if (name.startsWith("org.springframework.boot") || name.startsWith(SPRING_WEB)) {
        return "spring-boot";
      }
    }
    for (String name : imports) {
      if (name.startsWith(JDK_SERVER)) {
        return "jdk-httpserver";
      }
    }
    return null;
  }

  // ---- indexing ------------------------------------------------------------------------------

  private void index() {
    root.visit(n -> {
      switch (n.type()) {
        case "import_declaration" -> {
          Node name = n.namedChild(0);
          if (name != null) {
            imports.add(name.text() + (n.firstOfType("asterisk") != null ? ".*" : ""));
          }
          return false;
        }
        case "class_declaration", "record_declaration", "enum_declaration" -> {
          Node name = n.child("name");
          if (name != null) {
            classes.put(name.text(), n);
          }
        }
        case "method_declaration" -> {
          Node name = n.child("name");
          if (name != null) {
            methods.computeIfAbsent(name.text(), k -> new ArrayList<>()).add(n);
            if (name.text().equals("main")) {
              startsServer = true;
            }
          }
        }
        case "field_declaration" -> {
          for (Node d : n.namedChildren()) {
            if (d.is("variable_declarator") && d.child("name") != null) {
              fields.put(d.child("name").text(), d);
            }
          }
        }
        case "method_invocation" -> invocations.add(n);
        default -> { }
      }
      return true;
    });
  }

  private boolean imported(String packageName, String simpleName) {
    return imports.contains(packageName + "." + simpleName) || imports.contains(packageName + ".*");
  }

  // ---- Spring controllers --------------------------------------------------------------------

  private void readController(Node type) {
    Node body = type.child("body");
    if (body == null) {
      return;
    }
    List<String> prefixes = List.of("");
    Node classMapping = annotation(type, "RequestMapping");
    if (classMapping != null) {
      prefixes = mappingPaths(classMapping);
    }
    for (Node member : body.namedChildren()) {
      if (!member.is("method_declaration")) {
        continue;
      }
      for (Map.Entry<String, String> mapping : MAPPINGS.entrySet()) {
        Node a = annotation(member, mapping.getKey());
        if (a == null || !imported(SPRING_WEB, mapping.getKey())) {
          continue;
        }
        String method = mapping.getValue().equals("*") ? requestMethod(a) : mapping.getValue();
        Handler handler = handler(member, Style.SPRING);
        for (String prefix : prefixes) {
          for (String sub : mappingPaths(a)) {
            if (prefix == null || sub == null) {
              continue;
            }
            String full = joinPaths(prefix, sub);
            handler.routes.add(full);
            routes.add(new Route(method, full, statuses(handler), textOf(member.child("name")),
                location(a)));
          }
        }
      }
    }
  }

  /** The modifiers' annotation with this simple name, or null. */
  private static Node annotation(Node declaration, String name) {
    Node modifiers = declaration.firstOfType("modifiers");
    if (modifiers == null) {
      return null;
    }
    for (Node a : modifiers.namedChildren()) {
      if ((a.is("annotation") || a.is("marker_annotation")) && a.child("name") != null) {
        String text = a.child("name").text();
        if (text.equals(name) || text.endsWith("." + name)) {
          return a;
        }
      }
    }
    return null;
  }

  /** The paths of a mapping annotation: {@code "/x"}, {@code value = {..}}, none (""). */
  private List<String> mappingPaths(Node annotation) {
    Node args = annotation.child("arguments");
    if (args == null) {
      return List.of("");
    }
    Node value = null;
    boolean named = false;
    for (Node arg : args.namedChildren()) {
      if (arg.is("element_value_pair")) {
        named = true;
        String key = textOf(arg.child("key"));
        if (key.equals("value") || key.equals("path")) {
          value = arg.child("value");
        }
      } else {
        value = arg;
      }
    }
    if (value == null) {
      return named ? List.of("") : List.of();
    }
    List<String> paths = new ArrayList<>();
    if (value.is("element_value_array_initializer")) {
      for (Node item : value.namedChildren()) {
        paths.add(constantString(item));
      }
    } else {
      paths.add(constantString(value));
    }
    return paths;
  }

  private static String requestMethod(Node annotation) {
    Node args = annotation.child("arguments");
    if (args == null) {
      return "*";
    }
    for (Node arg : args.namedChildren()) {
      if (arg.is("element_value_pair") && textOf(arg.child("key")).equals("method")) {
        Node value = arg.child("value");
        if (value != null && value.is("field_access")) {
          return textOf(value.child("field"));
        }
        if (value != null && value.is("identifier")) {
          return value.text();
        }
      }
    }
    return "*";
  }

  private static String joinPaths(String prefix, String sub) {
    String joined;
    if (prefix.isEmpty()) {
      joined = sub;
    } else if (sub.isEmpty()) {
      joined = prefix;
    } else {
      joined = (prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix)
          + (sub.startsWith("/") ? sub : "/" + sub);
    }
    if (joined.isEmpty()) {
      return "/";
    }
    return joined.startsWith("/") ? joined : "/" + joined;
  }

  // ---- invocations: JDK server, env, clients -------------------------------------------------

  private void readInvocation(Node call) {
    String name = textOf(call.child("name"));
    Node object = call.child("object");
    String objectText = object == null ? "" : object.text();
    switch (name) {
      case "getenv" -> {
        if (objectText.equals("System") && argument(call, 0) != null) {
          readEnv(call, constantString(argument(call, 0)), envUse(call, null));
        }
      }
      case "getOrDefault", "get" -> {
        if (object != null && object.is("method_invocation") && isGetenvMap(object)) {
          Node fallback = name.equals("getOrDefault") ? argument(call, 1) : null;
          readEnv(call, constantString(argument(call, 0)), envUse(call, fallback));
        }
      }
      case "create" -> {
        if ((objectText.equals("HttpServer") || objectText.equals("HttpsServer"))
            && imported(JDK_SERVER, objectText)) {
          startsServer = true;
          readServerCreate(call);
        }
      }
      case "createContext" -> readContext(call);
      case "run" -> {
        if (objectText.equals("SpringApplication")) {
          startsServer = true;
        }
      }
      default -> { }
    }
    if (REST_TEMPLATE_CALLS.contains(name) && object != null) {
      readRestTemplateCall(call, object);
    } else if ((name.equals("send") || name.equals("sendAsync")) && object != null) {
      readHttpClientCall(call, object);
    } else if (WEB_CLIENT_VERBS.contains(name) && object != null) {
      readWebClientCall(call, object);
    }
  }

  private static boolean isGetenvMap(Node call) {
    return textOf(call.child("name")).equals("getenv") && textOf(call.child("object")).equals("System")
        && argument(call, 0) == null;
  }

  private void readServerCreate(Node call) {
    Node address = unparen(argument(call, 0));
    if (address == null) {
      return; // create() then bind(..): not read
    }
    address = valueOf(address);
    if (address == null || !address.is("object_creation_expression")
        || !textOf(address.child("type")).equals("InetSocketAddress")) {
      listens.add(new ListenPort(null, null, null, location(call)));
      return;
    }
    List<Node> args = arguments(address);
    Node portExpr = args.isEmpty() ? null : args.get(args.size() - 1);
    String host = args.size() == 2 ? constantString(args.get(0)) : null;
    Val port = evaluate(portExpr, 0);
    Integer number = port.literal() != null ? parsePort(port.literal())
        : port.fallback() != null ? parsePort(port.fallback()) : null;
    if (port.literal() == null && port.env() == null) {
      listens.add(new ListenPort(null, null, null, location(address)));
    } else {
      listens.add(new ListenPort(number, port.env(), number == null ? null : host,
          location(address)));
    }
  }

  private void readContext(Node call) {
    if (!imported(JDK_SERVER, "HttpServer") && !imported(JDK_SERVER, "HttpsServer")) {
      return;
    }
    String routePath = constantString(argument(call, 0));
    Node handlerExpr = argument(call, 1);
    if (handlerExpr == null) {
      return;
    }
    Node fn = resolveJdkHandler(handlerExpr);
    Handler handler = fn == null ? null : handler(fn, Style.JDK);
    if (handler != null && routePath != null) {
      handler.routes.add(routePath);
    }
    if (routePath == null) {
      return;
    }
    String name = fn == null ? handlerExpr.text()
        : fn.is("method_declaration") ? handlerName(fn) : null;
    routes.add(new Route("*", routePath, handler == null ? List.of() : statuses(handler), name,
        location(call)));
  }

  private String handlerName(Node method) {
    Node type = method.ancestor("class_declaration");
    String name = textOf(method.child("name"));
    return name.equals("handle") && type != null ? textOf(type.child("name")) : name;
  }

  /** A lambda, {@code Main::quote}, {@code new RootHandler()}, or a variable holding one. */
  private Node resolveJdkHandler(Node expr) {
    Node e = valueOf(unparen(expr));
    if (e == null) {
      return null;
    }
    switch (e.type()) {
      case "lambda_expression" -> {
        return e;
      }
      case "method_reference" -> {
        List<Node> parts = e.namedChildren();
        List<Node> found = parts.isEmpty() ? null : methods.get(parts.getLast().text());
        return found != null && found.size() == 1 ? found.get(0) : null;
      }
      case "object_creation_expression" -> {
        Node inline = e.firstOfType("class_body");
        Node type = inline != null ? e : classes.get(textOf(e.child("type")));
        Node body = inline != null ? inline : type == null ? null : type.child("body");
        if (body != null) {
          for (Node member : body.namedChildren()) {
            if (member.is("method_declaration") && textOf(member.child("name")).equals("handle")) {
              return member;
            }
          }
        }
        return null;
      }
      default -> {
        return null;
      }
    }
  }

  // ---- handlers ------------------------------------------------------------------------------

  private enum Style { SPRING, JDK }

  /** A method or lambda that answers requests, and how it sets statuses. */
  private static final class Handler {
    final Node node;
    final Style style;
    final List<String> routes = new ArrayList<>();
    String exchange; // the HttpExchange (JDK) or HttpServletResponse (Spring) parameter
    List<Integer> statuses;
    boolean unreadable;
    boolean defaultStatus;

    Handler(Node node, Style style) {
      this.node = node;
      this.style = style;
    }

    String route() {
      return routes.isEmpty() ? null : routes.get(0);
    }
  }

  private Handler handler(Node node, Style style) {
    Handler existing = handlers.get(node);
    if (existing != null) {
      return existing;
    }
    Handler handler = new Handler(node, style);
    Node params = node.child("parameters");
    if (params != null && params.is("identifier") && style == Style.JDK) {
      handler.exchange = params.text(); // exchange -> {..}
    } else if (params != null) {
      for (Node p : params.namedChildren()) {
        String type = p.is("formal_parameter") ? textOf(p.child("type")) : "";
        if (p.is("identifier") && style == Style.JDK
            || style == Style.JDK && type.equals("HttpExchange")
            || style == Style.SPRING && type.equals("HttpServletResponse")) {
          handler.exchange = p.is("identifier") ? p.text() : textOf(p.child("name"));
          break;
        }
        if (p.is("inferred_parameters") && style == Style.JDK && p.namedChild(0) != null) {
          handler.exchange = p.namedChild(0).text();
          break;
        }
      }
    }
    handlers.put(node, handler);
    handlerOrder.add(handler);
    return handler;
  }

  private Node body(Handler handler) {
    return handler.node.child("body");
  }

  /** The nodes of a handler that run while the request waits (not work handed to a thread). */
  private List<Node> requestPath(Handler handler) {
    List<Node> nodes = new ArrayList<>();
    Node body = body(handler);
    if (body == null) {
      return nodes;
    }
    body.visit(n -> {
      if (n != handler.node && handlers.containsKey(n) || isAsync(n)) {
        return false;
      }
      nodes.add(n);
      return true;
    });
    return nodes;
  }

  private static boolean isAsync(Node node) {
    if (!node.is("lambda_expression") && !node.is("class_body")) {
      return false;
    }
    Node holder = node.is("class_body") ? node.parent() : node;
    Node args = holder == null ? null : holder.parent();
    if (args == null || !args.is("argument_list") || args.parent() == null) {
      return false;
    }
    Node call = args.parent();
    if (call.is("object_creation_expression")) {
      return textOf(call.child("type")).equals("Thread");
    }
    return call.is("method_invocation") && ASYNC_CALLS.contains(textOf(call.child("name")));
  }

  private List<Integer> statuses(Handler handler) {
    if (handler.statuses != null) {
      return handler.statuses;
    }
    TreeSet<Integer> codes = new TreeSet<>();
    for (Node n : requestPath(handler)) {
      if (n.is("method_invocation") || n.is("object_creation_expression")) {
        Status status = status(n, handler);
        if (status != null && status.code() != null) {
          codes.add(status.code());
        } else if (status != null) {
          handler.unreadable = true;
        }
      }
      if (n.is("return_statement") && handler.style == Style.SPRING && returnsEntity(handler)
          && n.namedChild(0) != null && !isEntityChain(n.namedChild(0))) {
        handler.unreadable = true; // a ResponseEntity built elsewhere
      }
    }
    if (handler.style == Style.SPRING && !returnsEntity(handler) && handler.exchange == null) {
      Node responseStatus = annotation(handler.node, "ResponseStatus");
      Integer code = 200;
      if (responseStatus != null && responseStatus.child("arguments") != null) {
        Node args = responseStatus.child("arguments");
        Node value = args.namedChild(0);
        if (value != null && value.is("element_value_pair")) {
          value = value.child("value");
        }
        code = statusValue(value);
      }
      if (code != null) {
        codes.add(code);
        handler.defaultStatus = true;
      }
    }
    handler.statuses = List.copyOf(codes);
    return handler.statuses;
  }

  private boolean returnsEntity(Handler handler) {
    return handler.node.is("method_declaration")
        && textOf(handler.node.child("type")).startsWith("ResponseEntity");
  }

  private boolean isEntityChain(Node expr) {
    for (Node e = unparen(expr); e != null; ) {
      if (e.is("object_creation_expression")) {
        return textOf(e.child("type")).startsWith("ResponseEntity");
      }
      if (!e.is("method_invocation")) {
        return false;
      }
      Node object = e.child("object");
      if (object != null && object.is("identifier") && object.text().equals("ResponseEntity")) {
        return true;
      }
      e = object;
    }
    return false;
  }

  /** A status a node sets: the code, or a null code when it is not a constant. */
  private record Status(Integer code) {}

  private Status status(Node node, Handler handler) {
    if (node.is("object_creation_expression")) {
      String type = textOf(node.child("type"));
      List<Node> args = arguments(node);
      if (type.startsWith("ResponseEntity") && !args.isEmpty()) {
        return new Status(statusValue(args.get(args.size() - 1)));
      }
      if (type.equals("ResponseStatusException") && !args.isEmpty()) {
        return new Status(statusValue(args.get(0)));
      }
      return null;
    }
    String name = textOf(node.child("name"));
    Node object = node.child("object");
    String objectText = object == null ? "" : object.text();
    if (objectText.equals("ResponseEntity")) {
      if (name.equals("status")) {
        return new Status(statusValue(argument(node, 0)));
      }
      Integer code = ENTITY_SHORTCUTS.get(name);
      return code == null ? null : new Status(code);
    }
    if (handler.exchange != null && objectText.equals(handler.exchange)) {
      if (handler.style == Style.JDK && name.equals("sendResponseHeaders")
          || handler.style == Style.SPRING && (name.equals("setStatus") || name.equals("sendError"))) {
        return new Status(statusValue(argument(node, 0)));
      }
    }
    return null;
  }

  private void readHandler(Handler handler) {
    String route = handler.route();
    List<Node> nodes = requestPath(handler);
    for (Node n : nodes) {
      if (n.is("method_invocation") && isSleep(n)) {
        Node delay = argument(n, 0);
        hazard(new Hazard.Sleep(route, location(n), Snippets.of(n),
            n.child("object").text() + ".sleep", delay == null ? null : Snippets.of(delay), true,
            false));
      } else if (n.is("if_statement")) {
        readRandomFailure(n, handler, route);
      }
    }
    if (route != null && HealthPaths.isHealthCheck(route)) {
      List<Integer> codes = statuses(handler);
      if (!codes.isEmpty() && !handler.unreadable && codes.stream().allMatch(c -> c >= 500)) {
        Node at = null;
        for (Node n : nodes) {
          if ((n.is("method_invocation") || n.is("object_creation_expression"))
              && status(n, handler) != null) {
            at = n;
            break;
          }
        }
        hazard(new Hazard.HealthAlwaysFails(route, location(at == null ? handler.node : at),
            codes));
      }
    }
  }

  private static boolean isSleep(Node call) {
    if (!textOf(call.child("name")).equals("sleep")) {
      return false;
    }
    Node object = call.child("object");
    String text = object == null ? "" : object.text();
    return text.equals("Thread") || text.startsWith("TimeUnit.");
  }

  /** {@code if (random.nextInt(10) < 3) { throw ..; }}: failure on purpose. */
  private void readRandomFailure(Node ifStatement, Handler handler, String route) {
    Node condition = ifStatement.child("condition");
    Node consequence = ifStatement.child("consequence");
    if (condition == null || consequence == null) {
      return;
    }
    Node[] random = {null};
    condition.visit(n -> {
      if (random[0] == null && n.is("method_invocation") && isRandom(n)
          && (n.ancestor("binary_expression") != null
              || textOf(n.child("name")).equals("nextBoolean"))) {
        random[0] = n;
      }
      return random[0] == null;
    });
    if (random[0] == null) {
      return;
    }
    boolean[] fails = {false};
    consequence.visit(n -> {
      if (fails[0] || n.is("lambda_expression")) {
        return false;
      }
      if (n.is("throw_statement")) {
        fails[0] = true;
      } else if (n.is("method_invocation") || n.is("object_creation_expression")) {
        Status status = status(n, handler);
        fails[0] = status != null && status.code() != null && status.code() >= 500
            || n.is("method_invocation") && textOf(n.child("name")).equals("exit")
                && textOf(n.child("object")).equals("System");
      }
      return !fails[0];
    });
    if (fails[0]) {
      Node test = condition.is("parenthesized_expression") && condition.namedChild(0) != null
          ? condition.namedChild(0) : condition;
      hazard(new Hazard.RandomFailure(route, location(random[0]),
          Snippets.shorten(stripParens(condition.text())), test.is("method_invocation")
              || test.is("identifier"),
          new Hazard.Failure(Hazard.Failure.Outcome.FAILS, null, null), null, null));
    }
  }

  private boolean isRandom(Node call) {
    String name = textOf(call.child("name"));
    Node object = call.child("object");
    if (name.equals("random") && object != null && object.text().equals("Math")) {
      return true;
    }
    if (!RANDOM_METHODS.contains(name) || object == null) {
      return false;
    }
    if (object.is("method_invocation")) {
      return textOf(object.child("name")).equals("current")
          && textOf(object.child("object")).equals("ThreadLocalRandom");
    }
    if (object.is("object_creation_expression")) {
      return RANDOM_TYPES.contains(textOf(object.child("type")));
    }
    String variable = object.is("field_access") ? textOf(object.child("field")) : object.text();
    Node declarator = declarator(variable, call);
    return declarator != null && RANDOM_TYPES.contains(declaredType(declarator));
  }

  // ---- env reads -----------------------------------------------------------------------------

  private void readEnv(Node call, String name, EnvUse use) {
    if (name == null) {
      return;
    }
    String fallback = use.fallback == null ? null : evaluate(use.fallback, 0).literal();
    envReads.add(new EnvRead(name, use.required, fallback, location(call)));
  }

  /** What the code does when the variable is unset: a fallback, or an exception or exit. */
  private record EnvUse(boolean required, Node fallback) {}

  private EnvUse envUse(Node call, Node fallback) {
    Node parent = call.parent();
    // Optional.ofNullable(System.getenv("X")).orElse("d") / .orElseThrow()
    if (parent != null && parent.is("argument_list") && parent.parent() != null) {
      Node wrapper = parent.parent();
      String wrapperName = textOf(wrapper.child("name"));
      if (wrapperName.equals("requireNonNull")) {
        return new EnvUse(true, null);
      }
      Node outer = wrapper.parent();
      if (wrapperName.equals("ofNullable") && outer != null && outer.is("method_invocation")
          && outer.child("object") == wrapper) {
        String then = textOf(outer.child("name"));
        if (then.equals("orElse")) {
          return new EnvUse(false, argument(outer, 0));
        }
        if (then.equals("orElseThrow") || then.equals("get")) {
          return new EnvUse(true, null);
        }
      }
    }
    String holder = null;
    if (parent != null && parent.is("variable_declarator")) {
      holder = textOf(parent.child("name"));
    } else if (parent != null && parent.is("assignment_expression")) {
      holder = textOf(parent.child("left"));
    }
    Node scope = call.ancestor("method_declaration", "constructor_declaration", "class_body");
    if (scope == null) {
      return new EnvUse(false, fallback);
    }
    boolean required = false;
    Node found = fallback;
    for (Node n : scope.descendants("if_statement")) {
      Node condition = n.child("condition");
      Node consequence = n.child("consequence");
      if (condition == null || consequence == null || !testsMissing(condition, call, holder)) {
        continue;
      }
      String target = holder;
      boolean[] fatal = {false};
      Node[] assigned = {null};
      consequence.visit(c -> {
        if (c.is("throw_statement") || c.is("method_invocation")
            && textOf(c.child("name")).equals("exit") && textOf(c.child("object")).equals("System")) {
          fatal[0] = true;
        }
        if (target != null && c.is("assignment_expression")
            && textOf(c.child("left")).equals(target)) {
          assigned[0] = c.child("right");
        }
        return true;
      });
      required |= fatal[0];
      if (assigned[0] != null) {
        found = assigned[0];
      }
    }
    if (holder != null && found == null) {
      for (Node ternary : scope.descendants("ternary_expression")) {
        Node fb = ternaryFallback(ternary, holder);
        if (fb != null) {
          found = fb;
        }
      }
    }
    return new EnvUse(required, found);
  }

  /** {@code v == null ? "d" : v} or {@code v != null ? v : "d"}: the branch taken when unset. */
  private static Node ternaryFallback(Node ternary, String holder) {
    Node condition = unparen(ternary.child("condition"));
    if (condition == null || !condition.is("binary_expression")) {
      return null;
    }
    boolean isNull = condition.hasToken("==");
    if (!isNull && !condition.hasToken("!=")) {
      return null;
    }
    Node left = condition.child("left");
    Node right = condition.child("right");
    boolean testsHolder = left != null && right != null
        && (left.text().equals(holder) && right.is("null_literal")
            || right.text().equals(holder) && left.is("null_literal"));
    if (!testsHolder) {
      return null;
    }
    return isNull ? ternary.child("consequence") : ternary.child("alternative");
  }

  /** {@code v == null}, {@code v.isEmpty()}, {@code v.isBlank()}, joined by {@code ||}. */
  private static boolean testsMissing(Node condition, Node call, String holder) {
    Node c = unparen(condition);
    if (c.is("binary_expression") && c.hasToken("||")) {
      return testsMissing(c.child("left"), call, holder)
          || testsMissing(c.child("right"), call, holder);
    }
    if (c.is("binary_expression") && c.hasToken("==")) {
      Node left = unparen(c.child("left"));
      Node right = unparen(c.child("right"));
      return left != null && right != null
          && (right.is("null_literal") && refersTo(left, call, holder)
              || left.is("null_literal") && refersTo(right, call, holder));
    }
    if (c.is("method_invocation")) {
      String name = textOf(c.child("name"));
      Node object = c.child("object");
      return (name.equals("isEmpty") || name.equals("isBlank")) && object != null
          && refersTo(unparen(object), call, holder);
    }
    return false;
  }

  private static boolean refersTo(Node expr, Node call, String holder) {
    return expr == call || holder != null && expr.text().equals(holder);
  }

  // ---- outbound calls ------------------------------------------------------------------------

  private void readRestTemplateCall(Node call, Node object) {
    Node declarator = declaratorOf(object, call);
    if (declarator == null || !declaredType(declarator).equals("RestTemplate")) {
      return;
    }
    Node init = declarator.child("value");
    if (init == null) {
      return; // injected: its timeouts are configured elsewhere
    }
    Boolean timeout = null;
    if (init.is("object_creation_expression") && textOf(init.child("type")).equals("RestTemplate")) {
      timeout = arguments(init).isEmpty() ? Boolean.FALSE : null;
    } else if (init.is("method_invocation") && textOf(init.child("name")).equals("build")) {
      timeout = chainHas(init, "readTimeout") || chainHas(init, "setReadTimeout");
    }
    if (timeout != null) {
      outbound(call, argument(call, 0), timeout);
    }
  }

  private void readHttpClientCall(Node call, Node object) {
    Node declarator = declaratorOf(object, call);
    if (declarator == null || !declaredType(declarator).equals("HttpClient")) {
      return;
    }
    Node request = valueOf(argument(call, 0));
    if (request == null || !request.is("method_invocation")
        || !textOf(request.child("name")).equals("build")) {
      return; // a request built elsewhere: its timeout is unknown
    }
    Node uri = null;
    for (Node e = request; e != null && e.is("method_invocation"); e = e.child("object")) {
      String name = textOf(e.child("name"));
      if (name.equals("uri") || name.equals("newBuilder")) {
        Node arg = argument(e, 0);
        if (arg != null && arg.is("method_invocation") && textOf(arg.child("name")).equals("create")
            && textOf(arg.child("object")).equals("URI")) {
          uri = argument(arg, 0);
        }
      }
    }
    outbound(call, uri, chainHas(request, "timeout"));
  }

  private void readWebClientCall(Node call, Node object) {
    Node declarator = declaratorOf(object, call);
    if (declarator == null || !declaredType(declarator).equals("WebClient")) {
      return;
    }
    Node init = declarator.child("value");
    if (init == null) {
      return;
    }
    Node chain = call;
    while (chain.parent() != null && chain.parent().is("method_invocation")
        && chain.parent().child("object") == chain) {
      chain = chain.parent();
    }
    boolean timeout = chainHas(chain, "timeout") || init.text().contains("responseTimeout")
        || chainHas(init, "timeout");
    Node base = null;
    for (Node e = init; e != null && e.is("method_invocation"); e = e.child("object")) {
      String name = textOf(e.child("name"));
      if (name.equals("baseUrl") || name.equals("create")) {
        base = argument(e, 0);
      }
    }
    Node uri = null;
    for (Node e = chain; e != null && e != call && e.is("method_invocation");
        e = e.child("object")) {
      if (textOf(e.child("name")).equals("uri")) {
        uri = argument(e, 0);
      }
    }
    Val baseValue = base == null ? new Val("", null, null) : evaluate(base, 0);
    Val uriValue = uri == null ? new Val("", null, null) : evaluate(uri, 0);
    Val url = concat(baseValue, uriValue);
    outbound.add(new OutboundCall(url.literal() == null || url.literal().isEmpty() ? null
        : url.literal(), url.env(), timeout, location(call)));
  }

  private static boolean chainHas(Node call, String method) {
    for (Node e = call; e != null && e.is("method_invocation"); e = e.child("object")) {
      if (textOf(e.child("name")).equals(method)) {
        return true;
      }
    }
    return false;
  }

  private void outbound(Node call, Node urlExpr, boolean timeout) {
    Val url = urlExpr == null ? new Val(null, null, null) : evaluate(urlExpr, 0);
    outbound.add(new OutboundCall(url.literal(), url.env(), timeout, location(call)));
  }

  // ---- values and names ----------------------------------------------------------------------

  /** A string value: fully literal, or derived from an env var (with its fallback), or unknown. */
  private record Val(String literal, String env, String fallback) {}

  private static final Val UNKNOWN = new Val(null, null, null);

  private static Val concat(Val a, Val b) {
    if (a.literal() != null && b.literal() != null) {
      return new Val(a.literal() + b.literal(), null, null);
    }
    String env = a.env() != null ? a.env() : b.env();
    return new Val(null, env, null);
  }

  private Val evaluate(Node expr, int depth) {
    Node e = unparen(expr);
    if (e == null || depth > 8) {
      return UNKNOWN;
    }
    switch (e.type()) {
      case "string_literal", "decimal_integer_literal" -> {
        String s = e.is("string_literal") ? stringValue(e) : e.text().replace("_", "");
        return s == null ? UNKNOWN : new Val(s, null, null);
      }
      case "binary_expression" -> {
        return e.hasToken("+") ? concat(evaluate(e.child("left"), depth + 1),
            evaluate(e.child("right"), depth + 1)) : UNKNOWN;
      }
      case "identifier", "field_access" -> {
        Node value = valueOf(e);
        if (value == null || value == e) {
          return UNKNOWN;
        }
        Val v = evaluate(value, depth + 1);
        if (v.env() != null && v.fallback() == null && e.is("identifier")) {
          // String p = System.getenv("PORT"); int port = p == null ? 8000 : parse(p)
          EnvUse use = envUse(value, null);
          if (use.fallback != null) {
            return new Val(null, v.env(), evaluate(use.fallback, depth + 1).literal());
          }
        }
        return v;
      }
      case "ternary_expression" -> {
        Node condition = unparen(e.child("condition"));
        if (condition != null && condition.is("binary_expression")) {
          Node left = condition.child("left");
          String holder = left == null ? null : left.text();
          Node fallback = holder == null ? null : ternaryFallback(e, holder);
          Val tested = left == null ? UNKNOWN : evaluate(left, depth + 1);
          if (fallback != null && tested.env() != null) {
            return new Val(null, tested.env(), evaluate(fallback, depth + 1).literal());
          }
        }
        return UNKNOWN;
      }
      case "method_invocation" -> {
        String name = textOf(e.child("name"));
        Node object = e.child("object");
        String objectText = object == null ? "" : object.text();
        if (name.equals("getenv") && objectText.equals("System")) {
          String var = constantString(argument(e, 0));
          return var == null ? UNKNOWN : new Val(null, var, null);
        }
        if (name.equals("getOrDefault") && object != null && object.is("method_invocation")
            && isGetenvMap(object)) {
          String var = constantString(argument(e, 0));
          return var == null ? UNKNOWN
              : new Val(null, var, evaluate(argument(e, 1), depth + 1).literal());
        }
        if ((name.equals("parseInt") || name.equals("valueOf")) && objectText.equals("Integer")
            || name.equals("valueOf") && objectText.equals("String")) {
          return evaluate(argument(e, 0), depth + 1);
        }
        if (name.equals("orElse") && object != null && object.is("method_invocation")
            && textOf(object.child("name")).equals("ofNullable")) {
          Val inner = evaluate(argument(object, 0), depth + 1);
          return inner.env() == null ? UNKNOWN
              : new Val(null, inner.env(), evaluate(argument(e, 0), depth + 1).literal());
        }
        return UNKNOWN;
      }
      default -> {
        return UNKNOWN;
      }
    }
  }

  /** The expression a name was initialised with, when it is a final-looking local or field. */
  private Node valueOf(Node expr) {
    Node e = unparen(expr);
    if (e == null || !e.is("identifier") && !e.is("field_access")) {
      return e;
    }
    Node declarator = declaratorOf(e, e);
    return declarator == null ? null : declarator.child("value");
  }

  private Node declaratorOf(Node expr, Node at) {
    Node e = unparen(expr);
    if (e.is("field_access") && textOf(e.child("object")).equals("this")) {
      return fields.get(textOf(e.child("field")));
    }
    return e.is("identifier") ? declarator(e.text(), at) : null;
  }

  /** The local (in the enclosing method) or field declaring this name, or null. */
  private Node declarator(String name, Node at) {
    Node method = at.ancestor("method_declaration", "constructor_declaration", "lambda_expression");
    while (method != null) {
      Node body = method.child("body");
      if (body != null) {
        for (Node d : body.descendants("variable_declarator")) {
          if (textOf(d.child("name")).equals(name) && d.startByte() < at.startByte()) {
            return d;
          }
        }
      }
      method =
          method.ancestor("method_declaration", "constructor_declaration", "lambda_expression");
    }
    return fields.get(name);
  }

  private static String declaredType(Node declarator) {
    Node declaration = declarator.parent();
    Node type = declaration == null ? null : declaration.child("type");
    String text = type == null ? "" : type.text();
    if (text.equals("var")) {
      Node value = declarator.child("value");
      if (value != null && value.is("object_creation_expression")) {
        text = textOf(value.child("type"));
      }
    }
    int generic = text.indexOf('<');
    return generic < 0 ? text : text.substring(0, generic);
  }

  private String constantString(Node expr) {
    Val v = evaluate(expr, 4);
    return v.literal();
  }

  private Integer statusValue(Node expr) {
    Node e = unparen(expr);
    if (e == null) {
      return null;
    }
    if (e.is("decimal_integer_literal")) {
      return parseStatus(e.text());
    }
    if (e.is("field_access")) {
      String owner = textOf(e.child("object"));
      if (owner.equals("HttpStatus") || owner.equals("HttpURLConnection")
          || owner.endsWith(".HttpStatus")) {
        return STATUS_NAMES.get(textOf(e.child("field")));
      }
      return null;
    }
    if (e.is("method_invocation") && textOf(e.child("name")).equals("valueOf")) {
      return statusValue(argument(e, 0));
    }
    if (e.is("identifier")) {
      Node value = valueOf(e);
      return value == null || value == e ? null : statusValue(value);
    }
    return null;
  }

  private static Integer parseStatus(String text) {
    try {
      int code = Integer.parseInt(text);
      return code >= 100 && code < 600 ? code : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Integer parsePort(String text) {
    try {
      int port = Integer.parseInt(text.trim());
      return port > 0 && port < 65536 ? port : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Unquotes a Java string literal; null for text blocks and escapes we do not interpret. */
  private static String stringValue(Node literal) {
    String text = literal.text();
    if (text.startsWith("\"\"\"") || text.length() < 2) {
      return null;
    }
    return Expressions.unescape(text.substring(1, text.length() - 1));
  }

  private static String stripParens(String text) {
    return text.startsWith("(") && text.endsWith(")") ? text.substring(1, text.length() - 1) : text;
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

  private static Map<String, Integer> statusNames() {
    Map<String, Integer> codes = new HashMap<>();
    Object[][] table = {
      {"OK", 200}, {"CREATED", 201}, {"ACCEPTED", 202}, {"NO_CONTENT", 204},
      {"MOVED_PERMANENTLY", 301}, {"FOUND", 302}, {"SEE_OTHER", 303}, {"NOT_MODIFIED", 304},
      {"TEMPORARY_REDIRECT", 307}, {"PERMANENT_REDIRECT", 308}, {"BAD_REQUEST", 400},
      {"UNAUTHORIZED", 401}, {"FORBIDDEN", 403}, {"NOT_FOUND", 404},
      {"METHOD_NOT_ALLOWED", 405}, {"CONFLICT", 409}, {"GONE", 410},
      {"UNPROCESSABLE_ENTITY", 422}, {"TOO_MANY_REQUESTS", 429},
      {"INTERNAL_SERVER_ERROR", 500}, {"NOT_IMPLEMENTED", 501}, {"BAD_GATEWAY", 502},
      {"SERVICE_UNAVAILABLE", 503}, {"GATEWAY_TIMEOUT", 504},
      {"HTTP_OK", 200}, {"HTTP_CREATED", 201}, {"HTTP_NO_CONTENT", 204},
      {"HTTP_BAD_REQUEST", 400}, {"HTTP_NOT_FOUND", 404}, {"HTTP_BAD_METHOD", 405},
      {"HTTP_INTERNAL_ERROR", 500}, {"HTTP_BAD_GATEWAY", 502}, {"HTTP_UNAVAILABLE", 503},
      {"HTTP_GATEWAY_TIMEOUT", 504},
    };
    for (Object[] row : table) {
      codes.put((String) row[0], (Integer) row[1]);
    }
    return Map.copyOf(codes);
  }
}
