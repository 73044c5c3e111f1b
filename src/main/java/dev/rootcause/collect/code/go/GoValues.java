package dev.rootcause.collect.code.go;

import static dev.rootcause.collect.code.Expressions.argument;
import static dev.rootcause.collect.code.Expressions.textOf;
import static dev.rootcause.collect.code.Expressions.unparen;

import dev.rootcause.collect.code.Expressions;
import dev.rootcause.collect.code.Numbers;
import dev.rootcause.collect.syntax.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * What a Go expression evaluates to (strings built from literals, constants and env reads) and the
 * type of a value (mux, router, server, client).
 */
final class GoValues {
  private final GoFile file;

  GoValues(GoFile file) {
    this.file = file;
  }

  // ---- values --------------------------------------------------------------------------------

  /** A piece of a string value: literal text, an env var (with its fallback), or unknown. */
  sealed interface Part {
    record Lit(String text) implements Part {}

    record Env(String name, String fallback) implements Part {}

    record Unknown() implements Part {}
  }

  static final List<Part> UNKNOWN = List.of(new Part.Unknown());

  static String literal(List<Part> parts) {
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
  List<Part> evaluate(Node expr, int depth) {
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

  List<Part> evaluateCall(Node call, int depth) {
    if (file.isPackageCall(call, "os", "Getenv") || file.isPackageCall(call, "os", "LookupEnv")) {
      String name = constantString(argument(call, 0));
      return name == null ? UNKNOWN : List.of(new Part.Env(name, null));
    }
    if (file.isPackageCall(call, "fmt", "Sprintf")) {
      return evaluateSprintf(call, depth);
    }
    if (file.isPackageCall(call, "strconv", "Itoa") || file.isPackageCall(call, "fmt", "Sprint")) {
      return argument(call, 1) == null ? evaluate(argument(call, 0), depth + 1) : UNKNOWN;
    }
    if (file.isPackageCall(call, "cmp", "Or")) {
      List<Part> first = evaluate(argument(call, 0), depth + 1);
      String fallback = literal(evaluate(argument(call, 1), depth + 1));
      if (first.size() == 1
          && first.get(0) instanceof Part.Env env
          && env.fallback() == null
          && fallback != null) {
        return List.of(new Part.Env(env.name(), fallback));
      }
      return UNKNOWN;
    }
    Node function = call.child("function");
    if (function != null
        && function.is("identifier")
        && file.functions.containsKey(function.text())) {
      GoEnv.EnvHelper helper = file.env.envHelper(file.functions.get(function.text()));
      if (helper != null) {
        String name = constantString(argument(call, helper.nameIndex()));
        String fallback =
            helper.fallbackIndex() < 0
                ? null
                : literalValue(argument(call, helper.fallbackIndex()));
        return name == null ? UNKNOWN : List.of(new Part.Env(name, fallback));
      }
    }
    return UNKNOWN;
  }

  List<Part> evaluateSprintf(Node call, int depth) {
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
   * empty ({@code if port == "" { port = "8080" }}); or a default overridden when an env var is set
   * ({@code if p := os.Getenv("PORT"); p != "" { port = p }}).
   */
  List<Part> evaluateName(Node id, int depth) {
    String name = id.text();
    GoFile.Binding binding = file.lookup(name, id);
    if (binding == null) {
      return UNKNOWN;
    }
    if (binding.constant() != null) {
      return evaluate(binding.constant(), depth + 1);
    }
    if (binding.global() != null) {
      // a package variable keeps its initial value only if nothing in the file assigns it
      return binding.global().value() == null || file.hazardReader.isEvicted(binding.global())
          ? UNKNOWN
          : evaluate(binding.global().value(), depth + 1);
    }
    if (binding.defs() == null) {
      return UNKNOWN; // a parameter
    }
    List<GoFile.Def> defs = new ArrayList<>();
    for (GoFile.Def def : binding.defs()) {
      if (def.value() != null || defs.size() > 0 || binding.defs().size() == 1) {
        defs.add(def);
      }
    }
    if (defs.isEmpty() || defs.get(0).value() == null || defs.get(0).index() > 0) {
      return UNKNOWN;
    }
    List<Part> first = evaluate(defs.get(0).value(), depth + 1);
    if (defs.size() == 1) {
      return first;
    }
    if (defs.size() != 2
        || defs.get(1).value() == null
        || defs.get(1).statement().ancestor("if_statement") == null) {
      return UNKNOWN;
    }
    List<Part> second = evaluate(defs.get(1).value(), depth + 1);
    String firstLiteral = literal(first);
    String secondLiteral = literal(second);
    if (first.size() == 1
        && first.get(0) instanceof Part.Env env
        && env.fallback() == null
        && secondLiteral != null) {
      return List.of(new Part.Env(env.name(), secondLiteral));
    }
    if (firstLiteral != null
        && second.size() == 1
        && second.get(0) instanceof Part.Env env
        && env.fallback() == null) {
      return List.of(new Part.Env(env.name(), firstLiteral));
    }
    return UNKNOWN;
  }

  /** The literal text of a string or number expression (through constants), else null. */
  String literalValue(Node expr) {
    return expr == null ? null : literal(evaluate(expr, 4));
  }

  /** A string known at compile time: a literal or a constant. */
  String constantString(Node expr) {
    if (expr == null) {
      return null;
    }
    Node e = unparen(expr);
    if (e.is("interpreted_string_literal") || e.is("raw_string_literal")) {
      return stringValue(e);
    }
    if (e.is("identifier") && file.constants.containsKey(e.text())) {
      return constantString(file.constants.get(e.text()));
    }
    return null;
  }

  Integer statusValue(Node expr) {
    if (expr == null) {
      return null;
    }
    Node e = unparen(expr);
    if (e.is("int_literal")) {
      return Numbers.status(e.text());
    }
    if (e.is("selector_expression")
        && GoFile.NET_HTTP.equals(file.imports.get(textOf(e.child("operand"))))) {
      return GoFile.STATUS_CONSTANTS.get(textOf(e.child("field")));
    }
    if (e.is("identifier") && file.constants.containsKey(e.text())) {
      return statusValue(file.constants.get(e.text()));
    }
    return null;
  }

  /** Unquotes a Go string literal; null when it holds escapes we do not interpret. */
  static String stringValue(Node literal) {
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

  enum Kind {
    MUX,
    GORILLA,
    CHI,
    GIN,
    GIN_GROUP,
    ECHO,
    ECHO_GROUP,
    SERVER,
    CLIENT
  }

  /**
   * What a receiver is: a router (with its path prefix, null when unknown), a server or client
   * (with the composite literal that configures it, when seen).
   */
  record GoType(Kind kind, String prefix, Node literal, boolean defaultClient) {
    static GoType of(Kind kind, String prefix) {
      return new GoType(kind, prefix, null, false);
    }
  }

  GoType typeOf(Node expr, int depth) {
    if (expr == null || depth > 6) {
      return null;
    }
    Node e = unparen(expr);
    switch (e.type()) {
      case "unary_expression" -> {
        return e.hasToken("&") ? typeOf(e.child("operand"), depth + 1) : null;
      }
      case "composite_literal" -> {
        String type = file.handling.qualifiedType(e.child("type"));
        if ((GoFile.NET_HTTP + ".Server").equals(type)) {
          return new GoType(Kind.SERVER, null, e, false);
        }
        if ((GoFile.NET_HTTP + ".Client").equals(type)) {
          return new GoType(Kind.CLIENT, null, e, false);
        }
        return null;
      }
      case "selector_expression" -> {
        String pkg = file.imports.get(textOf(e.child("operand")));
        if (GoFile.NET_HTTP.equals(pkg) && textOf(e.child("field")).equals("DefaultClient")) {
          return new GoType(Kind.CLIENT, null, null, true);
        }
        return null;
      }
      case "call_expression" -> {
        return typeOfCall(e, depth);
      }
      case "identifier" -> {
        GoFile.Binding b = file.lookup(e.text(), e);
        if (b == null) {
          return null;
        }
        if (b.paramType() != null) {
          return typeOfParameter(b, depth);
        }
        if (b.global() != null) {
          GoType declared = typeFromDeclaration(b.global().type());
          return declared != null ? declared : typeOf(b.global().value(), depth + 1);
        }
        Node value = b.singleValue();
        if (value != null) {
          return typeOf(value, depth + 1);
        }
        for (GoFile.Def def : b.defs()) {
          if (def.type() != null) {
            return typeFromDeclaration(def.type());
          }
        }
        return null;
      }
      default -> {
        return null;
      }
    }
  }

  GoType typeOfCall(Node call, int depth) {
    Node function = call.child("function");
    if (function == null) {
      return null;
    }
    if (function.is("identifier")) {
      Node fn = file.functions.get(function.text());
      return fn == null ? null : typeFromDeclaration(fn.child("result"));
    }
    if (!function.is("selector_expression")) {
      return null;
    }
    String method = textOf(function.child("field"));
    Node operand = function.child("operand");
    String pkg =
        operand != null && operand.is("identifier") ? file.imports.get(operand.text()) : null;
    if (pkg != null) {
      if (pkg.equals(GoFile.GIN) && (method.equals("Default") || method.equals("New"))) {
        return GoType.of(Kind.GIN, "");
      }
      if (pkg.startsWith(GoFile.ECHO) && method.equals("New")) {
        return GoType.of(Kind.ECHO, "");
      }
      if (pkg.equals(GoFile.NET_HTTP) && method.equals("NewServeMux")) {
        return GoType.of(Kind.MUX, "");
      }
      if (pkg.startsWith(GoFile.CHI) && (method.equals("NewRouter") || method.equals("NewMux"))) {
        return GoType.of(Kind.CHI, "");
      }
      if (pkg.equals(GoFile.GORILLA) && method.equals("NewRouter")) {
        return GoType.of(Kind.GORILLA, "");
      }
      return null;
    }
    if (method.equals("Group")) {
      GoType parent = typeOf(operand, depth + 1);
      if (parent != null && (parent.kind() == Kind.GIN || parent.kind() == Kind.GIN_GROUP)) {
        return GoType.of(
            Kind.GIN_GROUP, GoServer.join(parent.prefix(), constantString(argument(call, 0))));
      }
      if (parent != null && (parent.kind() == Kind.ECHO || parent.kind() == Kind.ECHO_GROUP)) {
        return GoType.of(
            Kind.ECHO_GROUP, GoServer.join(parent.prefix(), constantString(argument(call, 0))));
      }
    }
    return null;
  }

  /**
   * A parameter's type; a chi sub-router's prefix comes from {@code r.Route("/api", func(r
   * chi.Router) {..})}.
   */
  GoType typeOfParameter(GoFile.Binding b, int depth) {
    GoType declared = typeFromDeclaration(b.paramType());
    if (declared == null || declared.kind() != Kind.CHI) {
      return declared;
    }
    Node fn = b.function();
    Node args = fn.parent();
    if (fn.is("func_literal")
        && args != null
        && args.is("argument_list")
        && args.parent() != null) {
      Node call = args.parent();
      Node function = call.child("function");
      if (function != null
          && function.is("selector_expression")
          && textOf(function.child("field")).equals("Route")
          && argument(call, 1) == fn) {
        GoType parent = typeOf(function.child("operand"), depth + 1);
        if (parent != null && parent.kind() == Kind.CHI) {
          return GoType.of(
              Kind.CHI, GoServer.join(parent.prefix(), constantString(argument(call, 0))));
        }
      }
    }
    return GoType.of(Kind.CHI, null);
  }

  GoType typeFromDeclaration(Node type) {
    String name = file.handling.qualifiedType(type);
    if (name == null) {
      return null;
    }
    String bare = name.startsWith("*") ? name.substring(1) : name;
    return switch (bare) {
      case GoFile.GIN + ".Engine" -> GoType.of(Kind.GIN, "");
      case GoFile.GIN + ".RouterGroup", GoFile.GIN + ".IRouter", GoFile.GIN + ".IRoutes" ->
          GoType.of(Kind.GIN_GROUP, null);
      case GoFile.NET_HTTP + ".ServeMux" -> GoType.of(Kind.MUX, "");
      case GoFile.NET_HTTP + ".Server" -> GoType.of(Kind.SERVER, null);
      case GoFile.NET_HTTP + ".Client" -> GoType.of(Kind.CLIENT, null);
      case GoFile.GORILLA + ".Router" -> GoType.of(Kind.GORILLA, null);
      default -> {
        if (bare.startsWith(GoFile.ECHO) && bare.endsWith(".Echo")) {
          yield GoType.of(Kind.ECHO, "");
        }
        if (bare.startsWith(GoFile.ECHO) && bare.endsWith(".Group")) {
          yield GoType.of(Kind.ECHO_GROUP, null);
        }
        if (bare.startsWith(GoFile.CHI) && (bare.endsWith(".Router") || bare.endsWith(".Mux"))) {
          yield GoType.of(Kind.CHI, null);
        }
        yield null;
      }
    };
  }
}
