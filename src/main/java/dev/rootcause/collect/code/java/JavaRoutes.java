package dev.rootcause.collect.code.java;

import static dev.rootcause.collect.code.Expressions.argument;
import static dev.rootcause.collect.code.Expressions.arguments;
import static dev.rootcause.collect.code.Expressions.textOf;
import static dev.rootcause.collect.code.Expressions.unparen;

import dev.rootcause.collect.syntax.Node;
import dev.rootcause.model.app.AppFacts.ListenPort;
import dev.rootcause.model.app.AppFacts.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a Java file serves: Spring MVC and Micronaut controller mappings and the JDK HttpServer
 * contexts, and where it listens.
 */
final class JavaRoutes {
  private final JavaFile file;

  JavaRoutes(JavaFile file) {
    this.file = file;
  }

  /**
   * An annotation dialect of controllers: the package its annotations come from, the class
   * annotation that makes a type a controller and carries the path prefix (null: any class may map,
   * with {@code prefix} optional), and the method annotations with their HTTP method.
   */
  private record Dialect(
      String pkg,
      String controller,
      String prefix,
      Map<String, String> methods,
      String methodPath) {
    Dialect(String pkg, String controller, String prefix, Map<String, String> methods) {
      this(pkg, controller, prefix, methods, null);
    }
  }

  /**
   * JAX-RS (Jakarta EE, Quarkus, Jersey, Dropwizard): a resource class is {@code @Path}, its
   * methods {@code @GET} with no argument, the sub-path in a separate {@code @Path} on the method.
   */
  private static Dialect jaxRs(String pkg) {
    return new Dialect(
        pkg,
        "Path",
        "Path",
        Map.of(
            "GET", "GET", "POST", "POST", "PUT", "PUT", "DELETE", "DELETE", "PATCH", "PATCH",
            "HEAD", "HEAD", "OPTIONS", "OPTIONS"),
        "Path");
  }

  private static final List<Dialect> DIALECTS =
      List.of(
          new Dialect(JavaFile.SPRING_WEB, null, "RequestMapping", JavaFile.MAPPINGS),
          // a Micronaut @Client interface carries the same @Get: only a @Controller serves
          new Dialect(
              "io.micronaut.http.annotation",
              "Controller",
              "Controller",
              Map.of(
                  "Get", "GET", "Post", "POST", "Put", "PUT", "Delete", "DELETE", "Patch", "PATCH",
                  "Head", "HEAD", "Options", "OPTIONS")),
          jaxRs("jakarta.ws.rs"),
          jaxRs("javax.ws.rs"));

  void readController(Node type) {
    Node body = type.child("body");
    if (body == null) {
      return;
    }
    for (Dialect dialect : DIALECTS) {
      Node controller =
          dialect.controller() == null ? null : annotation(type, dialect.controller());
      if (dialect.controller() != null
          && (controller == null || !file.imported(dialect.pkg(), dialect.controller()))) {
        continue;
      }
      List<String> prefixes = List.of("");
      Node classMapping = annotation(type, dialect.prefix());
      if (classMapping != null) {
        prefixes = mappingPaths(classMapping);
      }
      readMappings(body, dialect, prefixes);
    }
  }

  private void readMappings(Node body, Dialect dialect, List<String> prefixes) {
    for (Node member : body.namedChildren()) {
      if (!member.is("method_declaration")) {
        continue;
      }
      for (Map.Entry<String, String> mapping : dialect.methods().entrySet()) {
        Node a = annotation(member, mapping.getKey());
        if (a == null || !file.imported(dialect.pkg(), mapping.getKey())) {
          continue;
        }
        String method = mapping.getValue().equals("*") ? requestMethod(a) : mapping.getValue();
        JavaHandlers.Handler handler = file.handling.handler(member, JavaHandlers.Style.SPRING);
        for (String prefix : prefixes) {
          for (String sub : subPaths(member, dialect, a)) {
            if (prefix == null || sub == null) {
              continue;
            }
            String full = joinPaths(prefix, sub);
            handler.routes.add(full);
            file.out.route(
                new Route(
                    method,
                    full,
                    file.handling.statuses(handler),
                    textOf(member.child("name")),
                    file.out.at(a)));
          }
        }
      }
    }
  }

  /** The method's own path: the mapping's argument, or (JAX-RS) its {@code @Path}, else "". */
  private List<String> subPaths(Node method, Dialect dialect, Node mapping) {
    if (dialect.methodPath() == null) {
      return mappingPaths(mapping);
    }
    Node path = annotation(method, dialect.methodPath());
    return path == null ? List.of("") : mappingPaths(path);
  }

  /** The modifiers' annotation with this simple name, or null. */
  static Node annotation(Node declaration, String name) {
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
  List<String> mappingPaths(Node annotation) {
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
        if (key.equals("value") || key.equals("path") || key.equals("uri")) {
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
        paths.add(file.constantString(item));
      }
    } else {
      paths.add(file.constantString(value));
    }
    return paths;
  }

  static String requestMethod(Node annotation) {
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

  static String joinPaths(String prefix, String sub) {
    String joined;
    if (prefix.isEmpty()) {
      joined = sub;
    } else if (sub.isEmpty()) {
      joined = prefix;
    } else {
      joined =
          (prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix)
              + (sub.startsWith("/") ? sub : "/" + sub);
    }
    if (joined.isEmpty()) {
      return "/";
    }
    return joined.startsWith("/") ? joined : "/" + joined;
  }

  void readServerCreate(Node call) {
    Node address = unparen(argument(call, 0));
    if (address == null) {
      return; // create() then bind(..): not read
    }
    address = file.valueOf(address);
    if (address == null
        || !address.is("object_creation_expression")
        || !textOf(address.child("type")).equals("InetSocketAddress")) {
      file.out.listen(new ListenPort(null, null, null, file.out.at(call)));
      return;
    }
    List<Node> args = arguments(address);
    Node portExpr = args.isEmpty() ? null : args.get(args.size() - 1);
    String host = args.size() == 2 ? file.constantString(args.get(0)) : null;
    JavaFile.Val port = file.evaluate(portExpr, 0);
    Integer number =
        port.literal() != null
            ? JavaFile.parsePort(port.literal())
            : port.fallback() != null ? JavaFile.parsePort(port.fallback()) : null;
    if (port.literal() == null && port.env() == null) {
      file.out.listen(new ListenPort(null, null, null, file.out.at(address)));
    } else {
      file.out.listen(
          new ListenPort(number, port.env(), number == null ? null : host, file.out.at(address)));
    }
  }

  void readContext(Node call) {
    if (!file.imported(JavaFile.JDK_SERVER, "HttpServer")
        && !file.imported(JavaFile.JDK_SERVER, "HttpsServer")) {
      return;
    }
    String routePath = file.constantString(argument(call, 0));
    Node handlerExpr = argument(call, 1);
    if (handlerExpr == null) {
      return;
    }
    Node fn = resolveJdkHandler(handlerExpr);
    JavaHandlers.Handler handler =
        fn == null ? null : file.handling.handler(fn, JavaHandlers.Style.JDK);
    if (handler != null && routePath != null) {
      handler.routes.add(routePath);
    }
    if (routePath == null) {
      return;
    }
    String name =
        fn == null ? handlerExpr.text() : fn.is("method_declaration") ? handlerName(fn) : null;
    file.out.route(
        new Route(
            "*",
            routePath,
            handler == null ? List.of() : file.handling.statuses(handler),
            name,
            file.out.at(call)));
  }

  String handlerName(Node method) {
    Node type = method.ancestor("class_declaration");
    String name = textOf(method.child("name"));
    return name.equals("handle") && type != null ? textOf(type.child("name")) : name;
  }

  /** A lambda, {@code Main::quote}, {@code new RootHandler()}, or a variable holding one. */
  Node resolveJdkHandler(Node expr) {
    Node e = file.valueOf(unparen(expr));
    if (e == null) {
      return null;
    }
    switch (e.type()) {
      case "lambda_expression" -> {
        return e;
      }
      case "method_reference" -> {
        List<Node> parts = e.namedChildren();
        List<Node> found = parts.isEmpty() ? null : file.methods.get(parts.getLast().text());
        return found != null && found.size() == 1 ? found.get(0) : null;
      }
      case "object_creation_expression" -> {
        Node inline = e.firstOfType("class_body");
        Node type = inline != null ? e : file.classes.get(textOf(e.child("type")));
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
}
