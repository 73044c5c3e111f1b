package dev.rootcause.rules.runtime;

import dev.rootcause.model.ClusterLocation;
import dev.rootcause.model.Confidence;
import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.cluster.ClusterEvent;
import dev.rootcause.model.cluster.ClusterState;
import dev.rootcause.model.cluster.ContainerSpec;
import dev.rootcause.model.cluster.ContainerState;
import dev.rootcause.model.cluster.PodDetail;
import dev.rootcause.model.cluster.PodGroup;
import dev.rootcause.model.cluster.PullFailure;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import dev.rootcause.rules.SystemRule;
import java.util.Set;

/**
 * A container whose image cannot be pulled, with why from the kubelet's event: the tag or the
 * repository does not exist, the registry refused the credentials, or an image that exists only on
 * the nodes (imported into kind or k3d) is pulled anyway because of {@code imagePullPolicy:
 * Always}.
 */
@RuleSpec(
    id = "runtime/image-pull-back-off",
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Image cannot be pulled (ImagePullBackOff)",
    symptom =
        "ImagePullBackOff: the pod stays Pending, the rollout stalls and no new replica serves",
    fix =
        "Deploy a tag that the build produces and pushes (or imports into the nodes), or give the"
            + " pod imagePullSecrets that the registry accepts.")
public final class ImagePullBackOff implements SystemRule {
  private static final Set<String> REASONS =
      Set.of("ImagePullBackOff", "ErrImagePull", "InvalidImageName", "ErrImageNeverPull");

  @Override
  public void check(RuleContext ctx) {
    ClusterState cluster = Symptoms.cluster(ctx);
    if (cluster == null) {
      return;
    }
    for (PodGroup group : cluster.podGroups()) {
      for (Symptoms.Sick s :
          Symptoms.sick(
              group,
              (p, c) ->
                  c.state() == ContainerState.State.WAITING && REASONS.contains(c.reason()))) {
        ContainerState c = s.container();
        PodDetail detail = cluster.detail(s.pod());
        ContainerSpec spec = detail == null ? null : detail.container(c.name());
        String image = spec != null ? spec.image() : c.image();
        ClusterLocation where =
            cluster.fixTarget(s.pod(), ".spec.containers{" + c.name() + "}.image");
        ClusterEvent event =
            cluster.events(s.pod()).stream()
                .filter(e -> e.pullFailure() != null && e.aboutContainer(c.name()))
                .reduce((a, b) -> b)
                .orElse(null);
        PullFailure failure = event == null ? null : event.pullFailure();
        String why = why(failure, spec, detail);
        var f =
            ctx.report(where, s.who(group) + " " + c.reason() + " on " + image + ": " + why)
                .subject(Symptoms.subject(where))
                .related(
                    s.pod().containerStatus(c.name()),
                    "status " + c.reason() + (c.message() == null ? "" : ": " + c.message()))
                .confidence(failure == null ? Confidence.LIKELY : Confidence.CERTAIN);
        if (event != null) {
          f.related(s.pod().object(), "event " + event.summary());
        }
        String fix = fix(failure, spec, image);
        if (fix != null) {
          f.fix(fix);
        }
      }
    }
  }

  private static boolean localAlwaysPulled(PullFailure failure, ContainerSpec spec) {
    return spec != null
        && "Always".equals(spec.pullPolicy())
        && failure != null
        && failure.kind() != PullFailure.Kind.UNAUTHORIZED
        && !spec.image().contains("/");
  }

  private static String why(PullFailure failure, ContainerSpec spec, PodDetail detail) {
    if (failure == null) {
      return "no pull event was read to tell why";
    }
    if (localAlwaysPulled(failure, spec)) {
      return "imagePullPolicy Always pulls it from Docker Hub, where it does not exist; an image"
          + " imported into the nodes is only used with IfNotPresent or Never";
    }
    return switch (failure.kind()) {
      case NOT_FOUND ->
          "the registry has no such repository or tag"
              + (detail != null && detail.pullSecrets()
                  ? " (or the pull secret cannot see it)"
                  : "");
      case UNAUTHORIZED ->
          "the registry refused the credentials"
              + (detail != null && !detail.pullSecrets()
                  ? "; the pod has no imagePullSecrets"
                  : "");
      case OTHER -> "the pull failed";
    };
  }

  /** The image without its tag: {@code registry:5000/app} of {@code registry:5000/app:v2}. */
  private static String repository(String image) {
    int colon = image.lastIndexOf(':');
    return colon > image.lastIndexOf('/') ? image.substring(0, colon) : image;
  }

  private static String fix(PullFailure failure, ContainerSpec spec, String image) {
    if (failure == null) {
      return null;
    }
    if (localAlwaysPulled(failure, spec)) {
      return "Set imagePullPolicy: IfNotPresent for "
          + image
          + " (imported into the nodes), or"
          + " push it to a registry the nodes pull from.";
    }
    return switch (failure.kind()) {
      case NOT_FOUND ->
          "Deploy a tag of "
              + repository(image)
              + " that the build"
              + " produces and pushes (or imports), or build and push "
              + image
              + ".";
      case UNAUTHORIZED ->
          "Create a docker-registry Secret the registry accepts and list it under"
              + " imagePullSecrets (or on the ServiceAccount).";
      case OTHER -> null;
    };
  }
}
