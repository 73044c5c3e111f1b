package dev.rootcause.rules.k8s;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.k8s.Ingress;
import dev.rootcause.model.k8s.ManifestObject;
import dev.rootcause.model.k8s.Manifests;
import dev.rootcause.model.k8s.ObjectMeta;
import dev.rootcause.rules.Names;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import dev.rootcause.rules.SystemRule;
import java.util.List;
import java.util.Optional;

/**
 * An Ingress whose {@code ingressClassName} names a class the repository does not declare, where
 * the repository declares the IngressClass of its controller: no controller claims the Ingress, so
 * it never gets an address and serves nothing. Silent when the repository declares no IngressClass
 * (the controller is installed elsewhere).
 */
@RuleSpec(
    id = "k8s/ingress-class-unknown",
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Ingress names an IngressClass the installed controller does not provide",
    symptom =
        "kubectl get ingress shows no ADDRESS; requests to the host get 404 or no answer, and no"
            + " controller logs the Ingress",
    fix = "Set ingressClassName to the IngressClass of the installed controller.")
public final class IngressClassUnknown implements SystemRule {

  @Override
  public void check(RuleContext ctx) {
    List<ObjectMeta> classes = ctx.model().objectsOfKind("IngressClass");
    if (classes.isEmpty()) {
      return;
    }
    Manifests manifests = Manifests.of(ctx.model());
    for (Ingress ingress : ctx.model().ingresses()) {
      Optional<ManifestObject.NamedRef> named =
          manifests
              .of(ingress.meta())
              .map(ManifestObject::ingress)
              .map(ManifestObject.IngressRoutes::ingressClassName);
      if (named.isEmpty() || classes.stream().anyMatch(c -> c.name().equals(named.get().name()))) {
        continue;
      }
      String name = named.get().name();
      List<String> declared = classes.stream().map(ObjectMeta::name).distinct().toList();
      String meant = Names.closest(name, declared, n -> n).orElse(declared.get(0));
      ctx.report(
              named.get().location(),
              ingress.meta().displayName()
                  + " asks for ingressClassName '"
                  + name
                  + "', but the repository's controller provides "
                  + String.join(", ", declared)
                  + ": no controller serves this Ingress")
          .subject(ingress.meta().displayName())
          .related(classes.get(0).location(), "IngressClass " + classes.get(0).name())
          .fix("Set ingressClassName: " + meant + ".");
    }
  }
}
