package dev.rootcause.collect.code.js;

import dev.rootcause.collect.code.UrlValue;
import dev.rootcause.collect.code.Urls;
import dev.rootcause.collect.syntax.Node;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The outbound HTTP calls of a JavaScript file (axios, fetch, got, Node http) and whether a timeout
 * bounds them.
 */
final class JsOutbound {
  private final JsFile file;

  JsOutbound(JsFile file) {
    this.file = file;
  }

  static final Set<String> AXIOS_METHODS =
      Set.of("get", "post", "put", "patch", "delete", "head", "options", "request");

  /** An HTTP client object made here: which library, whether it has a timeout, its base URL. */
  record Client(String library, boolean hasTimeout, Node baseUrl) {}

  void outboundCalls() {
    Map<String, Client> clients = new HashMap<>();
    boolean axiosDefaults = false;
    for (Node a : file.assignments) {
      Node left = a.child("left");
      if (left != null && left.text().endsWith(".defaults.timeout")) {
        axiosDefaults = true;
      }
    }
    for (Node d : file.declarators) {
      Node name = d.child("name");
      Node value = JsFile.unwrap(d.child("value"));
      if (name == null || !name.is("identifier") || value == null || !value.is("call_expression")) {
        continue;
      }
      String q = file.qname(value.child("function"));
      if ("axios.create".equals(q) || "got.extend".equals(q)) {
        Node config = JsFile.argument(value, 0);
        boolean timeout =
            config == null ? false : !config.is("object") || JsFile.hasKey(config, "timeout");
        clients.put(
            name.text(),
            new Client(
                q.startsWith("axios") ? "axios" : "got",
                timeout,
                JsFile.property(config, q.startsWith("axios") ? "baseURL" : "prefixUrl")));
      }
    }
    for (Node call : file.calls) {
      Node fn = JsFile.unwrap(call.child("function"));
      String q = file.qname(fn);
      String method = JsFile.calleeName(call);
      Node target = JsFile.receiver(call);
      Client client = target != null && target.is("identifier") ? clients.get(target.text()) : null;
      if (client == null && fn != null && fn.is("identifier")) {
        client = clients.get(fn.text());
      }
      Boolean timeout;
      Node url;
      Node base = null;
      String library;
      if (q != null
              && (q.equals("axios") || q.startsWith("axios.") && AXIOS_METHODS.contains(method))
          || client != null
              && client.library().equals("axios")
              && (AXIOS_METHODS.contains(method) || fn.is("identifier"))) {
        int configAt =
            Set.of("post", "put", "patch").contains(method)
                ? 2
                : method.equals("request") || "axios".equals(q) || fn.is("identifier") ? -1 : 1;
        Node first = JsFile.argument(call, 0);
        Node config =
            configAt < 0
                ? (first != null && first.is("object") ? first : JsFile.argument(call, 1))
                : JsFile.argument(call, configAt);
        url = first != null && first.is("object") ? JsFile.property(first, "url") : first;
        timeout =
            axiosDefaults
                || client != null && client.hasTimeout()
                || config != null && (!config.is("object") || JsFile.hasKey(config, "timeout"));
        base = client == null ? null : client.baseUrl();
        library = "axios";
      } else if (fn != null && fn.is("identifier") && fn.text().equals("fetch")
          || "node-fetch".equals(q)
          || "undici.fetch".equals(q)) {
        Node options = JsFile.argument(call, 1);
        url = JsFile.argument(call, 0);
        timeout =
            options != null
                && (!options.is("object")
                    || JsFile.hasKey(options, "signal")
                    || JsFile.hasKey(options, "timeout"));
        library = "node-fetch".equals(q) ? "node-fetch" : "fetch";
      } else if ("got".equals(q)
          || q != null && q.startsWith("got.") && AXIOS_METHODS.contains(method)
          || client != null && client.library().equals("got")) {
        Node options = JsFile.argument(call, 1);
        url = JsFile.argument(call, 0);
        timeout =
            client != null && client.hasTimeout()
                || options != null && (!options.is("object") || JsFile.hasKey(options, "timeout"));
        base = client == null ? null : client.baseUrl();
        library = "got";
      } else if (q != null
          && Set.of("http.request", "http.get", "https.request", "https.get").contains(q)) {
        Node options =
            JsFile.argument(call, 0) != null && JsFile.argument(call, 0).is("object")
                ? JsFile.argument(call, 0)
                : JsFile.argument(call, 1);
        url =
            JsFile.argument(call, 0) != null && JsFile.argument(call, 0).is("object")
                ? null
                : JsFile.argument(call, 0);
        Node scope = JsFile.enclosingFunction(call);
        timeout =
            options != null && (!options.is("object") || JsFile.hasKey(options, "timeout"))
                || (scope == null ? file.program : scope).text().contains(".setTimeout(");
        library = "node-http";
      } else {
        continue;
      }
      UrlValue value = urlOf(url, 0);
      if (base != null && (value.url() == null || !value.url().contains("://"))) {
        UrlValue b = urlOf(base, 0);
        value =
            new UrlValue(
                (b.url() == null ? "{}" : b.url()) + (value.url() == null ? "" : value.url()),
                b.envVar());
      }
      file.out.call(Urls.sanitize(value.url()), value.envVar(), timeout, call, library);
    }
  }

  UrlValue urlOf(Node e, int depth) {
    Node n = JsFile.unwrap(e);
    if (n == null || depth > 2) {
      return UrlValue.UNKNOWN;
    }
    String literal = JsFile.stringValue(n);
    if (literal != null) {
      return new UrlValue(literal, null);
    }
    if (n.is("template_string")) {
      StringBuilder sb = new StringBuilder();
      String env = null;
      for (Node c : n.children()) {
        if (c.isAny("string_fragment", "escape_sequence")) {
          sb.append(c.text());
        } else if (c.is("template_substitution")) {
          boolean leading = sb.isEmpty();
          UrlValue part = leading ? urlOf(c.namedChild(0), depth + 1) : UrlValue.UNKNOWN;
          sb.append(part.url() == null ? "{}" : part.url());
          env = leading ? part.envVar() : env;
        }
      }
      return new UrlValue(sb.toString(), env);
    }
    if (n.is("binary_expression")
        && n.child("operator") != null
        && n.child("operator").text().equals("+")) {
      return urlOf(n.child("left"), depth + 1).plus(JsFile.stringValue(n.child("right")));
    }
    JsEnv.EnvRef env = file.env.envOf(n);
    if (env != null) {
      return new UrlValue(env.defaultText(), env.name());
    }
    if (n.is("identifier")) {
      return urlOf(file.resolve(n), depth + 1);
    }
    return UrlValue.UNKNOWN;
  }
}
