package dev.rootcause.model.k8s;

import dev.rootcause.model.SourceLocation;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Anything with a pod template: Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, a
 * bare Pod. {@code podLabels} are the template's labels (what Services and policies select).
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
    SourceLocation podSpecLocation) {

  public Workload {
    podLabels = Map.copyOf(podLabels);
    initContainers = List.copyOf(initContainers);
    containers = List.copyOf(containers);
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

  /** Jobs and CronJobs run to completion: no Service traffic, no liveness expectations. */
  public boolean runsToCompletion() {
    return kind().equals("Job") || kind().equals("CronJob");
  }
}
