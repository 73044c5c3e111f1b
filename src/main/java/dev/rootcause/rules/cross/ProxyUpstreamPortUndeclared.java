package dev.rootcause.rules.cross;

import dev.rootcause.model.Confidence;
import dev.rootcause.model.FindingKind;
import dev.rootcause.model.HostUse;
import dev.rootcause.model.ListenPort;
import dev.rootcause.model.Severity;
import dev.rootcause.model.k8s.Container;
import dev.rootcause.model.k8s.ContainerPort;
import dev.rootcause.model.k8s.Workload;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import dev.rootcause.rules.SystemRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A sidecar proxy (Envoy, nginx) mounted from a ConfigMap forwards to {@code 127.0.0.1:PORT}, and
 * no container of the pod declares that port while the app containers declare others: what a
 * cluster or a dump alone shows when the code is not at hand. Each app container is judged by the
 * port its code listens on when the repository tells it, else by the ports it declares; one that
 * tells neither might be the one listening, so the rule stays silent. An Envoy upstream whose app
 * ports all come from code is {@code cross/envoy-upstream-not-listened}'s.
 */
@RuleSpec(
    id = "cross/proxy-upstream-port-undeclared",
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "A sidecar proxy sends to a localhost port that no container of its pod declares",
    symptom =
        "every request through the proxy fails while the app is healthy: 503 upstream connect"
            + " error (Envoy, response flag UF) or 502 Bad Gateway with \"connect() failed (111:"
            + " Connection refused) while connecting to upstream\" (nginx)",
    fix = "Point the proxy's upstream at the port the app container listens on and declares.")
public final class ProxyUpstreamPortUndeclared implements SystemRule {
  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1");
  private static final List<String> PROXY_IMAGES = List.of("envoy", "nginx", "openresty");

  @Override
  public void check(RuleContext ctx) {
    // An upstream block and a proxy_pass naming one port: the config's first line says it.
    Set<String> told = new java.util.HashSet<>();
    for (HostUse use : ctx.model().hostUses()) {
      Workload workload = use.workload();
      Integer port = use.reference().port();
      String via = use.reference().via();
      boolean envoy = via.startsWith("envoy");
      if (workload == null
          || port == null
          || use.container() != null
          || !(envoy || via.startsWith("nginx"))
          || !LOOPBACK.contains(use.reference().host())) {
        continue;
      }
      List<String> served = new ArrayList<>();
      boolean unknown = false;
      boolean allFromCode = true;
      boolean declared = false;
      for (Container c : workload.containers()) {
        if (c.init()) {
          continue;
        }
        declared |= c.ports().stream().anyMatch(p -> p.number() == port);
        if (proxy(c)) {
          continue;
        }
        Optional<ListenPort> listen = ctx.model().listenPort(workload, c);
        if (listen.isPresent()) {
          declared |= listen.get().port() == port;
          served.add(c.name() + " listens on " + listen.get().port());
        } else if (!c.ports().isEmpty()) {
          allFromCode = false;
          served.add(c.name() + " declares " + ports(c.ports()));
        } else {
          unknown = true;
        }
      }
      if (declared
          || unknown
          || served.isEmpty()
          || envoy && allFromCode
          || !told.add(workload.meta().displayName() + ":" + port)) {
        continue;
      }
      var finding =
          ctx.report(
                  use.reference().location(),
                  via
                      + " of "
                      + workload.meta().displayName()
                      + " sends to "
                      + use.hostPort()
                      + ", but no container of the pod declares port "
                      + port
                      + " ("
                      + String.join("; ", served)
                      + ")")
              .subject(workload.meta().displayName())
              .confidence(allFromCode ? Confidence.CERTAIN : Confidence.LIKELY);
      use.trail().forEach(e -> finding.related(e.location(), e.note()));
      for (Container c : workload.containers()) {
        if (!proxy(c) && !c.init() && !c.ports().isEmpty()) {
          finding.related(c.ports().get(0).location(), c.name() + " declares this port");
        }
      }
    }
  }

  private static boolean proxy(Container c) {
    return c.image() != null && PROXY_IMAGES.stream().anyMatch(c.image().repository()::contains);
  }

  private static String ports(List<ContainerPort> ports) {
    return String.join(", ", ports.stream().map(p -> String.valueOf(p.number())).toList());
  }
}
