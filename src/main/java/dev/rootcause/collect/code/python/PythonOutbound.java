package dev.rootcause.collect.code.python;

import dev.rootcause.collect.code.UrlValue;
import dev.rootcause.collect.code.Urls;
import dev.rootcause.collect.syntax.Node;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The outbound HTTP calls of a Python file (requests, httpx, urllib, aiohttp) and whether a timeout
 * bounds them.
 */
final class PythonOutbound {
  private final PythonFile file;

  PythonOutbound(PythonFile file) {
    this.file = file;
  }

  static final Set<String> CLIENT_METHODS =
      Set.of("get", "post", "put", "patch", "delete", "head", "options", "request");

  void outboundCalls() {
    Map<String, String> clients = clientVariables();
    boolean defaultSocketTimeout =
        file.calls.stream()
            .anyMatch(c -> "socket.setdefaulttimeout".equals(file.qname(c.child("function"))));
    boolean customSession =
        file.classes.stream()
            .anyMatch(
                c ->
                    c.child("superclasses") != null
                        && c.child("superclasses")
                            .text()
                            .matches(".*\\b(HTTPAdapter|Session)\\b.*"));
    for (Node call : file.calls) {
      Node fn = call.child("function");
      String q = file.qname(fn);
      String method = PythonFile.calleeName(call);
      String library = null;
      if (q != null
          && q.startsWith("requests.")
          && CLIENT_METHODS.contains(method)
          && q.equals("requests." + method)) {
        library = "requests";
      } else if (q != null && q.equals("httpx." + method) && CLIENT_METHODS.contains(method)) {
        library = "httpx";
      } else if ("urllib.request.urlopen".equals(q)) {
        library = "urllib";
      } else if (fn != null
          && fn.is("attribute")
          && fn.child("object") != null
          && fn.child("object").is("identifier")
          && CLIENT_METHODS.contains(method)) {
        library = clients.get(fn.child("object").text());
      }
      if (library == null) {
        continue;
      }
      boolean hasTimeout =
          switch (library) {
            case "requests", "requests-session" ->
                hasTimeoutArgument(call)
                    || PythonFile.hasSplat(call)
                    || library.equals("requests-session") && customSession;
            case "urllib" ->
                hasTimeoutArgument(call)
                    || PythonFile.positional(call, 2) != null
                    || defaultSocketTimeout;
            case "httpx-no-timeout" -> hasTimeoutArgument(call);
            default ->
                !(PythonFile.kwarg(call, "timeout") != null
                    && PythonFile.kwarg(call, "timeout").is("none"));
          };
      Node urlArg =
          method.equals("request")
              ? PythonFile.positional(call, 1)
              : PythonFile.positional(call, 0);
      if (urlArg == null) {
        urlArg = PythonFile.kwarg(call, "url");
      }
      UrlValue url = urlOf(urlArg, 0);
      file.out.call(
          Urls.sanitize(url.url()),
          url.envVar(),
          hasTimeout,
          call,
          library.startsWith("requests")
              ? "requests"
              : library.startsWith("httpx") ? "httpx" : library);
    }
  }

  static boolean hasTimeoutArgument(Node call) {
    Node timeout = PythonFile.kwarg(call, "timeout");
    return timeout != null && !timeout.is("none");
  }

  /**
   * Names bound to HTTP client objects: {@code s = requests.Session()}, {@code async with ... as
   * s}.
   */
  Map<String, String> clientVariables() {
    Map<String, String> clients = new HashMap<>();
    for (Node call : file.calls) {
      String q = file.qname(call.child("function"));
      String kind =
          q == null
              ? null
              : switch (q) {
                case "requests.Session", "requests.session" -> "requests-session";
                case "httpx.Client", "httpx.AsyncClient" ->
                    PythonFile.kwarg(call, "timeout") != null
                            && PythonFile.kwarg(call, "timeout").is("none")
                        ? "httpx-no-timeout"
                        : "httpx";
                case "aiohttp.ClientSession" -> "aiohttp";
                default -> null;
              };
      if (kind == null) {
        continue;
      }
      Node parent = call.parent();
      if (parent != null && parent.is("assignment") && parent.child("left").is("identifier")) {
        clients.put(parent.child("left").text(), kind);
      } else if (parent != null && parent.is("as_pattern") && parent.child("alias") != null) {
        clients.put(parent.child("alias").text(), kind);
      }
    }
    return clients;
  }

  UrlValue urlOf(Node e, int depth) {
    if (e == null || depth > 2) {
      return UrlValue.UNKNOWN;
    }
    String literal = PythonFile.stringValue(e);
    if (literal != null) {
      return new UrlValue(literal, null);
    }
    if (e.is("string")) {
      StringBuilder sb = new StringBuilder();
      String env = null;
      for (Node c : e.children()) {
        if (c.is("string_content")) {
          sb.append(c.text());
        } else if (c.is("interpolation")) {
          UrlValue part = sb.isEmpty() ? urlOf(c.child("expression"), depth + 1) : UrlValue.UNKNOWN;
          if (part.known()) {
            sb.append(part.url() == null ? "{}" : part.url());
            env = part.envVar();
          } else {
            sb.append("{}");
          }
        }
      }
      return new UrlValue(sb.toString(), env);
    }
    if (e.is("binary_operator")
        && e.child("operator") != null
        && e.child("operator").text().equals("+")) {
      return urlOf(e.child("left"), depth + 1).plus(PythonFile.stringValue(e.child("right")));
    }
    PythonEnv.EnvRef env = file.env.envOf(e);
    if (env != null) {
      return new UrlValue(env.defaultText(), env.name());
    }
    if (e.is("identifier")) {
      return urlOf(file.resolve(e), depth + 1);
    }
    return UrlValue.UNKNOWN;
  }
}
