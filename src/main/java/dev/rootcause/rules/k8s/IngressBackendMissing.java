package dev.rootcause.rules.k8s;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.k8s.Ingress;
import dev.rootcause.model.k8s.Manifests;
import dev.rootcause.model.k8s.Service;
import dev.rootcause.model.k8s.ServicePort;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import dev.rootcause.rules.SystemRule;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An Ingress backend naming a Service the manifests do not declare in the Ingress's namespace, or a
 * port (number or name) that Service does not have: the controller has nowhere to send the path.
 */
@RuleSpec(
    id = "k8s/ingress-backend-missing",
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Ingress backend names a Service or Service port that does not exist",
    symptom =
        "503 Service Temporarily Unavailable from the ingress controller; kubectl describe"
            + " ingress shows: web:80 (<error: endpoints \"web\" not found>)",
    fix = "Point the backend at a Service and port the manifests declare.")
public final class IngressBackendMissing implements SystemRule {

  @Override
  public void check(RuleContext ctx) {
    Manifests manifests = Manifests.of(ctx.model());
    for (Ingress ingress : ctx.model().ingresses()) {
      for (Ingress.Backend b : ingress.backends()) {
        if (b.serviceName() == null) {
          continue;
        }
        Optional<Service> service =
            ctx.model().servicesIn(ingress.meta().namespace()).stream()
                .filter(s -> s.name().equals(b.serviceName()))
                .findFirst();
        if (service.isEmpty()) {
          MissingObjects.report(
              ctx,
              manifests,
              ingress.meta(),
              "Service",
              b.serviceName(),
              b.location(),
              "routes " + (b.path() == null ? "/" : b.path()) + " to",
              "503 from the ingress controller; kubectl describe ingress shows: "
                  + b.serviceName()
                  + ":"
                  + b.port()
                  + " (<error: endpoints \""
                  + b.serviceName()
                  + "\" not found>)");
        } else if (b.port() != null && !hasPort(service.get(), b)) {
          port(ctx, ingress, b, service.get());
        }
      }
    }
  }

  private static boolean hasPort(Service service, Ingress.Backend b) {
    return service.ports().stream()
        .anyMatch(
            p ->
                b.port().isNamed()
                    ? b.port().name().equals(p.name())
                    : p.port() == b.port().number());
  }

  private static void port(RuleContext ctx, Ingress ingress, Ingress.Backend b, Service service) {
    List<ServicePort> ports = service.ports();
    String declared =
        ports.isEmpty()
            ? "no ports"
            : ports.stream()
                .map(
                    p ->
                        p.name() == null
                            ? String.valueOf(p.port())
                            : p.port() + " ('" + p.name() + "')")
                .collect(Collectors.joining(", "));
    var finding =
        ctx.report(
                b.location(),
                ingress.meta().displayName()
                    + " routes "
                    + (b.path() == null ? "/" : b.path())
                    + " to port "
                    + b.port()
                    + " of Service "
                    + service.name()
                    + ", which has "
                    + declared)
            .subject(ingress.meta().displayName())
            .related(service.meta().location(), "Service " + service.name() + " and its ports")
            .symptom(
                "503 from the ingress controller for "
                    + (b.path() == null ? "/" : b.path())
                    + "; the controller logs that service "
                    + service.name()
                    + " has no port "
                    + b.port());
    if (ports.size() == 1) {
      finding.fix(
          "Set the backend port to "
              + (b.port().isNamed() && ports.get(0).name() != null
                  ? "name: " + ports.get(0).name()
                  : "number: " + ports.get(0).port())
              + ".");
    }
  }
}
