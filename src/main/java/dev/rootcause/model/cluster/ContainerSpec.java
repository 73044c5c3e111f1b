package dev.rootcause.model.cluster;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * A container as its pod spec declares it: what the symptom rules compare the status with.
 *
 * @param pullPolicy {@code Always}, {@code IfNotPresent}, {@code Never}; null when not written
 * @param memoryRequest as written ({@code 64Mi}); null when not set
 * @param memoryLimit as written ({@code 128Mi}); null when not set
 * @param ports the container ports declared, by number
 * @param portNames the named ports and their numbers
 * @param liveness null when it has none
 * @param readiness null when it has none
 * @param cpuRequest as written ({@code 250m}); null when not set
 * @param env the names of the env vars it sets (never their values: they may be secrets)
 */
public record ContainerSpec(
    String name,
    String image,
    String pullPolicy,
    String memoryRequest,
    String memoryLimit,
    List<Integer> ports,
    Map<String, Integer> portNames,
    ProbeSpec liveness,
    ProbeSpec readiness,
    String cpuRequest,
    List<String> env)
    implements Serializable {

  public ContainerSpec {
    ports = List.copyOf(ports);
    env = List.copyOf(env);
    portNames = Map.copyOf(portNames);
  }

  /** The number a probe port stands for: itself, or the named port's number; null if unknown. */
  public Integer resolve(String port) {
    if (port == null) {
      return null;
    }
    if (port.chars().allMatch(Character::isDigit) && !port.isEmpty()) {
      return Integer.valueOf(port);
    }
    return portNames.get(port);
  }
}
