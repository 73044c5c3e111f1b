package dev.rootcause.rules.k8s;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.WellKnownImages;
import dev.rootcause.model.build.ImageBuild;
import dev.rootcause.model.k8s.Container;
import dev.rootcause.model.k8s.ImageRef;
import dev.rootcause.model.k8s.Workload;
import dev.rootcause.rules.ContainerRule;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import java.util.List;

/**
 * An image loaded into a local cluster ({@code k3d image import}, {@code kind load docker-image},
 * {@code minikube image load}) exists on the nodes only. With {@code imagePullPolicy: Always},
 * which Kubernetes assumes for {@code :latest} and untagged images, the kubelet asks the registry
 * first, finds nothing and the pod never starts, although the image was imported. Silent when the
 * same name is pushed anywhere the repository shows, or the policy is IfNotPresent or Never.
 */
@RuleSpec(
    id = "k8s/local-image-always-pulled",
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Image imported into a local cluster is pulled from a registry on every start",
    symptom = "ErrImagePull / ImagePullBackOff although the image was imported into the cluster",
    fix =
        "Set imagePullPolicy: IfNotPresent (or Never) for images loaded into the cluster, or give them a fixed tag.")
public final class LocalImageAlwaysPulled implements ContainerRule {

  @Override
  public void check(Workload workload, Container container, RuleContext ctx) {
    ImageRef image = container.image();
    if (image == null
        || image.isTemplated()
        || image.digest() != null
        || WellKnownImages.isPublic(image)) {
      return;
    }
    String policy = container.imagePullPolicy();
    boolean latest = image.tag() == null || image.tag().equals("latest");
    boolean defaulted = policy == null || policy.isBlank();
    if (defaulted ? !latest : !policy.trim().equals("Always")) {
      return;
    }
    List<ImageBuild> producing = ctx.model().buildsProducing(image);
    List<ImageBuild> imports =
        producing.stream()
            .filter(b -> b.kind() == ImageBuild.Kind.IMPORT && !b.image().isTemplated())
            .toList();
    if (imports.isEmpty() || producing.stream().anyMatch(b -> b.kind() == ImageBuild.Kind.PUSH)) {
      return;
    }
    ImageBuild first = imports.get(0);
    String why =
        defaulted
            ? "without an imagePullPolicy Kubernetes uses Always for "
                + (image.tag() == null ? "an untagged image" : ":latest")
            : "imagePullPolicy is Always";
    var finding =
        ctx.report(
                image.location(),
                "image "
                    + image.raw()
                    + " is only imported into the local cluster ("
                    + first.location().path()
                    + " line "
                    + first.location().line()
                    + ") and pushed nowhere, yet "
                    + why
                    + ", so the kubelet pulls it from Docker Hub and fails")
            .subject(workload.meta().displayName() + " container " + container.name())
            .fix(
                "Set imagePullPolicy: IfNotPresent on container "
                    + container.name()
                    + " (the imported "
                    + image.nameAndTag()
                    + " is then used), or tag the image with a fixed version.");
    producing.stream()
        .filter(b -> !b.image().isTemplated())
        .limit(6)
        .forEach(
            b ->
                finding.related(
                    b.location(),
                    (b.kind() == ImageBuild.Kind.IMPORT
                            ? "imports "
                            : b.kind() == ImageBuild.Kind.TAG ? "tags " : "builds ")
                        + b.image().raw()));
  }
}
