package dev.rootcause.collect.code.go;

import static dev.rootcause.collect.code.Expressions.argument;
import static dev.rootcause.collect.code.Expressions.unparen;

import dev.rootcause.collect.syntax.Node;
import dev.rootcause.model.app.AppFacts.OutboundCall;
import java.util.List;

/**
 * The outbound HTTP calls of a Go file, with the URL they go to and whether a timeout bounds them.
 */
final class GoOutbound {
  private final GoFile file;

  GoOutbound(GoFile file) {
    this.file = file;
  }

  void readClientCall(Node call, String method, GoValues.GoType client) {
    Boolean timeout = clientTimeout(client);
    switch (method) {
      case "Get", "Head", "Post", "PostForm" -> {
        if (timeout != null) {
          outbound(call, argument(call, 0), timeout);
        }
      }
      case "Do" -> {
        Node request = requestOf(argument(call, 0));
        boolean contextDeadline = request != null && hasDeadline(request);
        if (timeout == null && !contextDeadline) {
          return; // a client we cannot see: unknown
        }
        Node url = null;
        if (request != null) {
          url =
              argument(
                  request,
                  file.isPackageCall(request, GoFile.NET_HTTP, "NewRequestWithContext") ? 2 : 1);
        }
        outbound(call, url, contextDeadline || Boolean.TRUE.equals(timeout));
      }
      default -> {}
    }
  }

  Boolean clientTimeout(GoValues.GoType client) {
    if (client.defaultClient()) {
      return false;
    }
    if (client.literal() == null) {
      return null;
    }
    Node timeout = GoFile.keyedValue(client.literal(), "Timeout");
    return timeout != null && !(timeout.is("int_literal") && timeout.text().equals("0"));
  }

  Node requestOf(Node expr) {
    if (expr == null) {
      return null;
    }
    Node e = unparen(expr);
    if (e.is("identifier")) {
      GoFile.Binding b = file.lookup(e.text(), e);
      e = b == null ? null : b.singleValue();
    }
    if (e != null
        && e.is("call_expression")
        && (file.isPackageCall(e, GoFile.NET_HTTP, "NewRequest")
            || file.isPackageCall(e, GoFile.NET_HTTP, "NewRequestWithContext"))) {
      return e;
    }
    return null;
  }

  /** Whether the request carries a context made by context.WithTimeout or WithDeadline. */
  boolean hasDeadline(Node request) {
    if (!file.isPackageCall(request, GoFile.NET_HTTP, "NewRequestWithContext")) {
      return false;
    }
    Node ctx = argument(request, 0);
    if (ctx == null || !ctx.is("identifier")) {
      return false;
    }
    GoFile.Binding b = file.lookup(ctx.text(), ctx);
    Node value = b == null ? null : b.singleValue();
    return value != null
        && value.is("call_expression")
        && (file.isPackageCall(value, "context", "WithTimeout")
            || file.isPackageCall(value, "context", "WithDeadline"));
  }

  void outbound(Node call, Node urlExpr, boolean timeout) {
    String url = null;
    String envVar = null;
    if (urlExpr != null) {
      List<GoValues.Part> parts = file.values.evaluate(urlExpr, 0);
      url = GoValues.literal(parts);
      for (GoValues.Part part : parts) {
        if (part instanceof GoValues.Part.Env env) {
          envVar = env.name();
          break;
        }
      }
    }
    file.out.call(new OutboundCall(url, envVar, timeout, file.out.at(call), "go-http"));
  }
}
