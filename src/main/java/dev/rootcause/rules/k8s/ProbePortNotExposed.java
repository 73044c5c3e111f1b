package dev.rootcause.rules.k8s;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.cluster.ListenLines;
import dev.rootcause.model.k8s.Container;
import dev.rootcause.model.k8s.ContainerPort;
import dev.rootcause.model.k8s.Probe;
import dev.rootcause.model.k8s.Workload;
import dev.rootcause.rules.ContainerRule;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Seed 002: the api's liveness probe checked 8080; the container declared (and listened on) 3000.
 */
@RuleSpec(
    id = "k8s/probe-port-not-exposed",
    explains = {"runtime/probe-failing"},
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Probe checks a port the container does not declare",
    symptom =
        "liveness: restarts every few periods (CrashLoopBackOff); readiness: never Ready, no endpoints",
    fix =
        "Point the probe at the containerPort the application listens on (by name, so they cannot drift).")
public final class ProbePortNotExposed implements ContainerRule {

  @Override
  public void check(Workload workload, Container container, RuleContext ctx) {
    for (Probe probe : container.probes()) {
      if (!probe.checksPort() || container.port(probe.port()).isPresent()) {
        continue;
      }
      boolean named = probe.port().isNamed();
      if (!named && container.ports().isEmpty()) {
        continue; // nothing declared to compare with: cross/port-mismatch judges against the app
      }
      var app = ctx.model().listenPort(workload, container);
      if (!named && app.isPresent() && app.get().port() == probe.port().number()) {
        continue; // the probe reaches the app; the wrong containerPort is cross/port-mismatch's
      }
      // Without the code, a cluster's pods may say where the app listens in their start-up log.
      var seen =
          app.isPresent() || named
              ? java.util.Optional.<dev.rootcause.model.ListenPort>empty()
              : ListenLines.seen(
                  ctx.model().cluster().orElse(null),
                  workload.meta().kind(),
                  workload.meta().namespace(),
                  workload.meta().name(),
                  container.name());
      boolean probeIsRight = seen.isPresent() && seen.get().port() == probe.port().number();
      String declared =
          container.ports().isEmpty()
              ? "no ports"
              : container.ports().stream()
                  .map(ProbePortNotExposed::describe)
                  .collect(Collectors.joining(", "));
      var finding =
          ctx.report(
              probe.portLocation(),
              probe.kind().field()
                  + " checks port "
                  + probe.port()
                  + ", but container "
                  + container.name()
                  + " declares "
                  + declared
                  + (probeIsRight
                      ? "; the app listens on " + probe.port() + " (its log says so)"
                      : ""));
      container.ports().forEach(p -> finding.related(p.location(), "containerPort " + describe(p)));
      if (probe.kind() == Probe.Kind.READINESS) {
        finding.symptom("pod never becomes Ready: the Service has no endpoints");
      } else if (probe.kind() == Probe.Kind.LIVENESS) {
        finding.symptom(
            "kubelet kills the container every few periods: restarts, then CrashLoopBackOff");
      } else {
        finding.symptom("startup never succeeds: the container is killed and restarted");
      }
      if (probeIsRight) {
        // The probe reaches the app: the declaration is what is wrong, and moving the probe to it
        // would make this probe fail too.
        seen.get().evidence().forEach(e -> finding.related(e.location(), e.note()));
        finding.symptom(
            "what uses the declared port (the other probes, the Service's targetPort) reaches"
                + " nothing: the pod is not Ready and its Service has no endpoints");
        finding.fix(declareFix(container, probe));
      } else if (app.isPresent()) {
        app.get().evidence().forEach(e -> finding.related(e.location(), e.note()));
        finding
            .confidence(app.get().confidence())
            .fix("Set " + probe.kind().field() + " port to " + app.get().port() + ".");
      } else if (container.ports().size() == 1) {
        ContainerPort only = container.ports().get(0);
        finding.fix(
            "Set "
                + probe.kind().field()
                + " port to "
                + only.number()
                + (only.name() == null ? "" : " (or '" + only.name() + "')")
                + ".");
      }
    }
  }

  /**
   * The probe reaches the app: declare its port. What names the declared port follows the new
   * number; what writes the old number does not, so it is named to change too.
   */
  private static String declareFix(Container container, Probe right) {
    int to = right.port().number();
    ContainerPort only = container.ports().size() == 1 ? container.ports().get(0) : null;
    StringBuilder fix = new StringBuilder("Declare containerPort ").append(to);
    if (only != null) {
      fix.append(" instead of ").append(only.number()).append(" (keep its name)");
      if (only.name() != null) {
        fix.append("; what uses the name '").append(only.name()).append("' follows it");
      }
    }
    fix.append("; ").append(right.kind().field()).append(" already reaches the app.");
    if (only != null) {
      List<String> numbered =
          container.probes().stream()
              .filter(p -> p != right && p.checksPort() && !p.port().isNamed())
              .filter(p -> p.port().number() == only.number())
              .map(p -> p.kind().field())
              .toList();
      if (!numbered.isEmpty()) {
        fix.append(" Also point ")
            .append(String.join(" and ", numbered))
            .append(" at ")
            .append(to)
            .append(": it writes ")
            .append(only.number())
            .append(" as a number.");
      }
      fix.append(" A Service whose targetPort is ")
          .append(only.number())
          .append(" must change to ")
          .append(to)
          .append(" too.");
    }
    return fix.toString();
  }

  private static String describe(ContainerPort p) {
    return p.name() == null ? String.valueOf(p.number()) : p.number() + " ('" + p.name() + "')";
  }
}
