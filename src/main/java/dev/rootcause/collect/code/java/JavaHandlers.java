package dev.rootcause.collect.code.java;

import static dev.rootcause.collect.code.Expressions.argument;
import static dev.rootcause.collect.code.Expressions.arguments;
import static dev.rootcause.collect.code.Expressions.textOf;
import static dev.rootcause.collect.code.Expressions.unparen;

import dev.rootcause.collect.syntax.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Java request handlers: the method behind a route, its style (Spring, JDK) and the statuses it can
 * answer.
 */
final class JavaHandlers {
  private final JavaFile file;

  JavaHandlers(JavaFile file) {
    this.file = file;
  }

  enum Style {
    SPRING,
    JDK
  }

  /** A method or lambda that answers requests, and how it sets statuses. */
  static final class Handler {
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

  Handler handler(Node node, Style style) {
    Handler existing = file.handlers.get(node);
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
    file.handlers.put(node, handler);
    file.handlerOrder.add(handler);
    return handler;
  }

  Node body(Handler handler) {
    return handler.node.child("body");
  }

  /** The nodes of a handler that run while the request waits (not work handed to a thread). */
  List<Node> requestPath(Handler handler) {
    List<Node> nodes = new ArrayList<>();
    Node body = body(handler);
    if (body == null) {
      return nodes;
    }
    body.visit(
        n -> {
          if (n != handler.node && file.handlers.containsKey(n) || isAsync(n)) {
            return false;
          }
          nodes.add(n);
          return true;
        });
    return nodes;
  }

  static boolean isAsync(Node node) {
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
    return call.is("method_invocation")
        && JavaFile.ASYNC_CALLS.contains(textOf(call.child("name")));
  }

  List<Integer> statuses(Handler handler) {
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
      if (n.is("return_statement")
          && handler.style == Style.SPRING
          && returnsEntity(handler)
          && n.namedChild(0) != null
          && !isEntityChain(n.namedChild(0))) {
        handler.unreadable = true; // a ResponseEntity built elsewhere
      }
    }
    if (handler.style == Style.SPRING && returnsHttpResponse(handler)) {
      handler.unreadable = true; // Micronaut's HttpResponse: its status is built in code
    } else if (handler.style == Style.SPRING
        && !returnsEntity(handler)
        && handler.exchange == null) {
      Node responseStatus = JavaRoutes.annotation(handler.node, "ResponseStatus");
      Integer code = 200;
      if (responseStatus != null && responseStatus.child("arguments") != null) {
        Node args = responseStatus.child("arguments");
        Node value = args.namedChild(0);
        if (value != null && value.is("element_value_pair")) {
          value = value.child("value");
        }
        code = file.statusValue(value);
      }
      if (code != null) {
        codes.add(code);
        handler.defaultStatus = true;
      }
    }
    handler.statuses = List.copyOf(codes);
    return handler.statuses;
  }

  boolean returnsEntity(Handler handler) {
    return handler.node.is("method_declaration")
        && textOf(handler.node.child("type")).startsWith("ResponseEntity");
  }

  private static boolean returnsHttpResponse(Handler handler) {
    String type = handler.node.is("method_declaration") ? textOf(handler.node.child("type")) : "";
    return type.startsWith("HttpResponse") || type.startsWith("MutableHttpResponse");
  }

  boolean isEntityChain(Node expr) {
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
  record Status(Integer code) {}

  Status status(Node node, Handler handler) {
    if (node.is("object_creation_expression")) {
      String type = textOf(node.child("type"));
      List<Node> args = arguments(node);
      if (type.startsWith("ResponseEntity") && !args.isEmpty()) {
        return new Status(file.statusValue(args.get(args.size() - 1)));
      }
      if (type.equals("ResponseStatusException") && !args.isEmpty()) {
        return new Status(file.statusValue(args.get(0)));
      }
      return null;
    }
    String name = textOf(node.child("name"));
    Node object = node.child("object");
    String objectText = object == null ? "" : object.text();
    if (objectText.equals("ResponseEntity")) {
      if (name.equals("status")) {
        return new Status(file.statusValue(argument(node, 0)));
      }
      Integer code = JavaFile.ENTITY_SHORTCUTS.get(name);
      return code == null ? null : new Status(code);
    }
    if (handler.exchange != null && objectText.equals(handler.exchange)) {
      if (handler.style == Style.JDK && name.equals("sendResponseHeaders")
          || handler.style == Style.SPRING
              && (name.equals("setStatus") || name.equals("sendError"))) {
        return new Status(file.statusValue(argument(node, 0)));
      }
    }
    return null;
  }
}
