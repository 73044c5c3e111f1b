package dev.rootcause.rules.k8s;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.k8s.Container;
import dev.rootcause.model.k8s.ContainerPort;
import dev.rootcause.model.k8s.Service;
import dev.rootcause.model.k8s.ServicePort;
import dev.rootcause.model.k8s.Workload;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import dev.rootcause.rules.ServiceRule;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A Service port whose targetPort names a port no selected container declares, or a number none
 * declares while they declare others.
 */
@RuleSpec(
    id = "k8s/service-target-port-unresolved",
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Service targetPort is not a port the selected pods declare",
    symptom = "connection refused or 502/503 through the Service, although the pods are Ready",
    fix = "Set targetPort to the containerPort (number or name) the application listens on.")
public final class ServiceTargetPortUnresolved implements ServiceRule {

  @Override
  public void check(Service service, RuleContext ctx) {
    List<Workload> selected = ctx.model().workloadsSelectedBy(service);
    if (selected.isEmpty()) {
      return; // k8s/service-selects-nothing says why
    }
    for (ServicePort port : service.ports()) {
      for (Workload w : selected) {
        List<ContainerPort> declared =
            w.containers().stream().flatMap(c -> c.ports().stream()).toList();
        boolean resolves =
            w.containers().stream().anyMatch(c -> c.port(port.targetPort()).isPresent());
        // Unnamed numeric targets are only wrong when the pods declare ports and this is not one.
        boolean judgeable = port.targetPort().isNamed() || !declared.isEmpty();
        if (resolves || !judgeable || appListensOn(ctx, w, port)) {
          continue;
        }
        String declaredText =
            declared.isEmpty()
                ? "no ports"
                : declared.stream()
                    .map(ServiceTargetPortUnresolved::describe)
                    .collect(Collectors.joining(", "));
        var finding =
            ctx.report(
                port.targetPortLocation(),
                "port "
                    + port.port()
                    + " targets "
                    + port.targetPort()
                    + ", but "
                    + w.meta().displayName()
                    + " declares "
                    + declaredText);
        for (Container c : w.containers()) {
          c.ports()
              .forEach(
                  p ->
                      finding.related(
                          p.location(), "container " + c.name() + " declares " + describe(p)));
        }
        finding.fix(fix(ctx, w, port, declared));
        break;
      }
    }
  }

  /**
   * The exact value to set: the port the code listens on (with the containerPort that declares it),
   * else the one port the pods declare, else the ports to choose from; for a name no pod declares,
   * the containerPort entry to add.
   */
  private static String fix(
      RuleContext ctx, Workload w, ServicePort port, List<ContainerPort> declared) {
    for (Container c : w.containers()) {
      var listen = ctx.model().listenPort(w, c);
      if (listen.isEmpty()) {
        continue;
      }
      int code = listen.get().port();
      for (ContainerPort p : c.ports()) {
        if (p.number() == code) {
          return "Set targetPort to "
              + describeChoice(p)
              + ", the port container "
              + c.name()
              + "'s app listens on.";
        }
      }
      String declare =
          port.targetPort().isNamed()
              ? "name: " + port.targetPort().name() + ", containerPort: " + code
              : "containerPort: " + code;
      return "Set targetPort to "
          + code
          + ", the port container "
          + c.name()
          + "'s app listens on, and declare it on the container ("
          + declare
          + ").";
    }
    if (declared.size() == 1) {
      return "Set targetPort to " + describeChoice(declared.get(0)) + ".";
    }
    if (declared.size() > 1) {
      return "Set targetPort to the one of "
          + declared.stream()
              .map(ServiceTargetPortUnresolved::describeChoice)
              .collect(Collectors.joining(", "))
          + " that serves this Service's traffic.";
    }
    String first =
        w.containers().isEmpty() ? "the app" : "container " + w.containers().get(0).name();
    return "Declare the port on "
        + first
        + " (name: "
        + port.targetPort().name()
        + ", containerPort: the port the app listens on), or set targetPort to that number.";
  }

  /** 8080, or 8080 (or 'http') when the port is named. */
  private static String describeChoice(ContainerPort p) {
    return p.number() + (p.name() == null ? "" : " (or '" + p.name() + "')");
  }

  /** containerPort is informational: when the code listens on the target, traffic gets through. */
  private static boolean appListensOn(RuleContext ctx, Workload w, ServicePort port) {
    return !port.targetPort().isNamed()
        && w.containers().stream()
            .map(c -> ctx.model().listenPort(w, c))
            .anyMatch(p -> p.isPresent() && p.get().port() == port.targetPort().number());
  }

  private static String describe(ContainerPort p) {
    return p.name() == null ? String.valueOf(p.number()) : p.number() + " ('" + p.name() + "')";
  }
}
