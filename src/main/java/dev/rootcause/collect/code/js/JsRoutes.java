package dev.rootcause.collect.code.js;

import dev.rootcause.collect.code.Numbers;
import dev.rootcause.collect.syntax.Node;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where a JavaScript file listens and what it serves: Express, Koa, Fastify, Hapi and Node http
 * servers, routes and the statuses their handlers answer.
 */
final class JsRoutes {
  private final JsFile file;

  JsRoutes(JsFile file) {
    this.file = file;
  }

  // ---- Servers -----------------------------------------------------------------------------

  record PortValue(Integer port, String envVar) {}

  PortValue portOf(Node e, int depth) {
    Node n = JsFile.unwrap(e);
    if (n == null) {
      return new PortValue(null, null);
    }
    Integer literal = JsFile.intValue(n);
    if (literal != null) {
      return new PortValue(literal, null);
    }
    JsEnv.EnvRef env = file.env.envOf(n);
    if (env != null) {
      Integer port = JsFile.intValue(env.defaultValue());
      if (port == null && env.defaultValue() != null && env.defaultValue().is("identifier")) {
        port = JsFile.intValue(file.resolve(env.defaultValue()));
      }
      return new PortValue(port, env.name());
    }
    if (n.is("identifier") && depth < 2) {
      return portOf(file.resolve(n), depth + 1);
    }
    return new PortValue(null, null);
  }

  void listens() {
    for (Node call : file.calls) {
      if (!JsFile.calleeName(call).equals("listen")) {
        continue;
      }
      Node target = JsFile.receiver(call);
      String kind = null;
      if (target != null && target.is("identifier")) {
        kind = file.appVars.get(target.text());
      } else if (target != null && target.isAny("call_expression", "new_expression")) {
        kind = file.appKind(target);
      }
      if (kind == null || kind.equals("router")) {
        continue;
      }
      file.startsServer = true;
      Node first = JsFile.argument(call, 0);
      boolean fastify = kind.equals("fastify");
      String defaultHost = fastify ? "127.0.0.1" : null;
      if (first != null && first.is("object")) {
        PortValue port =
            JsFile.property(first, "port") == null
                ? new PortValue(fastify ? 3000 : null, null)
                : portOf(JsFile.property(first, "port"), 0);
        String host = hostOf(JsFile.property(first, "host"), defaultHost);
        file.out.listen(port.port(), port.envVar(), host, call);
      } else if (first == null || JsFile.FUNCTIONS.contains(first.type())) {
        file.out.listen(fastify ? 3000 : null, null, defaultHost, call);
      } else {
        PortValue port = portOf(first, 0);
        Node second = JsFile.argument(call, 1);
        String host =
            second != null && !JsFile.FUNCTIONS.contains(second.type())
                ? hostOf(second, defaultHost)
                : defaultHost;
        file.out.listen(port.port(), port.envVar(), host, call);
      }
    }
  }

  String hostOf(Node e, String fallback) {
    if (e == null) {
      return fallback;
    }
    String literal = JsFile.stringValue(e);
    if (literal != null) {
      return literal;
    }
    Node value = JsFile.unwrap(e).is("identifier") ? file.resolve(e) : null;
    if (value != null && JsFile.stringValue(value) != null) {
      return JsFile.stringValue(value);
    }
    JsEnv.EnvRef env = file.env.envOf(e);
    return env == null ? null : env.defaultText();
  }

  // ---- Routes ------------------------------------------------------------------------------

  void routes() {
    for (Node call : file.calls) {
      String method = JsFile.calleeName(call);
      Node target = JsFile.receiver(call);
      if (target == null) {
        continue;
      }
      if (JsFile.ROUTE_METHODS.contains(method)) {
        routeCall(call, target, method);
      } else if (method.equals("use")) {
        mount(call, target);
      } else if (method.equals("route")
          && JsFile.argument(call, 0) != null
          && JsFile.argument(call, 0).is("object")) {
        fastifyRoute(call, JsFile.argument(call, 0));
      } else if (method.equals("createServer") && file.appKind(call) != null) {
        Node fn = handlerFunction(JsFile.argument(call, 0));
        if (fn != null) {
          nodeServer(fn);
        }
      }
    }
  }

  /**
   * Whether an object can register routes: an app or router made here, or any local name in a web
   * app.
   */
  boolean mayRoute(Node target) {
    if (target.is("identifier")) {
      String kind = file.appVars.get(target.text());
      if (kind != null) {
        return !kind.equals("server");
      }
      String imported = file.imports.get(target.text());
      return imported == null && file.framework != null && !file.framework.equals("http");
    }
    // app.route('/x').get(...).post(...): the chain starts at a route() call
    return routeChain(target) != null;
  }

  /** The {@code route('/x')} call a chain of {@code .get(h).post(h)} hangs from, or null. */
  static Node routeChain(Node target) {
    Node n = target;
    while (n != null
        && n.is("call_expression")
        && JsFile.ROUTE_METHODS.contains(JsFile.calleeName(n))) {
      n = JsFile.receiver(n);
    }
    return n != null && n.is("call_expression") && JsFile.calleeName(n).equals("route") ? n : null;
  }

  void routeCall(Node call, Node target, String method) {
    if (!mayRoute(target)) {
      return;
    }
    List<Node> args = JsFile.arguments(call);
    String path;
    Node handler;
    Node chain = routeChain(target);
    if (chain != null) {
      path = JsFile.stringValue(JsFile.argument(chain, 0));
      handler = args.isEmpty() ? null : handlerFunction(JsFile.unwrap(args.get(args.size() - 1)));
      if (args.isEmpty()) {
        return;
      }
    } else {
      if (args.size() < 2) {
        return;
      }
      path = JsFile.stringValue(args.get(0));
      Node last = JsFile.unwrap(args.get(args.size() - 1));
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
    Node fn = JsFile.unwrap(call.child("function"));
    Node at = fn != null && fn.child("property") != null ? fn.child("property") : call;
    addRoute(verb, path, handler, chain != null ? at : call, call);
  }

  void fastifyRoute(Node call, Node options) {
    Node target = JsFile.receiver(call);
    if (target == null
        || !target.is("identifier")
        || !"fastify".equals(file.appVars.get(target.text()))
            && !"fastify".equals(file.framework)) {
      return;
    }
    String path = JsFile.stringValue(JsFile.property(options, "url"));
    if (path == null) {
      path = JsFile.stringValue(JsFile.property(options, "path"));
    }
    Node methodNode = JsFile.property(options, "method");
    String method = JsFile.stringValue(methodNode);
    if (path == null) {
      return;
    }
    addRoute(
        method == null ? "*" : method.toUpperCase(Locale.ROOT),
        path,
        handlerFunction(JsFile.property(options, "handler")),
        call,
        call);
  }

  /** The function a handler argument names: inline, or declared in this file. */
  Node handlerFunction(Node arg) {
    Node n = JsFile.unwrap(arg);
    if (n == null) {
      return null;
    }
    if (JsFile.FUNCTIONS.contains(n.type())) {
      return n;
    }
    if (n.is("identifier")) {
      Node fn = file.functions.get(n.text());
      if (fn == null) {
        Node value = file.resolve(n);
        fn = value != null && JsFile.FUNCTIONS.contains(value.type()) ? value : null;
      }
      return fn;
    }
    return null;
  }

  void addRoute(String method, String path, Node fn, Node at, Node site) {
    String route = method.equals("*") ? path : method + " " + path;
    List<Integer> statuses = List.of();
    String name = null;
    if (fn != null) {
      JsFile.Handler handler = handler(fn, route);
      file.handlers.add(handler);
      file.routeByFunction.putIfAbsent(fn, route);
      statuses = statuses(handler, Set.of());
      name = fn.child("name") != null ? fn.child("name").text() : null;
    }
    file.out.route(method, path, statuses, name, at);
  }

  JsFile.Handler handler(Node fn, String route) {
    List<String> params = JsFile.parameters(fn);
    boolean koa = "koa".equals(file.framework);
    String response =
        koa ? (params.isEmpty() ? null : params.get(0)) : params.size() >= 2 ? params.get(1) : null;
    String next =
        koa
            ? (params.size() >= 2 ? params.get(1) : null)
            : params.size() >= 3 ? params.get(2) : null;
    return new JsFile.Handler(fn, route, response, next);
  }

  /** {@code app.use('/api', router)}: everything under the prefix may be served from elsewhere. */
  void mount(Node call, Node target) {
    if (!mayRoute(target)) {
      return;
    }
    List<Node> args = JsFile.arguments(call);
    if (args.isEmpty()) {
      return;
    }
    String prefix = JsFile.stringValue(args.get(0));
    if (prefix != null && args.size() >= 2) {
      String p = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
      file.out.route("*", p + "/*", List.of(), null, call);
      return;
    }
    Node fn = prefix == null ? handlerFunction(JsFile.unwrap(args.get(args.size() - 1))) : null;
    if (fn != null && JsFile.FUNCTIONS.contains(JsFile.unwrap(args.get(args.size() - 1)).type())) {
      // An inline middleware that answers itself is a catch-all: a 404 page, or an SPA fallback.
      JsFile.Handler h = handler(fn, "*");
      List<Integer> statuses = statuses(h, Set.of());
      if (!statuses.isEmpty()) {
        file.handlers.add(h);
        file.out.route("*", "/*", statuses, null, call);
      }
    }
  }

  /**
   * {@code http.createServer((req, res) => ...)}: one handler for every path, plus its branches.
   */
  void nodeServer(Node fn) {
    JsFile.Handler all = handler(fn, "/*");
    file.handlers.add(all);
    file.routeByFunction.putIfAbsent(fn, "/*");
    Set<Node> branches = new LinkedHashSet<>();
    fn.walk(
        n -> {
          Node cond = n.is("if_statement") ? n.child("condition") : n.is("switch_case") ? n : null;
          String path = cond == null ? null : branchPath(n);
          Node body =
              n.is("if_statement") ? n.child("consequence") : n.is("switch_case") ? n : null;
          if (path != null && body != null) {
            branches.add(body);
            JsFile.Handler branch = new JsFile.Handler(fn, path, all.response(), all.next());
            file.out.route("*", path, statuses(branch, Set.of(), body), null, n);
          }
        });
    file.out.route("*", "/*", statuses(all, branches), null, fn);
  }

  /** The path an {@code if (req.url === '/x')} or {@code case '/x':} selects, or null. */
  String branchPath(Node n) {
    if (n.is("switch_case")) {
      String value = JsFile.stringValue(n.child("value"));
      Node sw = n.ancestor("switch_statement");
      Node on = sw == null ? null : sw.child("value");
      return value != null
              && value.startsWith("/")
              && on != null
              && on.text().matches("(?s).*(url|path).*")
          ? value
          : null;
    }
    for (Node b : n.child("condition").descendants("binary_expression")) {
      Node op = b.child("operator");
      if (op == null || !(op.text().equals("===") || op.text().equals("=="))) {
        continue;
      }
      String left = b.child("left") == null ? "" : b.child("left").text();
      String value = JsFile.stringValue(b.child("right"));
      if (value != null && value.startsWith("/") && left.matches("(?s).*(url|path|pathname).*")) {
        return value;
      }
    }
    return null;
  }

  List<Integer> statuses(JsFile.Handler h, Set<Node> excluded) {
    return statuses(h, excluded, h.function());
  }

  /**
   * Every status the handler's code can answer with, callbacks included (responses are often sent
   * from a promise callback), outside the {@code excluded} subtrees.
   */
  List<Integer> statuses(JsFile.Handler h, Set<Node> excluded, Node scope) {
    Set<Integer> found = new TreeSet<>();
    String res = h.response();
    scope.walk(
        n -> !excluded.contains(n),
        n -> {
          if (excluded.contains(n)) {
            return;
          }
          Integer status =
              switch (n.type()) {
                case "call_expression" -> callStatus(n, h);
                case "assignment_expression" -> assignedStatus(n, res);
                case "throw_statement" -> insideTry(n, h.function()) ? null : 500;
                case "return_statement" ->
                    "fastify".equals(file.framework)
                            && n.namedChild(0) != null
                            && n.namedChild(0).is("object")
                        ? 200
                        : null;
                default -> null;
              };
          if (status != null && Numbers.isStatus(status)) {
            found.add(status);
          }
        });
    return List.copyOf(found);
  }

  Integer callStatus(Node call, JsFile.Handler h) {
    String method = JsFile.calleeName(call);
    Node target = JsFile.receiver(call);
    if (target == null) {
      Node fn = JsFile.unwrap(call.child("function"));
      return h.next() != null
              && fn != null
              && fn.is("identifier")
              && fn.text().equals(h.next())
              && !JsFile.arguments(call).isEmpty()
          ? 500
          : null;
    }
    boolean onResponse =
        h.response() != null && target.is("identifier") && target.text().equals(h.response());
    if (!onResponse) {
      return null;
    }
    return switch (method) {
      case "status", "sendStatus", "writeHead", "code", "throw" ->
          JsFile.intValue(JsFile.argument(call, 0));
      case "redirect" -> {
        Integer code = JsFile.intValue(JsFile.argument(call, 0));
        yield code != null ? code : 302;
      }
      default ->
          JsFile.RESPONDERS.contains(method)
                  && !chainedAfterStatus(call)
                  && !statusSetBefore(call, h.response())
              ? 200
              : null;
    };
  }

  /** {@code res.statusCode = 404; res.end()}: the statements before set the status, not end(). */
  static boolean statusSetBefore(Node call, String res) {
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
      if (text.startsWith(res + ".statusCode")
          || text.startsWith(res + ".status(")
          || text.startsWith(res + ".writeHead(")) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code res.status(500).json(...)}: the json() call is not a 200, the status() call says 500.
   */
  static boolean chainedAfterStatus(Node call) {
    Node parent = call.parent();
    return parent != null
        && parent.is("member_expression")
        && parent.parent() != null
        && parent.parent().is("call_expression")
        && Set.of("status", "code").contains(JsFile.calleeName(call));
  }

  static Integer assignedStatus(Node assignment, String res) {
    Node left = JsFile.unwrap(assignment.child("left"));
    if (res == null || left == null || !left.is("member_expression")) {
      return null;
    }
    String text = left.text();
    if (text.equals(res + ".statusCode") || text.equals(res + ".status")) {
      return JsFile.intValue(assignment.child("right"));
    }
    if (text.equals(res + ".body")) {
      return 200;
    }
    return null;
  }

  static boolean insideTry(Node n, Node fn) {
    for (Node p = n.parent(); p != null && p != fn; p = p.parent()) {
      if (p.is("statement_block")
          && "body".equals(p.field())
          && p.parent() != null
          && p.parent().is("try_statement")) {
        return true;
      }
    }
    return false;
  }
}
