package dev.rootcause.collect.code.go;

import static dev.rootcause.collect.code.Expressions.argument;
import static dev.rootcause.collect.code.Expressions.arguments;
import static dev.rootcause.collect.code.Expressions.textOf;
import static dev.rootcause.collect.code.Expressions.unparen;

import dev.rootcause.collect.code.Numbers;
import dev.rootcause.collect.code.Snippets;
import dev.rootcause.collect.syntax.Node;
import dev.rootcause.model.SourceLocation;
import dev.rootcause.model.app.AppFacts.ListenPort;
import dev.rootcause.model.app.AppFacts.Route;
import dev.rootcause.model.app.Hazard;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a Go file listens and what it routes: net/http, gorilla, chi, gin and echo registrations.
 */
final class GoServer {
  private final GoFile file;

  GoServer(GoFile file) {
    this.file = file;
  }

  // ---- calls: servers, routes, env reads, outbound requests ----------------------------------

  void readCall(Node call) {
    Node function = call.child("function");
    if (function == null) {
      return;
    }
    if (function.is("identifier")) {
      Node helper = file.functions.get(function.text());
      if (helper != null && file.env.envHelper(helper) != null) {
        file.env.readEnvHelperCall(call, file.env.envHelper(helper));
      }
      return;
    }
    if (!function.is("selector_expression")) {
      return;
    }
    String method = textOf(function.child("field"));
    Node operand = function.child("operand");
    String pkg =
        operand != null && operand.is("identifier") ? file.imports.get(operand.text()) : null;
    if (pkg != null) {
      readPackageCall(call, pkg, method);
      return;
    }
    GoValues.GoType receiver = file.values.typeOf(operand, 0);
    if (receiver == null) {
      if ((method.equals("ListenAndServe") || method.equals("ListenAndServeTLS"))
          && argument(call, 0) == null) {
        file.out.listen(
            new ListenPort(null, null, null, file.out.at(call))); // a server we cannot see
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
          readIgnoredError(call);
        }
      }
      case CLIENT -> file.clients.readClientCall(call, method, receiver);
      default -> {}
    }
  }

  /**
   * A serve call whose returned error nobody reads: a bare statement, {@code go ...}, or {@code _ =
   * ...}. {@code http.ErrServerClosed} after Shutdown is the one error a program may drop, but only
   * a program that calls Shutdown, which checks the error to tell them apart.
   */
  private void readIgnoredError(Node call) {
    Node parent = call.parent();
    boolean dropped =
        parent != null
            && (parent.is("expression_statement")
                || parent.is("go_statement")
                || parent.is("expression_list")
                    && parent.parent() != null
                    && parent.parent().is("assignment_statement")
                    && textOf(parent.parent().child("left")).equals("_"));
    if (dropped) {
      file.out.hazard(
          new Hazard.ServeErrorIgnored(
              file.out.at(call), Snippets.of(call), parent.is("go_statement")));
    }
  }

  void readPackageCall(Node call, String pkg, String method) {
    switch (pkg) {
      case GoFile.NET_HTTP -> {
        switch (method) {
          case "HandleFunc", "Handle" -> readServeMuxRoute(call, "");
          case "ListenAndServe", "ListenAndServeTLS" -> {
            Node addr = argument(call, 0);
            if (addr != null) {
              file.out.listen(listenAt(addr, file.values.evaluate(addr, 0)));
            }
            readIgnoredError(call);
          }
          case "Get", "Head", "Post", "PostForm" ->
              file.clients.outbound(call, argument(call, 0), false);
          default -> {}
        }
      }
      case "net" -> {
        Node network = argument(call, 0);
        Node addr = argument(call, 1);
        String net = network == null ? null : GoValues.stringValue(network);
        if (method.equals("Listen") && addr != null && net != null && net.startsWith("tcp")) {
          file.out.listen(listenAt(addr, file.values.evaluate(addr, 0)));
        }
      }
      case "os" -> {
        if (method.equals("Getenv") || method.equals("LookupEnv")) {
          file.env.readEnvCall(call);
        }
      }
      default -> {}
    }
  }

  void readServerListen(Node call, GoValues.GoType server) {
    if (server.literal() == null) {
      file.out.listen(new ListenPort(null, null, null, file.out.at(call)));
      return;
    }
    Node addr = GoFile.keyedValue(server.literal(), "Addr");
    if (addr == null) {
      file.out.listen(new ListenPort(80, null, null, file.out.at(call))); // Addr "" means ":http"
      return;
    }
    file.out.listen(listenAt(addr, file.values.evaluate(addr, 0)));
  }

  ListenPort listenAt(Node where, List<GoValues.Part> address) {
    return listenPort(address, file.out.at(where));
  }

  /** An address {@code host:port} made of literal and env parts, as a listen port. */
  static ListenPort listenPort(List<GoValues.Part> address, SourceLocation at) {
    String literal = GoValues.literal(address);
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
    GoValues.Part last = address.isEmpty() ? null : address.get(address.size() - 1);
    if (last instanceof GoValues.Part.Env env
        && address.stream().filter(p -> p instanceof GoValues.Part.Env).count() == 1) {
      String prefix = GoValues.literal(address.subList(0, address.size() - 1));
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

  static Integer portOfAddress(String address) {
    int colon = address.lastIndexOf(':');
    return parsePort(colon < 0 ? address : address.substring(colon + 1));
  }

  static Integer parsePort(String text) {
    return Numbers.port(text.trim());
  }

  // ---- routes --------------------------------------------------------------------------------

  void readServeMuxRoute(Node call, String prefix) {
    String pattern = file.values.constantString(argument(call, 0));
    Node handler = argument(call, 1);
    if (handler == null) {
      return;
    }
    String method = "*";
    String routePath = pattern;
    if (pattern != null) {
      int space = pattern.indexOf(' ');
      if (space > 0 && GoFile.HTTP_VERBS.contains(pattern.substring(0, space))) {
        method = pattern.substring(0, space); // Go 1.22 patterns: "GET /items/{id}"
        routePath = pattern.substring(space + 1).strip();
      }
    }
    addRoute(call, method, join(prefix, routePath), handler, GoHandlers.Style.NET_HTTP);
  }

  void readGorillaRoute(Node call, String prefix) {
    String method = "*";
    // r.HandleFunc("/x", h).Methods("GET"): the call is the operand of a .Methods selector
    Node parent = call.parent();
    if (parent != null
        && parent.is("selector_expression")
        && "Methods".equals(textOf(parent.child("field")))
        && parent.parent() != null
        && parent.parent().is("call_expression")) {
      List<String> verbs = new ArrayList<>();
      for (Node arg : arguments(parent.parent())) {
        String verb = GoValues.stringValue(arg);
        if (verb != null) {
          verbs.add(verb.toUpperCase(Locale.ROOT));
        }
      }
      if (verbs.size() == 1) {
        method = verbs.get(0);
      }
    }
    addRoute(
        call,
        method,
        join(prefix, file.values.constantString(argument(call, 0))),
        argument(call, 1),
        GoHandlers.Style.NET_HTTP);
  }

  void readChiRoute(Node call, String method, String prefix) {
    String verb = method.toUpperCase(Locale.ROOT);
    if (GoFile.HTTP_VERBS.contains(verb)) {
      addRoute(
          call,
          verb,
          join(prefix, file.values.constantString(argument(call, 0))),
          argument(call, 1),
          GoHandlers.Style.NET_HTTP);
    } else if (method.equals("HandleFunc") || method.equals("Handle")) {
      addRoute(
          call,
          "*",
          join(prefix, file.values.constantString(argument(call, 0))),
          argument(call, 1),
          GoHandlers.Style.NET_HTTP);
    } else if (method.equals("Method") || method.equals("MethodFunc")) {
      String m = file.values.constantString(argument(call, 0));
      addRoute(
          call,
          m == null ? "*" : m.toUpperCase(Locale.ROOT),
          join(prefix, file.values.constantString(argument(call, 1))),
          argument(call, 2),
          GoHandlers.Style.NET_HTTP);
    }
  }

  void readGinCall(Node call, String method, String prefix) {
    List<Node> args = arguments(call);
    if (GoFile.HTTP_VERBS.contains(method) || method.equals("Any")) {
      if (args.size() >= 2) {
        addRoute(
            call,
            method.equals("Any") ? "*" : method,
            join(prefix, file.values.constantString(args.get(0))),
            args.get(args.size() - 1),
            GoHandlers.Style.GIN);
      }
    } else if (method.equals("Handle") && args.size() >= 3) {
      String verb = file.values.constantString(args.get(0));
      addRoute(
          call,
          verb == null ? "*" : verb,
          join(prefix, file.values.constantString(args.get(1))),
          args.get(args.size() - 1),
          GoHandlers.Style.GIN);
    } else if (method.equals("Run") || method.equals("RunTLS")) {
      if (args.isEmpty()) {
        // gin's Run() with no address reads PORT, else listens on :8080
        file.out.listen(new ListenPort(8080, "PORT", null, file.out.at(call)));
      } else {
        file.out.listen(listenAt(args.get(0), file.values.evaluate(args.get(0), 0)));
      }
    }
  }

  void readEchoCall(Node call, String method, String prefix) {
    List<Node> args = arguments(call);
    if ((GoFile.HTTP_VERBS.contains(method) || method.equals("Any")) && args.size() >= 2) {
      addRoute(
          call,
          method.equals("Any") ? "*" : method,
          join(prefix, file.values.constantString(args.get(0))),
          args.get(1),
          GoHandlers.Style.ECHO);
    } else if (method.equals("Add") && args.size() >= 3) {
      String verb = file.values.constantString(args.get(0));
      addRoute(
          call,
          verb == null ? "*" : verb,
          join(prefix, file.values.constantString(args.get(1))),
          args.get(2),
          GoHandlers.Style.ECHO);
    } else if ((method.equals("Start") || method.equals("StartTLS")) && !args.isEmpty()) {
      file.out.listen(listenAt(args.get(0), file.values.evaluate(args.get(0), 0)));
    }
  }

  static String join(String prefix, String routePath) {
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
  void addRoute(
      Node call, String method, String routePath, Node handlerExpr, GoHandlers.Style style) {
    if (handlerExpr == null) {
      return;
    }
    Node fn = resolveHandler(handlerExpr, 0);
    GoHandlers.Handler handler = null;
    if (fn != null) {
      handler =
          file.handlers.computeIfAbsent(fn, f -> new GoHandlers.Handler(f, style, file.handling));
      if (routePath != null) {
        handler.routes.add(routePath);
      }
    }
    if (routePath == null) {
      return;
    }
    List<Integer> statuses = handler == null ? List.of() : file.handling.statuses(handler);
    String name = fn == null ? handlerExpr.text() : handlerName(fn);
    file.out.route(new Route(method, routePath, statuses, name, file.out.at(call)));
  }

  Node resolveHandler(Node expr, int depth) {
    Node e = unparen(expr);
    if (depth > 4) {
      return null;
    }
    switch (e.type()) {
      case "func_literal" -> {
        return e;
      }
      case "identifier" -> {
        Node fn = file.functions.get(e.text());
        if (fn != null) {
          return fn;
        }
        GoFile.Binding b = file.lookup(e.text(), e);
        Node value = b == null ? null : b.singleValue();
        return value == null ? null : resolveHandler(value, depth + 1);
      }
      case "selector_expression" -> {
        List<Node> candidates = file.methods.get(textOf(e.child("field")));
        return candidates != null && candidates.size() == 1 ? candidates.get(0) : null;
      }
      case "call_expression" -> {
        // http.HandlerFunc(f) is a conversion, not a call
        if (file.isPackageCall(e, GoFile.NET_HTTP, "HandlerFunc") && argument(e, 0) != null) {
          return resolveHandler(argument(e, 0), depth + 1);
        }
        return null;
      }
      default -> {
        return null;
      }
    }
  }

  static String handlerName(Node fn) {
    Node name = fn.child("name");
    return name == null ? null : name.text();
  }
}
