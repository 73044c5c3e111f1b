package dev.rootcause.model.k8s;

import dev.rootcause.model.SourceLocation;
import java.util.List;
import java.util.Map;

/**
 * What a workload's spec says beyond its containers: how it rolls out, where its pods may be
 * scheduled, and the privileges they ask for (which Pod Security admission judges). {@code
 * workload} is the workload's own location, its key.
 */
public record PodDetails(
    SourceLocation workload,
    Rollout rollout,
    Placement placement,
    Privileges privileges,
    List<ExecCommand> execs,
    List<String> volumes)
    implements KubeFact {

  public PodDetails {
    execs = List.copyOf(execs);
    volumes = List.copyOf(volumes);
  }

  /**
   * A command the kubelet runs in a container: its {@code command} or an exec probe's, by container
   * and field ({@code command}, {@code livenessProbe}).
   */
  public record ExecCommand(String container, String field, List<String> command, SourceLocation at)
      implements java.io.Serializable {
    public ExecCommand {
      command = List.copyOf(command);
    }
  }

  @Override
  public SourceLocation location() {
    return workload;
  }

  /**
   * {@code spec.strategy} (Deployment) or {@code spec.updateStrategy} (StatefulSet, DaemonSet):
   * type as written (null for the default) and the rolling-update counts when set.
   */
  public record Rollout(
      String type,
      IntOrPercent maxUnavailable,
      SourceLocation maxUnavailableAt,
      IntOrPercent maxSurge,
      SourceLocation maxSurgeAt)
      implements java.io.Serializable {}

  /** The pod's node constraints: nodeSelector, required node affinity terms, tolerations. */
  public record Placement(
      Map<String, String> nodeSelector,
      SourceLocation nodeSelectorAt,
      List<List<LabelSelector.Requirement>> requiredTerms,
      SourceLocation affinityAt,
      List<Toleration> tolerations,
      String nodeName)
      implements java.io.Serializable {

    public Placement {
      nodeSelector = Map.copyOf(nodeSelector);
      requiredTerms = requiredTerms.stream().map(List::copyOf).toList();
      tolerations = List.copyOf(tolerations);
    }

    public boolean constrained() {
      return !nodeSelector.isEmpty() || !requiredTerms.isEmpty() || nodeName != null;
    }
  }

  /** A toleration; a null key with operator Exists tolerates every taint. */
  public record Toleration(String key, String operator, String value, String effect)
      implements java.io.Serializable {

    public boolean tolerates(NodeShape.Taint taint) {
      if (effect != null && !effect.isEmpty() && !effect.equals(taint.effect())) {
        return false;
      }
      if (key == null || key.isEmpty()) {
        return "Exists".equals(operator);
      }
      if (!key.equals(taint.key())) {
        return false;
      }
      return "Exists".equals(operator)
          || java.util.Objects.equals(
              value == null ? "" : value, taint.value() == null ? "" : taint.value());
    }
  }

  /**
   * What the pod asks of the node and kernel: host namespaces, hostPath volumes, the pod's seccomp
   * profile type, and each container's settings. {@code at} is the pod spec.
   */
  public record Privileges(
      boolean hostNetwork,
      boolean hostPid,
      boolean hostIpc,
      List<String> hostPathVolumes,
      String seccomp,
      SourceLocation at,
      List<ContainerPrivileges> containers)
      implements java.io.Serializable {

    public Privileges {
      hostPathVolumes = List.copyOf(hostPathVolumes);
      containers = List.copyOf(containers);
    }
  }

  /**
   * One container's privilege settings; null Booleans are unset. {@code at} is its {@code
   * securityContext} when written, else the container.
   */
  public record ContainerPrivileges(
      String name,
      Boolean privileged,
      Boolean allowPrivilegeEscalation,
      List<String> capabilitiesAdd,
      List<String> capabilitiesDrop,
      String seccomp,
      List<Integer> hostPorts,
      SourceLocation at)
      implements java.io.Serializable {

    public ContainerPrivileges {
      capabilitiesAdd = List.copyOf(capabilitiesAdd);
      capabilitiesDrop = List.copyOf(capabilitiesDrop);
      hostPorts = List.copyOf(hostPorts);
    }
  }
}
