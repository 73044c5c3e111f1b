package dev.rootcause.collect.code.java;

import static dev.rootcause.collect.code.Expressions.argument;
import static dev.rootcause.collect.code.Expressions.arguments;
import static dev.rootcause.collect.code.Expressions.textOf;

import dev.rootcause.collect.syntax.Node;
import dev.rootcause.model.app.AppFacts.OutboundCall;

/**
 * The outbound HTTP calls of a Java file (RestTemplate, HttpClient, WebClient) and whether a
 * timeout bounds them.
 */
final class JavaOutbound {
  private final JavaFile file;

  JavaOutbound(JavaFile file) {
    this.file = file;
  }

  void readRestTemplateCall(Node call, Node object) {
    Node declarator = file.declaratorOf(object, call);
    if (declarator == null || !JavaFile.declaredType(declarator).equals("RestTemplate")) {
      return;
    }
    Node init = declarator.child("value");
    if (init == null) {
      return; // injected: its timeouts are configured elsewhere
    }
    Boolean timeout = null;
    if (init.is("object_creation_expression")
        && textOf(init.child("type")).equals("RestTemplate")) {
      timeout = arguments(init).isEmpty() ? Boolean.FALSE : null;
    } else if (init.is("method_invocation") && textOf(init.child("name")).equals("build")) {
      timeout = chainHas(init, "readTimeout") || chainHas(init, "setReadTimeout");
    }
    if (timeout != null) {
      outbound(call, argument(call, 0), timeout);
    }
  }

  void readHttpClientCall(Node call, Node object) {
    Node declarator = file.declaratorOf(object, call);
    if (declarator == null || !JavaFile.declaredType(declarator).equals("HttpClient")) {
      return;
    }
    Node request = file.valueOf(argument(call, 0));
    if (request == null
        || !request.is("method_invocation")
        || !textOf(request.child("name")).equals("build")) {
      return; // a request built elsewhere: its timeout is unknown
    }
    Node uri = null;
    for (Node e = request; e != null && e.is("method_invocation"); e = e.child("object")) {
      String name = textOf(e.child("name"));
      if (name.equals("uri") || name.equals("newBuilder")) {
        Node arg = argument(e, 0);
        if (arg != null
            && arg.is("method_invocation")
            && textOf(arg.child("name")).equals("create")
            && textOf(arg.child("object")).equals("URI")) {
          uri = argument(arg, 0);
        }
      }
    }
    outbound(call, uri, chainHas(request, "timeout"));
  }

  void readWebClientCall(Node call, Node object) {
    Node declarator = file.declaratorOf(object, call);
    if (declarator == null || !JavaFile.declaredType(declarator).equals("WebClient")) {
      return;
    }
    Node init = declarator.child("value");
    if (init == null) {
      return;
    }
    Node chain = call;
    while (chain.parent() != null
        && chain.parent().is("method_invocation")
        && chain.parent().child("object") == chain) {
      chain = chain.parent();
    }
    boolean timeout =
        chainHas(chain, "timeout")
            || init.text().contains("responseTimeout")
            || chainHas(init, "timeout");
    Node base = null;
    for (Node e = init; e != null && e.is("method_invocation"); e = e.child("object")) {
      String name = textOf(e.child("name"));
      if (name.equals("baseUrl") || name.equals("create")) {
        base = argument(e, 0);
      }
    }
    Node uri = null;
    for (Node e = chain;
        e != null && e != call && e.is("method_invocation");
        e = e.child("object")) {
      if (textOf(e.child("name")).equals("uri")) {
        uri = argument(e, 0);
      }
    }
    JavaFile.Val baseValue =
        base == null ? new JavaFile.Val("", null, null) : file.evaluate(base, 0);
    JavaFile.Val uriValue = uri == null ? new JavaFile.Val("", null, null) : file.evaluate(uri, 0);
    JavaFile.Val url = JavaFile.concat(baseValue, uriValue);
    file.out.call(
        new OutboundCall(
            url.literal() == null || url.literal().isEmpty() ? null : url.literal(),
            url.env(),
            timeout,
            file.out.at(call),
            "java"));
  }

  static boolean chainHas(Node call, String method) {
    for (Node e = call; e != null && e.is("method_invocation"); e = e.child("object")) {
      if (textOf(e.child("name")).equals(method)) {
        return true;
      }
    }
    return false;
  }

  void outbound(Node call, Node urlExpr, boolean timeout) {
    JavaFile.Val url =
        urlExpr == null ? new JavaFile.Val(null, null, null) : file.evaluate(urlExpr, 0);
    file.out.call(new OutboundCall(url.literal(), url.env(), timeout, file.out.at(call), "java"));
  }
}
