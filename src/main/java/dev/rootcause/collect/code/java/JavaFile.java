package dev.rootcause.collect.code.java;

import static dev.rootcause.collect.code.Expressions.argument;
import static dev.rootcause.collect.code.Expressions.textOf;
import static dev.rootcause.collect.code.Expressions.unparen;

import dev.rootcause.collect.code.Expressions;
import dev.rootcause.collect.code.FactsSink;
import dev.rootcause.collect.code.Numbers;
import dev.rootcause.collect.code.SourceFacts;
import dev.rootcause.collect.syntax.Node;
import dev.rootcause.collect.syntax.SyntaxTree;
import dev.rootcause.model.app.AppFacts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The facts of one parsed Java file. Names resolve inside the file: fields, locals, constants,
 * methods and nested classes. A client injected from elsewhere has an unknown timeout, and so
 * produces no outbound call; a route whose path is not a constant is not reported.
 */
final class JavaFile {
  final JavaRoutes routing = new JavaRoutes(this);
  final JavaHandlers handling = new JavaHandlers(this);
  final JavaHazards hazardReader = new JavaHazards(this);
  final JavaEnv env = new JavaEnv(this);
  final JavaOutbound clients = new JavaOutbound(this);
  final JavaRetries retries = new JavaRetries(this);

  static final String SPRING_WEB = "org.springframework.web.bind.annotation";
  static final String JDK_SERVER = "com.sun.net.httpserver";

  static final Map<String, String> MAPPINGS =
      Map.of(
          "GetMapping",
          "GET",
          "PostMapping",
          "POST",
          "PutMapping",
          "PUT",
          "DeleteMapping",
          "DELETE",
          "PatchMapping",
          "PATCH",
          "RequestMapping",
          "*");
  static final Map<String, Integer> ENTITY_SHORTCUTS =
      Map.of(
          "ok",
          200,
          "created",
          201,
          "accepted",
          202,
          "noContent",
          204,
          "badRequest",
          400,
          "notFound",
          404,
          "unprocessableEntity",
          422,
          "internalServerError",
          500);
  static final Set<String> REST_TEMPLATE_CALLS =
      Set.of(
          "getForObject",
          "getForEntity",
          "postForObject",
          "postForEntity",
          "postForLocation",
          "put",
          "delete",
          "patchForObject",
          "exchange",
          "execute",
          "headForHeaders",
          "optionsForAllow");
  static final Set<String> WEB_CLIENT_VERBS =
      Set.of("get", "post", "put", "delete", "patch", "head", "options", "method");
  static final Set<String> ASYNC_CALLS =
      Set.of(
          "submit",
          "execute",
          "runAsync",
          "supplyAsync",
          "schedule",
          "scheduleAtFixedRate",
          "scheduleWithFixedDelay",
          "start");
  static final Set<String> RANDOM_METHODS =
      Set.of("nextInt", "nextDouble", "nextFloat", "nextBoolean", "nextLong", "nextGaussian");
  static final Set<String> RANDOM_TYPES =
      Set.of("Random", "SecureRandom", "ThreadLocalRandom", "SplittableRandom");
  static final Map<String, Integer> STATUS_NAMES = statusNames();

  final String path;

  /** The facts found so far, with their locations in this file. */
  final FactsSink out;

  final Node root;

  final Set<String> imports = new HashSet<>();
  final Map<String, Node> classes = new HashMap<>();
  final Map<String, List<Node>> methods = new HashMap<>();
  final Map<String, Node> fields = new HashMap<>(); // name -> variable_declarator
  final List<Node> invocations = new ArrayList<>();
  final Map<Node, JavaHandlers.Handler> handlers = new IdentityHashMap<>();
  final List<JavaHandlers.Handler> handlerOrder = new ArrayList<>();

  boolean startsServer;

  JavaFile(String path, SyntaxTree tree) {
    this.path = path;
    this.out = new FactsSink(path);
    this.root = tree.root();
  }

  SourceFacts read() {
    index();
    for (Node type : classes.values()) {
      routing.readController(type);
    }
    for (Node call : invocations) {
      readInvocation(call);
    }
    handlerOrder.sort((a, b) -> Integer.compare(a.node.startByte(), b.node.startByte()));
    for (JavaHandlers.Handler handler : handlerOrder) {
      hazardReader.readHandler(handler);
    }
    retries.read();
    return out.build(AppFacts.Language.JAVA, framework(), startsServer);
  }

  String framework() {
    for (String name : imports) {
      if (name.startsWith("org.springframework.boot") || name.startsWith(SPRING_WEB)) {
        return "spring-boot";
      }
      if (name.startsWith("io.micronaut.http")) {
        return "micronaut";
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

  void index() {
    root.visit(
        n -> {
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
            case "annotation" -> {
              if (textOf(n.child("name")).equals("Value")
                  && imported("org.springframework.beans.factory.annotation", "Value")) {
                env.springValue(n);
              }
            }
            default -> {}
          }
          return true;
        });
  }

  boolean imported(String packageName, String simpleName) {
    return imports.contains(packageName + "." + simpleName) || imports.contains(packageName + ".*");
  }

  // ---- invocations: JDK server, env, clients -------------------------------------------------

  void readInvocation(Node call) {
    String name = textOf(call.child("name"));
    Node object = call.child("object");
    String objectText = object == null ? "" : object.text();
    switch (name) {
      case "getenv" -> {
        if (objectText.equals("System") && argument(call, 0) != null) {
          env.readEnv(call, constantString(argument(call, 0)), env.envUse(call, null));
        }
      }
      case "getOrDefault", "get" -> {
        if (object != null && object.is("method_invocation") && isGetenvMap(object)) {
          Node fallback = name.equals("getOrDefault") ? argument(call, 1) : null;
          env.readEnv(call, constantString(argument(call, 0)), env.envUse(call, fallback));
        }
      }
      case "create" -> {
        if ((objectText.equals("HttpServer") || objectText.equals("HttpsServer"))
            && imported(JDK_SERVER, objectText)) {
          startsServer = true;
          routing.readServerCreate(call);
        }
      }
      case "createContext" -> routing.readContext(call);
      case "run" -> {
        if (objectText.equals("SpringApplication")) {
          startsServer = true;
        }
      }
      default -> {}
    }
    if (REST_TEMPLATE_CALLS.contains(name) && object != null) {
      clients.readRestTemplateCall(call, object);
    } else if ((name.equals("send") || name.equals("sendAsync")) && object != null) {
      clients.readHttpClientCall(call, object);
    } else if (WEB_CLIENT_VERBS.contains(name) && object != null) {
      clients.readWebClientCall(call, object);
    }
  }

  static boolean isGetenvMap(Node call) {
    return textOf(call.child("name")).equals("getenv")
        && textOf(call.child("object")).equals("System")
        && argument(call, 0) == null;
  }

  // ---- values and names ----------------------------------------------------------------------

  /** A string value: fully literal, or derived from an env var (with its fallback), or unknown. */
  record Val(String literal, String env, String fallback) {}

  static final Val UNKNOWN = new Val(null, null, null);

  static Val concat(Val a, Val b) {
    if (a.literal() != null && b.literal() != null) {
      return new Val(a.literal() + b.literal(), null, null);
    }
    String env = a.env() != null ? a.env() : b.env();
    return new Val(null, env, null);
  }

  Val evaluate(Node expr, int depth) {
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
        return e.hasToken("+")
            ? concat(evaluate(e.child("left"), depth + 1), evaluate(e.child("right"), depth + 1))
            : UNKNOWN;
      }
      case "identifier", "field_access" -> {
        Node value = valueOf(e);
        if (value == null || value == e) {
          return UNKNOWN;
        }
        Val v = evaluate(value, depth + 1);
        if (v.env() != null && v.fallback() == null && e.is("identifier")) {
          // String p = System.getenv("PORT"); int port = p == null ? 8000 : parse(p)
          JavaEnv.EnvUse use = env.envUse(value, null);
          if (use.fallback() != null) {
            return new Val(null, v.env(), evaluate(use.fallback(), depth + 1).literal());
          }
        }
        return v;
      }
      case "ternary_expression" -> {
        Node condition = unparen(e.child("condition"));
        if (condition != null && condition.is("binary_expression")) {
          Node left = condition.child("left");
          String holder = left == null ? null : left.text();
          Node fallback = holder == null ? null : JavaEnv.ternaryFallback(e, holder);
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
        if (name.equals("getOrDefault")
            && object != null
            && object.is("method_invocation")
            && isGetenvMap(object)) {
          String var = constantString(argument(e, 0));
          return var == null
              ? UNKNOWN
              : new Val(null, var, evaluate(argument(e, 1), depth + 1).literal());
        }
        if ((name.equals("parseInt") || name.equals("valueOf")) && objectText.equals("Integer")
            || name.equals("valueOf") && objectText.equals("String")) {
          return evaluate(argument(e, 0), depth + 1);
        }
        if (name.equals("orElse")
            && object != null
            && object.is("method_invocation")
            && textOf(object.child("name")).equals("ofNullable")) {
          Val inner = evaluate(argument(object, 0), depth + 1);
          return inner.env() == null
              ? UNKNOWN
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
  Node valueOf(Node expr) {
    Node e = unparen(expr);
    if (e == null || !e.is("identifier") && !e.is("field_access")) {
      return e;
    }
    Node declarator = declaratorOf(e, e);
    return declarator == null ? null : declarator.child("value");
  }

  Node declaratorOf(Node expr, Node at) {
    Node e = unparen(expr);
    if (e.is("field_access") && textOf(e.child("object")).equals("this")) {
      return fields.get(textOf(e.child("field")));
    }
    return e.is("identifier") ? declarator(e.text(), at) : null;
  }

  /** The local (in the enclosing method) or field declaring this name, or null. */
  Node declarator(String name, Node at) {
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

  static String declaredType(Node declarator) {
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

  String constantString(Node expr) {
    Val v = evaluate(expr, 4);
    return v.literal();
  }

  Integer statusValue(Node expr) {
    Node e = unparen(expr);
    if (e == null) {
      return null;
    }
    if (e.is("decimal_integer_literal")) {
      return parseStatus(e.text());
    }
    if (e.is("field_access")) {
      String owner = textOf(e.child("object"));
      if (owner.equals("HttpStatus")
          || owner.equals("HttpURLConnection")
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

  static Integer parseStatus(String text) {
    return Numbers.status(text);
  }

  static Integer parsePort(String text) {
    return Numbers.port(text.trim());
  }

  /** Unquotes a Java string literal; null for text blocks and escapes we do not interpret. */
  static String stringValue(Node literal) {
    String text = literal.text();
    if (text.startsWith("\"\"\"") || text.length() < 2) {
      return null;
    }
    return Expressions.unescape(text.substring(1, text.length() - 1));
  }

  static String stripParens(String text) {
    return text.startsWith("(") && text.endsWith(")") ? text.substring(1, text.length() - 1) : text;
  }

  static Map<String, Integer> statusNames() {
    Map<String, Integer> codes = new HashMap<>();
    Object[][] table = {
      {"OK", 200},
      {"CREATED", 201},
      {"ACCEPTED", 202},
      {"NO_CONTENT", 204},
      {"MOVED_PERMANENTLY", 301},
      {"FOUND", 302},
      {"SEE_OTHER", 303},
      {"NOT_MODIFIED", 304},
      {"TEMPORARY_REDIRECT", 307},
      {"PERMANENT_REDIRECT", 308},
      {"BAD_REQUEST", 400},
      {"UNAUTHORIZED", 401},
      {"FORBIDDEN", 403},
      {"NOT_FOUND", 404},
      {"METHOD_NOT_ALLOWED", 405},
      {"CONFLICT", 409},
      {"GONE", 410},
      {"UNPROCESSABLE_ENTITY", 422},
      {"TOO_MANY_REQUESTS", 429},
      {"INTERNAL_SERVER_ERROR", 500},
      {"NOT_IMPLEMENTED", 501},
      {"BAD_GATEWAY", 502},
      {"SERVICE_UNAVAILABLE", 503},
      {"GATEWAY_TIMEOUT", 504},
      {"HTTP_OK", 200},
      {"HTTP_CREATED", 201},
      {"HTTP_NO_CONTENT", 204},
      {"HTTP_BAD_REQUEST", 400},
      {"HTTP_NOT_FOUND", 404},
      {"HTTP_BAD_METHOD", 405},
      {"HTTP_INTERNAL_ERROR", 500},
      {"HTTP_BAD_GATEWAY", 502},
      {"HTTP_UNAVAILABLE", 503},
      {"HTTP_GATEWAY_TIMEOUT", 504},
    };
    for (Object[] row : table) {
      codes.put((String) row[0], (Integer) row[1]);
    }
    return Map.copyOf(codes);
  }
}
