package dev.rootcause.rules.app;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.app.AppFacts;
import dev.rootcause.model.app.AppFacts.Language;
import dev.rootcause.rules.AppRule;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import java.util.Set;

/**
 * A server bound to {@code 127.0.0.1} inside a container answers only the container itself: the
 * kubelet's probes, the Service and {@code docker run -p} all connect to the pod's address and are
 * refused. Judged only for code a Dockerfile packages, where the bind is the one the image runs.
 */
@RuleSpec(
    id = "app/listens-on-loopback",
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Server in a container listens on 127.0.0.1 only",
    symptom =
        "connection refused from probes, the Service and published ports, while curl inside the container works",
    fix = "Bind to 0.0.0.0 (all interfaces) in the container.",
    languages = {Language.PYTHON, Language.JAVASCRIPT, Language.GO, Language.JAVA})
public final class ListensOnLoopback implements AppRule {
  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1", "[::1]");

  @Override
  public void check(AppFacts app, RuleContext ctx) {
    if (!ctx.model().packaged(app)) {
      return;
    }
    for (AppFacts.ListenPort listen : app.listens()) {
      if (listen.host() != null && LOOPBACK.contains(listen.host())) {
        ctx.report(listen.location(), describe(listen)).subject("app " + AppRules.name(app));
      }
    }
  }

  /** "the server binds 127.0.0.1:8080, reachable only from inside its own container". */
  static String describe(AppFacts.ListenPort listen) {
    String port =
        listen.port() != null
            ? ":" + listen.port()
            : listen.envVar() != null ? ":$" + listen.envVar() : "";
    return "the server binds "
        + listen.host()
        + port
        + ", reachable only from inside its own container";
  }
}
