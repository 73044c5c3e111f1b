package dev.rootcause.rules.runtime;

import dev.rootcause.model.ClusterLocation;
import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.cluster.ClusterEvent;
import dev.rootcause.model.cluster.ClusterState;
import dev.rootcause.model.cluster.ConfigFailure;
import dev.rootcause.model.cluster.ContainerState;
import dev.rootcause.model.cluster.PodGroup;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import dev.rootcause.rules.SystemRule;

/**
 * A container the kubelet cannot start because its configuration cannot be built ({@code
 * CreateContainerConfigError}): a ConfigMap or Secret its env or volumes name does not exist, a key
 * is missing from one, or {@code runAsNonRoot} meets an image that runs as root.
 */
@RuleSpec(
    id = "runtime/container-config-missing",
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Container cannot start: a ConfigMap, Secret or key it names is missing",
    symptom = "CreateContainerConfigError: the container never starts and writes no log",
    fix =
        "Create the ConfigMap or Secret (with the key) in the pod's namespace before the workload,"
            + " or correct the name the workload gives.")
public final class ContainerConfigMissing implements SystemRule {

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
                  c.state() == ContainerState.State.WAITING
                      && ConfigFailure.of(c.reason(), c.message()) != null)) {
        ContainerState c = s.container();
        ConfigFailure failure = ConfigFailure.of(c.reason(), c.message());
        ClusterLocation where = cluster.fixTarget(s.pod(), ".spec.containers{" + c.name() + "}");
        var f =
            ctx.report(
                    where,
                    s.who(group)
                        + " CreateContainerConfigError: "
                        + why(failure, s.pod().namespace())
                        + (c.message() == null ? "" : ", the kubelet says \"" + c.message() + "\""))
                .subject(Symptoms.subject(where))
                .related(s.pod().containerStatus(c.name()), "status " + c.display())
                .fix(fix(failure, where));
        cluster.events(s.pod()).stream()
            .filter(e -> "Failed".equals(e.reason()) && e.aboutContainer(c.name()))
            .reduce((a, b) -> b)
            .map(ClusterEvent::summary)
            .ifPresent(e -> f.related(s.pod().object(), "event " + e));
      }
    }
  }

  private static String why(ConfigFailure f, String namespace) {
    return switch (f.kind()) {
      case OBJECT_MISSING -> f.object() + " " + f.name() + " does not exist in " + namespace;
      case KEY_MISSING -> f.object() + " " + f.name() + " has no key " + f.key();
      case RUNS_AS_ROOT -> "runAsNonRoot is set and the image runs as root";
      case OTHER -> "the kubelet cannot build its configuration";
    };
  }

  private static String fix(ConfigFailure f, ClusterLocation where) {
    String object = where.kind() + " " + where.name();
    return switch (f.kind()) {
      case OBJECT_MISSING ->
          "Create "
              + f.object()
              + " "
              + f.name()
              + " in the namespace (kubectl get "
              + f.object().toLowerCase(java.util.Locale.ROOT)
              + " -n "
              + where.namespace()
              + "), or correct the name "
              + object
              + " refers to.";
      case KEY_MISSING ->
          "Add key "
              + f.key()
              + " to "
              + f.object()
              + " "
              + f.name()
              + ", or correct the key "
              + object
              + " reads (or mark the reference optional).";
      case RUNS_AS_ROOT ->
          "Give the image a numeric non-root USER (USER 10001 in the Dockerfile), or set"
              + " runAsUser in the securityContext of "
              + object
              + ".";
      case OTHER -> "Read the container's status message: it names what is missing.";
    };
  }
}
