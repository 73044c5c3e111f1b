package dev.rootcause.model.k8s;

import dev.rootcause.model.SourceLocation;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Anything with a pod template: Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, a
 * bare Pod. {@code podLabels} are the template's labels (what Services and policies select). {@code
 * replicasLocation} is where {@code spec.replicas} is written, null when it is not; {@code
 * configMapVolumes} names the ConfigMaps its pods mount as files (volumes and projected sources).
 */
public record Workload(
    ObjectMeta meta,
    Integer replicas,
    LabelSelector selector,
    Map<String, String> podLabels,
    SourceLocation podLabelsLocation,
    List<Container> initContainers,
    List<Container> containers,
    SecuritySettings podSecurity,
    SourceLocation podSpecLocation,
    SourceLocation replicasLocation,
    List<String> configMapVolumes)
    implements java.io.Serializable {

  public Workload {
    podLabels = Map.copyOf(podLabels);
    initContainers = List.copyOf(initContainers);
    containers = List.copyOf(containers);
    configMapVolumes = List.copyOf(configMapVolumes);
  }

  /** A workload whose {@code spec.replicas} position and volumes are not known. */
  public Workload(
      ObjectMeta meta,
      Integer replicas,
      LabelSelector selector,
      Map<String, String> podLabels,
      SourceLocation podLabelsLocation,
      List<Container> initContainers,
      List<Container> containers,
      SecuritySettings podSecurity,
      SourceLocation podSpecLocation) {
    this(
        meta,
        replicas,
        selector,
        podLabels,
        podLabelsLocation,
        initContainers,
        containers,
        podSecurity,
        podSpecLocation,
        null,
        List.of());
  }

  public String kind() {
    return meta.kind();
  }

  public String name() {
    return meta.name();
  }

  /** Init containers, then app containers. */
  public Stream<Container> allContainers() {
    return Stream.concat(initContainers.stream(), containers.stream());
  }

  /**
   * The user settings a container runs with: its own {@code securityContext} fields, else the
   * pod's. Location is the container's context when it sets anything, else the pod's.
   */
  public SecuritySettings securityOf(Container container) {
    SecuritySettings pod = podSecurity == null ? SecuritySettings.none() : podSecurity;
    SecuritySettings own =
        container.security() == null ? SecuritySettings.none() : container.security();
    Boolean nonRoot = own.runAsNonRoot() != null ? own.runAsNonRoot() : pod.runAsNonRoot();
    Long user = own.runAsUser() != null ? own.runAsUser() : pod.runAsUser();
    boolean ownSets = own.runAsNonRoot() != null || own.runAsUser() != null;
    return new SecuritySettings(nonRoot, user, ownSets ? own.location() : pod.location());
  }

  /** Jobs and CronJobs run to completion: no Service traffic, no liveness expectations. */
  public boolean runsToCompletion() {
    return kind().equals("Job") || kind().equals("CronJob");
  }
}
