package dev.rootcause.rules.cross;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.HostUse;
import dev.rootcause.model.ListenPort;
import dev.rootcause.model.Severity;
import dev.rootcause.model.k8s.Container;
import dev.rootcause.model.k8s.Workload;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import dev.rootcause.rules.SystemRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An Envoy sidecar reaches the app in its own pod at {@code 127.0.0.1:PORT}; when the app listens
 * on another port, Envoy's upstream connection is refused and every request through the sidecar
 * fails with 503 ("upstream connect error or disconnect/reset before headers"). The port is checked
 * against what the code of each other container in the pod listens on, and only when all of those
 * are known: a container whose port the repository cannot tell might be the one listening.
 */
@RuleSpec(
    id = "cross/envoy-upstream-not-listened",
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Envoy sends traffic to a port on localhost that no container of the pod listens on",
    symptom =
        "503 upstream connect error or disconnect/reset before headers: connection refused on every request through the sidecar",
    fix = "Set the Envoy cluster's port_value to the port the app in the pod listens on.")
public final class EnvoyUpstreamNotListened implements SystemRule {
  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1", "0.0.0.0");

  @Override
  public void check(RuleContext ctx) {
    for (HostUse use : ctx.model().hostUses()) {
      Workload workload = use.workload();
      Integer port = use.reference().port();
      if (workload == null
          || port == null
          || !use.reference().via().startsWith("envoy")
          || !LOOPBACK.contains(use.reference().host())) {
        continue;
      }
      List<ListenPort> listens = new ArrayList<>();
      boolean unknown = false;
      for (Container c : workload.containers()) {
        if (c.image() != null && c.image().repository().contains("envoy")) {
          continue; // the proxy itself
        }
        Optional<ListenPort> listen = ctx.model().listenPort(workload, c);
        if (listen.isEmpty()) {
          unknown = true;
        } else {
          listens.add(listen.get());
        }
      }
      if (unknown || listens.isEmpty() || listens.stream().anyMatch(l -> l.port() == port)) {
        continue;
      }
      ListenPort app = listens.get(0);
      var finding =
          ctx.report(
                  use.reference().location(),
                  use.reference().via()
                      + " of "
                      + workload.meta().displayName()
                      + " sends to "
                      + use.hostPort()
                      + ", but the app in the pod listens on "
                      + app.port())
              .subject(workload.meta().displayName())
              .confidence(app.confidence())
              .fix("Set port_value to " + app.port() + " in " + use.reference().via() + ".");
      use.trail().forEach(e -> finding.related(e.location(), e.note()));
      app.evidence().forEach(e -> finding.related(e.location(), e.note()));
    }
  }
}
