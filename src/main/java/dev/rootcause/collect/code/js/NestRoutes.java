package dev.rootcause.collect.code.js;

import dev.rootcause.collect.code.SourceFacts;
import dev.rootcause.collect.syntax.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * NestJS routes: a {@code @Controller('orders')} class's {@code @Get(':id')} methods serve {@code
 * /orders/:id}; {@code app.setGlobalPrefix('api', { exclude: ['health'] })} in the bootstrap file
 * puts every route but the excluded ones under {@code /api} (applied when the app is assembled, as
 * the controllers live in other files).
 */
final class NestRoutes {
  private static final String COMMON = "@nestjs/common.";
  private static final Map<String, String> VERBS =
      Map.of(
          "Get", "GET",
          "Post", "POST",
          "Put", "PUT",
          "Delete", "DELETE",
          "Patch", "PATCH",
          "Head", "HEAD",
          "Options", "OPTIONS",
          "All", "*");

  private final JsFile file;

  NestRoutes(JsFile file) {
    this.file = file;
  }

  void read() {
    for (Node cls : file.program.descendants("class_declaration")) {
      Node controller = decorator(cls, "Controller");
      if (controller != null) {
        readController(cls, controller);
      }
    }
    for (Node call : file.calls) {
      if (JsFile.calleeName(call).equals("setGlobalPrefix")) {
        readGlobalPrefix(call);
      }
    }
  }

  private void readController(Node cls, Node controller) {
    String base = pathArgument(controller);
    if (base == null) {
      return; // @Controller({ host }) or a computed path: where it serves is unknown
    }
    Node body = cls.child("body");
    if (body == null) {
      return;
    }
    List<Node> pending = new ArrayList<>();
    for (Node member : body.namedChildren()) {
      if (member.is("decorator")) {
        pending.add(member); // decorators before a method are its siblings in the class body
        continue;
      }
      if (member.is("method_definition")) {
        List<Node> decorators = new ArrayList<>(pending);
        decorators.addAll(member.children().stream().filter(c -> c.is("decorator")).toList());
        for (Node d : decorators) {
          String verb = VERBS.get(decoratorName(d));
          String path = verb == null ? null : pathArgument(d);
          if (path != null) {
            Node name = member.child("name");
            String full = join(base, path);
            file.out.route(verb, full, List.of(), name == null ? null : name.text(), d);
            // The method serves the route: its body is a request path the hazard rules judge.
            String route = verb.equals("*") ? full : verb + " " + full;
            file.handlers.add(new JsFile.Handler(member, route, null, null));
            file.routeByFunction.putIfAbsent(member, route);
          }
        }
      }
      pending.clear();
    }
  }

  /** {@code setGlobalPrefix('v1')}, with {@code exclude: ['health', { path: 'metrics' }]}. */
  private void readGlobalPrefix(Node call) {
    String prefix = JsFile.stringValue(JsFile.argument(call, 0));
    if (prefix == null) {
      return;
    }
    List<String> excluded = new ArrayList<>();
    Node options = JsFile.argument(call, 1);
    Node exclude = options == null ? null : JsFile.property(options, "exclude");
    if (exclude != null && exclude.is("array")) {
      for (Node e : exclude.namedChildren()) {
        String path =
            e.is("object") ? JsFile.stringValue(JsFile.property(e, "path")) : JsFile.stringValue(e);
        if (path != null) {
          excluded.add(join("", path));
        }
      }
    }
    file.out.routePrefix(new SourceFacts.RoutePrefix(join("", prefix), excluded));
  }

  /**
   * The decorator of this name imported from {@code @nestjs/common}, on the class or its export.
   */
  private Node decorator(Node cls, String name) {
    List<Node> candidates = new ArrayList<>(cls.children());
    Node parent = cls.parent();
    if (parent != null && parent.is("export_statement")) {
      candidates.addAll(parent.children());
    }
    for (Node c : candidates) {
      if (c.is("decorator") && decoratorName(c).equals(name)) {
        return c;
      }
    }
    return null;
  }

  private String decoratorName(Node decorator) {
    Node call = decorator.firstOfType("call_expression");
    Node callee = call == null ? null : call.child("function");
    if (callee == null || !callee.is("identifier")) {
      return "";
    }
    String imported = file.imports.get(callee.text());
    return imported != null && imported.startsWith(COMMON)
        ? imported.substring(COMMON.length())
        : "";
  }

  /** The path a decorator names: none is "", a string is itself, {@code { path }} its path. */
  private static String pathArgument(Node decorator) {
    Node call = decorator.firstOfType("call_expression");
    Node arg = call == null ? null : JsFile.argument(call, 0);
    if (arg == null) {
      return "";
    }
    if (arg.is("object")) {
      Node path = JsFile.property(arg, "path");
      return path == null ? (JsFile.property(arg, "host") == null ? "" : null) : stringValue(path);
    }
    return stringValue(arg);
  }

  private static String stringValue(Node n) {
    return JsFile.stringValue(n);
  }

  /** {@code /orders/:id} from {@code orders} and {@code :id}; never a double or trailing slash. */
  static String join(String base, String path) {
    StringBuilder out = new StringBuilder();
    for (String part : (base + "/" + path).split("/")) {
      if (!part.isEmpty()) {
        out.append('/').append(part);
      }
    }
    return out.isEmpty() ? "/" : out.toString();
  }
}
