package dev.rootcause.rules.k8s;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.k8s.Container;
import dev.rootcause.model.k8s.ManifestObject;
import dev.rootcause.model.k8s.Manifests;
import dev.rootcause.model.k8s.Workload;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import dev.rootcause.rules.SystemRule;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pulling from a private registry without credentials: an {@code imagePullSecrets} entry naming a
 * Secret the repository does not declare (while it declares Secrets), or no entry at all where
 * another workload of the repository pulls from the same registry with one. Public images and
 * repositories that manage pull credentials elsewhere (service accounts) are left alone.
 */
@RuleSpec(
    id = "k8s/missing-image-pull-secret",
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Image from a private registry is pulled without the pull secret it needs",
    symptom =
        "pods stay in ErrImagePull / ImagePullBackOff: pull access denied ... authorization"
            + " failed; events: Unable to retrieve some image pull secrets (regcred)",
    fix = "Add imagePullSecrets naming the registry's docker-registry Secret to the pod spec.")
public final class MissingImagePullSecret implements SystemRule {

  @Override
  public void check(RuleContext ctx) {
    Manifests manifests = Manifests.of(ctx.model());
    Map<String, String> pullSecretByRegistry = new HashMap<>();
    for (Workload w : ctx.model().workloads()) {
      List<ManifestObject.NamedRef> secrets = pullSecrets(manifests, w);
      if (!secrets.isEmpty()) {
        registries(w).forEach(r -> pullSecretByRegistry.putIfAbsent(r, secrets.get(0).name()));
      }
    }
    boolean accountsDeclared = ctx.model().declaresAny("ServiceAccount");
    for (Workload w : ctx.model().workloads()) {
      List<ManifestObject.NamedRef> secrets = pullSecrets(manifests, w);
      for (ManifestObject.NamedRef secret : secrets) {
        MissingObjects.report(
            ctx,
            manifests,
            w.meta(),
            "Secret",
            secret.name(),
            secret.location(),
            "pulls its images with",
            "pods stay in ImagePullBackOff; events: Unable to retrieve some image pull secrets ("
                + secret.name()
                + "); attempting to pull the image without them");
      }
      if (!secrets.isEmpty() || accountsDeclared) {
        continue; // a service account may carry the credentials
      }
      for (Container c : w.allContainers().toList()) {
        Optional<String> registry = registry(c);
        String secret = registry.map(pullSecretByRegistry::get).orElse(null);
        if (secret == null) {
          continue;
        }
        ctx.report(
                c.image().location(),
                w.meta().displayName()
                    + " pulls "
                    + c.image().raw()
                    + " from "
                    + registry.get()
                    + " without imagePullSecrets, while other workloads pull from that registry"
                    + " with Secret "
                    + secret)
            .subject(w.meta().displayName() + " container " + c.name())
            .symptom(
                "pods stay in ErrImagePull / ImagePullBackOff: pull access denied for "
                    + c.image().raw()
                    + " (authorization failed)")
            .fix("Add imagePullSecrets: [{name: " + secret + "}] to the pod spec.");
        break;
      }
    }
  }

  private static List<ManifestObject.NamedRef> pullSecrets(Manifests manifests, Workload w) {
    return manifests
        .of(w.meta())
        .map(ManifestObject::pod)
        .map(ManifestObject.PodReferences::imagePullSecrets)
        .orElse(List.of());
  }

  private static List<String> registries(Workload w) {
    return w.allContainers()
        .map(MissingImagePullSecret::registry)
        .flatMap(Optional::stream)
        .toList();
  }

  /** The registry host of a container's image, when it names one (Docker Hub names none). */
  private static Optional<String> registry(Container c) {
    return c.image() == null || c.image().isTemplated()
        ? Optional.empty()
        : Optional.ofNullable(c.image().registry());
  }
}
