package dev.rootcause.rules.cross;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.compose.ComposeService;
import dev.rootcause.model.compose.ComposeService.LoopbackCall;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import dev.rootcause.rules.SystemRule;
import java.util.List;

/**
 * In docker-compose every service is its own container with its own network namespace: {@code
 * API_URL=http://localhost:8000} in the web service reaches the web container itself, not the api
 * service that serves 8000. It works on a laptop where everything runs on the host, and fails as
 * soon as the services run in compose. Reported only when another service of the same file serves
 * that port and the caller does not, and the caller does not share another network namespace.
 */
@RuleSpec(
    id = "cross/compose-localhost-call",
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "A compose service calls another service at localhost, which is its own container",
    symptom = "connection refused (ECONNREFUSED 127.0.0.1:PORT) on every call between the services",
    fix =
        "Address the other service by its compose service name (`http://api:8000`), which compose's network resolves.")
public final class ComposeLocalhostCall implements SystemRule {

  @Override
  public void check(RuleContext ctx) {
    List<ComposeService> all = ctx.model().composeServices();
    for (ComposeService caller : all) {
      if (caller.sharedNetwork()) {
        continue;
      }
      for (LoopbackCall call : caller.loopbackCalls()) {
        if (caller.containerPorts().contains(call.port())) {
          continue; // the service's own port: localhost is right
        }
        all.stream()
            .filter(
                s ->
                    s != caller
                        && s.file().equals(caller.file())
                        && s.containerPorts().contains(call.port()))
            .findFirst()
            .ifPresent(
                target ->
                    ctx.report(
                            call.location(),
                            "compose service "
                                + caller.name()
                                + " reaches "
                                + call.host()
                                + ":"
                                + call.port()
                                + " ("
                                + call.env()
                                + "), which is its own container; "
                                + target.name()
                                + " serves "
                                + call.port())
                        .related(
                            target.location(),
                            "service " + target.name() + " serves " + call.port())
                        .subject(caller.file())
                        .fix(
                            "Set "
                                + call.env()
                                + " to address "
                                + target.name()
                                + ":"
                                + call.port()
                                + " instead of "
                                + call.host()
                                + ":"
                                + call.port()
                                + "."));
      }
    }
  }
}
