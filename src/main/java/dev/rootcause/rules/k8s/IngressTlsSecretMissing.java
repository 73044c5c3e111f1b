package dev.rootcause.rules.k8s;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.k8s.Ingress;
import dev.rootcause.model.k8s.ManifestObject;
import dev.rootcause.model.k8s.Manifests;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import dev.rootcause.rules.SystemRule;
import java.util.List;
import java.util.Set;

/**
 * An Ingress TLS entry naming a Secret the repository does not declare (while it declares Secrets):
 * the controller serves its self-signed default certificate and clients refuse it. Not flagged when
 * cert-manager issues the certificate (its annotations on the Ingress, or Certificate objects in
 * the repository).
 */
@RuleSpec(
    id = "k8s/ingress-tls-secret-missing",
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Ingress TLS secretName names a Secret the manifests do not declare",
    symptom =
        "browsers and curl fail with a certificate error (\"Kubernetes Ingress Controller Fake"
            + " Certificate\"); the controller logs: local SSL certificate default/web-tls was not"
            + " found. Using default certificate",
    fix = "Set secretName to the TLS Secret the manifests declare, or let cert-manager issue it.")
public final class IngressTlsSecretMissing implements SystemRule {

  private static final Set<String> ISSUER_ANNOTATIONS =
      Set.of(
          "cert-manager.io/cluster-issuer",
          "cert-manager.io/issuer",
          "kubernetes.io/tls-acme",
          "certmanager.k8s.io/cluster-issuer",
          "certmanager.k8s.io/issuer");

  @Override
  public void check(RuleContext ctx) {
    Manifests manifests = Manifests.of(ctx.model());
    for (Ingress ingress : ctx.model().ingresses()) {
      if (ingress.meta().annotations().keySet().stream().anyMatch(ISSUER_ANNOTATIONS::contains)) {
        continue;
      }
      List<ManifestObject.Tls> tls =
          manifests
              .of(ingress.meta())
              .map(ManifestObject::ingress)
              .map(ManifestObject.IngressRoutes::tls)
              .orElse(List.of());
      for (ManifestObject.Tls entry : tls) {
        String hosts = entry.hosts().isEmpty() ? "" : " for " + String.join(", ", entry.hosts());
        MissingObjects.report(
            ctx,
            manifests,
            ingress.meta(),
            "Secret",
            entry.secretName(),
            entry.location(),
            "terminates TLS" + hosts + " with",
            "certificate errors for"
                + (hosts.isEmpty() ? " every host" : hosts.substring(4))
                + ": the controller serves its default fake certificate (local SSL certificate "
                + entry.secretName()
                + " was not found)");
      }
    }
  }
}
