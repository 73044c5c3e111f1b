package dev.rootcause.rules.app;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.app.AppFacts;
import dev.rootcause.model.app.AppFacts.Language;
import dev.rootcause.rules.AppRule;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;

/**
 * Seed 002, hint 7 ("check application code for HTTP client timeouts"): requests, urllib, axios,
 * got and Node's http wait forever by default; fetch (undici) gives up after 300 s. The message
 * says which default applies. httpx and aiohttp have default timeouts and are not flagged; a call
 * whose options come from a variable is given the benefit of the doubt.
 */
@RuleSpec(
    id = "app/outbound-call-without-timeout",
    severity = Severity.MEDIUM,
    kind = FindingKind.HARDENING,
    summary = "Outbound HTTP call has no timeout",
    symptom =
        "a slow or hung dependency holds the calling request as long as the client waits (forever for most; 300 s for fetch): workers pile up, 504s upstream",
    fix =
        "Pass a timeout on every call (requests: timeout=5; axios: { timeout: 5000 }; fetch: signal: AbortSignal.timeout(5000)).",
    languages = {Language.PYTHON, Language.JAVASCRIPT, Language.GO, Language.JAVA})
public final class OutboundCallWithoutTimeout implements AppRule {

  @Override
  public void check(AppFacts app, RuleContext ctx) {
    for (AppFacts.OutboundCall call : app.outboundCalls()) {
      if (call.hasTimeout()) {
        continue;
      }
      String origin = origin(call.url());
      String target =
          call.envVar() != null
              ? "$" + call.envVar() + (origin == null ? "" : " (default " + origin + ")")
              : origin != null ? origin : "a computed URL";
      ctx.report(
              call.location(),
              "HTTP call to " + target + " has no timeout" + byDefault(call.client()))
          .subject("app " + AppRules.name(app));
    }
  }

  /**
   * What the client does without one: most wait forever, but fetch (undici) gives up after 300 s
   * without headers or body data, so "forever" would be wrong there.
   */
  static String byDefault(String client) {
    if (client == null) {
      return "";
    }
    return switch (client) {
      case "requests" -> ": requests waits forever by default";
      case "urllib" -> ": urlopen waits forever unless socket.setdefaulttimeout is set";
      case "httpx" -> ": timeout=None turns httpx's 5 s default off, so it waits forever";
      case "axios" -> ": axios waits forever by default (timeout 0)";
      case "fetch" ->
          ": fetch (undici) waits up to 300 s for headers, then 300 s between body chunks";
      case "node-fetch" -> ": node-fetch waits forever by default";
      case "got" -> ": got waits forever by default";
      case "node-http" -> ": Node's http.request waits forever by default";
      case "go-http" -> ": a Go http.Client without Timeout waits forever";
      case "java" -> ": Java HTTP clients wait forever without a read or request timeout";
      default -> "";
    };
  }

  /**
   * scheme://host[:port] only: paths can hold tokens (webhook URLs), and file:line shows the rest.
   */
  private static String origin(String url) {
    if (url == null) {
      return null;
    }
    int scheme = url.indexOf("://");
    int path = scheme < 0 ? -1 : url.indexOf('/', scheme + 3);
    return path < 0 ? url : url.substring(0, path);
  }
}
