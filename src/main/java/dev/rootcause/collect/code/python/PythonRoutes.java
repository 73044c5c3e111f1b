package dev.rootcause.collect.code.python;

import dev.rootcause.collect.code.Numbers;
import dev.rootcause.collect.syntax.Node;
import dev.rootcause.model.app.Hazard;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where a Python file listens and what it serves: Flask, FastAPI, Django URLconfs and http.server
 * handlers, with the statuses each answers.
 */
final class PythonRoutes {
  private final PythonFile file;

  PythonRoutes(PythonFile file) {
    this.file = file;
  }

  // ---- Servers -----------------------------------------------------------------------------

  /** A port as far as code says: a literal, or an env var and its default. */
  record PortValue(Integer port, String envVar) {}

  PortValue portOf(Node e) {
    if (e == null) {
      return new PortValue(null, null);
    }
    Integer literal = PythonFile.intValue(e);
    if (literal != null) {
      return new PortValue(literal, null);
    }
    PythonEnv.EnvRef env = file.env.envOf(e);
    if (env != null) {
      String def = PythonFile.literalText(env.defaultValue());
      if (def == null && env.defaultValue() != null && env.defaultValue().is("identifier")) {
        def = PythonFile.literalText(file.resolve(env.defaultValue()));
      }
      Integer port = null;
      try {
        port = def == null ? null : Integer.parseInt(def.trim());
      } catch (NumberFormatException ignored) {
        // a default that is not a number: the port is unknown
      }
      return new PortValue(port, env.name());
    }
    if (e.is("identifier")) {
      Node value = file.resolve(e);
      return value == null || value.is("identifier") ? new PortValue(null, null) : portOf(value);
    }
    if (e.is("call")
        && Set.of("int", "str").contains(String.valueOf(file.qname(e.child("function"))))) {
      return portOf(PythonFile.positional(e, 0));
    }
    return new PortValue(null, null);
  }

  String hostOf(Node e) {
    if (e == null) {
      return null;
    }
    String literal = PythonFile.stringValue(e);
    if (literal != null) {
      return literal;
    }
    if (e.is("identifier")) {
      return PythonFile.stringValue(file.resolve(e));
    }
    PythonEnv.EnvRef env = file.env.envOf(e);
    return env == null ? null : env.defaultText();
  }

  void listens() {
    for (Node call : file.calls) {
      Node fn = call.child("function");
      String q = file.qname(fn);
      String method = PythonFile.calleeName(call);
      Node receiver = fn != null && fn.is("attribute") ? fn.child("object") : null;
      String receiverKind =
          receiver != null && receiver.is("identifier") ? file.appVars.get(receiver.text()) : null;
      if (method.equals("run") && "flask".equals(receiverKind)) {
        Node portArg =
            PythonFile.kwarg(call, "port") != null
                ? PythonFile.kwarg(call, "port")
                : PythonFile.positional(call, 1);
        Node hostArg =
            PythonFile.kwarg(call, "host") != null
                ? PythonFile.kwarg(call, "host")
                : PythonFile.positional(call, 0);
        listen(call, portArg, hostArg, 5000, "127.0.0.1");
        Node debug = PythonFile.kwarg(call, "debug");
        file.out.hazard(
            new Hazard.DevServer(
                file.out.at(call),
                Hazard.DevServer.Tool.FLASK,
                receiver.text() + ".run(...)",
                true,
                debug != null && debug.is("true")));
      } else if (method.equals("run") && "socketio".equals(receiverKind)) {
        listen(
            call,
            PythonFile.kwarg(call, "port"),
            PythonFile.kwarg(call, "host"),
            5000,
            "127.0.0.1");
      } else if ("uvicorn.run".equals(q)) {
        listen(
            call,
            PythonFile.kwarg(call, "port"),
            PythonFile.kwarg(call, "host"),
            8000,
            "127.0.0.1");
      } else if ("waitress.serve".equals(q)) {
        listen(
            call, PythonFile.kwarg(call, "port"), PythonFile.kwarg(call, "host"), 8080, "0.0.0.0");
      } else if ("aiohttp.web.run_app".equals(q)) {
        listen(
            call, PythonFile.kwarg(call, "port"), PythonFile.kwarg(call, "host"), 8080, "0.0.0.0");
      } else if ("wsgiref.simple_server.make_server".equals(q)) {
        listen(call, PythonFile.positional(call, 1), PythonFile.positional(call, 0), null, null);
      } else if (q != null
          && (q.endsWith("HTTPServer")
              || q.equals("socketserver.TCPServer")
              || q.equals("socketserver.ThreadingTCPServer"))) {
        Node address = PythonFile.positional(call, 0);
        if (address != null && address.is("identifier")) {
          address = file.resolve(address);
        }
        if (address != null && address.is("tuple") && address.namedChildren().size() == 2) {
          listen(call, address.namedChild(1), address.namedChild(0), null, null);
        } else {
          listen(call, null, null, null, null);
        }
      }
    }
  }

  void listen(Node call, Node portArg, Node hostArg, Integer defaultPort, String defaultHost) {
    file.startsServer = true;
    PortValue port = portArg == null ? new PortValue(defaultPort, null) : portOf(portArg);
    String host = hostArg == null ? defaultHost : hostOf(hostArg);
    file.out.listen(port.port(), port.envVar(), host, call);
  }

  // ---- Routes and what they return ---------------------------------------------------------

  void routes() {
    for (Node d : file.decorated) {
      Node def = d.child("definition");
      if (def == null || !def.is("function_definition")) {
        continue;
      }
      for (Node decorator : d.children()) {
        Node call = decorator.is("decorator") ? decorator.namedChild(0) : null;
        if (call != null && call.is("call")) {
          routeDecorator(call, def, decorator);
        }
      }
    }
    for (Node call : file.calls) {
      String method = PythonFile.calleeName(call);
      Node fn = call.child("function");
      Node receiver = fn != null && fn.is("attribute") ? fn.child("object") : null;
      switch (method) {
        case "add_url_rule" -> {
          Node view =
              PythonFile.kwarg(call, "view_func") != null
                  ? PythonFile.kwarg(call, "view_func")
                  : PythonFile.positional(call, 2);
          String rule =
              PythonFile.stringValue(
                  PythonFile.kwarg(call, "rule") != null
                      ? PythonFile.kwarg(call, "rule")
                      : PythonFile.positional(call, 0));
          Node handler =
              view != null && view.is("identifier") ? file.functions.get(view.text()) : null;
          if (rule != null && handler != null) {
            addHandler(
                handler,
                methods(PythonFile.kwarg(call, "methods")),
                prefix(receiver) + rule,
                call,
                null);
          }
        }
        case "register_blueprint", "include_router" -> {
          Node prefix =
              PythonFile.kwarg(call, method.equals("include_router") ? "prefix" : "url_prefix");
          if (prefix != null) {
            String p = PythonFile.stringValue(prefix);
            wildcard(p == null ? "" : p, call);
          }
        }
        case "mount" -> {
          String p = PythonFile.stringValue(PythonFile.positional(call, 0));
          if (receiver != null && file.appVars.containsKey(receiver.text())) {
            wildcard(p == null ? "" : p, call);
          }
        }
        case "path", "re_path", "url" -> djangoRoute(call, method);
        default -> {}
      }
    }
    for (Node cls : file.classes) {
      Node bases = cls.child("superclasses");
      if (bases == null || !bases.text().contains("HTTPRequestHandler")) {
        continue;
      }
      boolean overrides = false;
      Node body = cls.child("body");
      for (Node member : body == null ? List.<Node>of() : body.namedChildren()) {
        Node def = member.is("decorated_definition") ? member.child("definition") : member;
        if (def != null
            && def.is("function_definition")
            && def.child("name") != null
            && def.child("name").text().startsWith("do_")) {
          overrides = true;
          String verb = def.child("name").text().substring(3);
          addHandler(def, List.of(verb), "/*", def.child("name"), null);
          pathBranches(def, verb);
        }
      }
      if (!overrides && bases.text().contains("SimpleHTTPRequestHandler")) {
        wildcard("", cls);
      }
    }
  }

  /**
   * Django views: their URLs are in another file (urls.py), but a view is a request handler all the
   * same, so its hazards are a handler's. A module function taking {@code request} first, and the
   * get/post/... methods of a class-based view, in a file that imports Django or DRF. No route is
   * recorded here: the URLconf declares those.
   */
  void djangoViews() {
    boolean django =
        file.imports.values().stream()
            .anyMatch(q -> q.startsWith("django.") || q.startsWith("rest_framework"));
    if (!django) {
      return;
    }
    for (Node def : file.functions.values()) {
      if (!file.routeByFunction.containsKey(def) && parameter(def, 0).equals("request")) {
        viewHandler(def, "view " + def.child("name").text());
      }
    }
    for (Node cls : file.classes) {
      Node bases = cls.child("superclasses");
      Node body = cls.child("body");
      if (bases == null || body == null || !bases.text().contains("View")) {
        continue;
      }
      for (Node member : body.namedChildren()) {
        Node def = member.is("decorated_definition") ? member.child("definition") : member;
        if (def == null || !def.is("function_definition") || def.child("name") == null) {
          continue;
        }
        String verb = def.child("name").text();
        if (PythonFile.HTTP_METHODS.contains(verb) && parameter(def, 1).equals("request")) {
          viewHandler(def, verb.toUpperCase(Locale.ROOT) + " view " + cls.child("name").text());
        }
      }
    }
  }

  private void viewHandler(Node def, String route) {
    file.handlers.add(new PythonFile.Handler(def, route, null));
    file.routeByFunction.putIfAbsent(def, route);
  }

  /** The name of a function's n-th parameter, typed or not, or "" when it has none. */
  private static String parameter(Node def, int n) {
    Node params = def.child("parameters");
    if (params == null || params.namedChildren().size() <= n) {
      return "";
    }
    Node p = params.namedChildren().get(n);
    Node name = p.is("identifier") ? p : p.firstOfType("identifier");
    return name == null ? "" : name.text();
  }

  void routeDecorator(Node call, Node def, Node decorator) {
    Node fn = call.child("function");
    if (fn == null || !fn.is("attribute")) {
      return;
    }
    String method = PythonFile.calleeName(call);
    Node receiver = fn.child("object");
    List<String> methods;
    Node pathArg;
    if (method.equals("route") || method.equals("api_route")) {
      methods = methods(PythonFile.kwarg(call, "methods"));
      pathArg =
          PythonFile.positional(call, 0) != null
              ? PythonFile.positional(call, 0)
              : PythonFile.kwarg(call, method.equals("route") ? "rule" : "path");
    } else if (PythonFile.HTTP_METHODS.contains(method)) {
      methods = List.of(method.toUpperCase(Locale.ROOT));
      pathArg =
          PythonFile.positional(call, 0) != null
              ? PythonFile.positional(call, 0)
              : PythonFile.kwarg(call, "path");
    } else {
      return;
    }
    String path = PythonFile.stringValue(pathArg);
    if (path == null || !(path.isEmpty() || path.startsWith("/"))) {
      return;
    }
    addHandler(
        def,
        methods,
        prefix(receiver) + path,
        decorator,
        PythonFile.intValue(PythonFile.kwarg(call, "status_code")));
  }

  String prefix(Node receiver) {
    return receiver != null && receiver.is("identifier")
        ? file.prefixes.getOrDefault(receiver.text(), "")
        : "";
  }

  static List<String> methods(Node list) {
    List<String> out = new ArrayList<>();
    if (list != null && list.isAny("list", "tuple", "set")) {
      for (Node item : list.namedChildren()) {
        String m = PythonFile.stringValue(item);
        if (m != null) {
          out.add(m.toUpperCase(Locale.ROOT));
        }
      }
    }
    return out.isEmpty() ? List.of("GET") : out;
  }

  void addHandler(Node def, List<String> methods, String path, Node at, Integer defaultStatus) {
    String normalized = path.isEmpty() ? "/" : path;
    String route = String.join(", ", methods) + " " + normalized;
    PythonFile.Handler handler = new PythonFile.Handler(def, route, defaultStatus);
    file.handlers.add(handler);
    file.routeByFunction.putIfAbsent(def, route);
    List<Integer> statuses = statuses(def, defaultStatus);
    String name = def.child("name") == null ? null : def.child("name").text();
    for (String method : methods) {
      file.out.route(method, normalized, statuses, name, at);
    }
  }

  /** A mount whose routes are elsewhere: everything under {@code prefix} may be served. */
  void wildcard(String prefix, Node at) {
    String p = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    file.out.route("*", p + "/*", List.of(), null, at);
  }

  void djangoRoute(Node call, String method) {
    String q = file.qname(call.child("function"));
    if (q == null || !(q.startsWith("django.urls.") || q.startsWith("django.conf.urls."))) {
      return;
    }
    String route = PythonFile.stringValue(PythonFile.positional(call, 0));
    if (route == null) {
      return;
    }
    Node view = PythonFile.positional(call, 1);
    boolean include =
        view != null && view.is("call") && PythonFile.calleeName(view).equals("include");
    if (!method.equals("path")) {
      // A regex: keep the literal start as a prefix, the rest may match anything.
      String literal = route.replaceFirst("^\\^", "").split("[\\\\^$.*+?()\\[\\]{}|]", 2)[0];
      wildcard("/" + literal, call);
    } else if (include || route.contains("<")) {
      wildcard("/" + route.replaceFirst("<.*$", ""), call);
    } else {
      file.out.route("*", "/" + route, List.of(), view == null ? null : view.text(), call);
    }
  }

  /** {@code if self.path == "/healthz":} inside a do_GET: a route of its own. */
  void pathBranches(Node def, String verb) {
    PythonFile.walkBody(
        def,
        n -> {
          if (!n.isAny("if_statement", "elif_clause")) {
            return;
          }
          Node cond = n.child("condition");
          if (cond == null
              || !cond.is("comparison_operator")
              || cond.namedChildren().size() != 2
              || cond.child("operators") == null
              || !cond.child("operators").text().equals("==")) {
            return;
          }
          String left = cond.namedChild(0).text();
          String path = PythonFile.stringValue(cond.namedChild(1));
          if (path != null
              && path.startsWith("/")
              && (left.equals("self.path") || left.endsWith(".path"))) {
            Node body = n.child("consequence");
            List<Integer> statuses = statuses(body, null);
            file.out.route(verb, path, statuses, def.child("name").text(), n);
          }
        });
  }

  /** Every status code the handler's own code can answer with. */
  List<Integer> statuses(Node fn, Integer defaultStatus) {
    Set<Integer> found = new TreeSet<>();
    PythonFile.walkBody(
        fn,
        n -> {
          Integer status =
              switch (n.type()) {
                case "return_statement" -> returnStatus(n, defaultStatus);
                case "call" -> callStatus(n);
                case "raise_statement" -> raiseStatus(n);
                case "assignment" ->
                    n.child("left") != null
                            && n.child("left").is("attribute")
                            && n.child("left").text().endsWith(".status_code")
                        ? statusCode(n.child("right"))
                        : null;
                default -> null;
              };
          if (status != null && Numbers.isStatus(status)) {
            found.add(status);
          }
        });
    return List.copyOf(found);
  }

  /** The status a return statement answers with; null for a bare {@code return}. */
  Integer returnStatus(Node ret, Integer defaultStatus) {
    Node value = ret.namedChild(0);
    int plain = defaultStatus == null ? 200 : defaultStatus;
    if (value == null || value.is("comment")) {
      return null;
    }
    if (value.is("parenthesized_expression") && value.namedChild(0) != null) {
      value = value.namedChild(0);
    }
    if (value.isAny("expression_list", "tuple")) {
      List<Node> parts = value.namedChildren();
      Integer status = parts.size() >= 2 ? statusCode(parts.get(1)) : null;
      return status != null ? status : plain;
    }
    if (value.is("identifier")) {
      Node bound = file.resolve(value);
      if (bound != null && bound.is("call")) {
        value = bound;
      }
    }
    if (value.is("call")) {
      String name = PythonFile.calleeName(value);
      if (name.equals("abort")) {
        return statusCode(PythonFile.positional(value, 0));
      }
      if (name.equals("make_response")) {
        Integer status = statusCode(PythonFile.positional(value, 1));
        return status != null ? status : plain;
      }
      if (name.equals("redirect") || name.equals("RedirectResponse")) {
        Integer code =
            statusCode(
                PythonFile.kwarg(value, "code") != null
                    ? PythonFile.kwarg(value, "code")
                    : PythonFile.kwarg(value, "status_code"));
        return code != null ? code : name.equals("redirect") ? 302 : 307;
      }
      if (name.endsWith("Response") || name.endsWith("response")) {
        Node status =
            PythonFile.kwarg(value, "status") != null
                ? PythonFile.kwarg(value, "status")
                : PythonFile.kwarg(value, "status_code");
        Integer code = statusCode(status);
        return code != null ? code : plain;
      }
    }
    return plain;
  }

  Integer callStatus(Node call) {
    String name = PythonFile.calleeName(call);
    if (name.equals("abort") && call.parent() != null && !call.parent().is("return_statement")) {
      return statusCode(PythonFile.positional(call, 0));
    }
    if (name.equals("send_response") || name.equals("send_error")) {
      return statusCode(PythonFile.positional(call, 0));
    }
    return null;
  }

  /** A raise answers with its HTTP status, or 500 when nothing in the handler catches it. */
  Integer raiseStatus(Node raise) {
    Integer http = httpErrorStatus(raise);
    if (http != null) {
      return http;
    }
    return PythonEnv.insideTryBody(raise) ? null : 500;
  }

  /**
   * The status of an HTTP exception being raised ({@code HTTPException(503)}, {@code NotFound()}).
   */
  Integer httpErrorStatus(Node raise) {
    Node raised = raise.namedChild(0);
    if (raised == null || !raised.is("call")) {
      return null;
    }
    String name = PythonFile.calleeName(raised);
    if (name.equals("HTTPException") || name.equals("abort")) {
      Node code =
          PythonFile.kwarg(raised, "status_code") != null
              ? PythonFile.kwarg(raised, "status_code")
              : PythonFile.positional(raised, 0);
      return statusCode(code);
    }
    String key = name.startsWith("HTTP") ? name.substring(4) : name;
    return PythonFile.NAMED_STATUSES.get(key.toUpperCase(Locale.ROOT));
  }

  /** A status written as a number, an {@code HTTPStatus} member, or {@code status.HTTP_503_...}. */
  Integer statusCode(Node e) {
    if (e == null) {
      return null;
    }
    Integer literal = PythonFile.intValue(e);
    if (literal != null) {
      return literal;
    }
    if (e.is("attribute") && e.child("attribute") != null) {
      String member = e.child("attribute").text();
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("HTTP_(\\d{3})").matcher(member);
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
      return PythonFile.NAMED_STATUSES.get(member.toUpperCase(Locale.ROOT));
    }
    if (e.is("identifier")) {
      return PythonFile.intValue(file.moduleValues.get(e.text()));
    }
    return null;
  }
}
