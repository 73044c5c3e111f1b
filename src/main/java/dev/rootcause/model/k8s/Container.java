package dev.rootcause.model.k8s;

import dev.rootcause.model.SourceLocation;
import java.util.List;
import java.util.Optional;

/** A container of a pod template, with every field a rule asks about and where it is written. */
public record Container(
    String name,
    ImageRef image,
    String imagePullPolicy,
    List<ContainerPort> ports,
    List<EnvVar> env,
    List<EnvFromSource> envFrom,
    ResourceSpec resources,
    Probe liveness,
    Probe readiness,
    Probe startup,
    SecuritySettings security,
    List<String> command,
    List<String> args,
    boolean init,
    SourceLocation location)
    implements java.io.Serializable {

  public Container {
    ports = List.copyOf(ports);
    env = List.copyOf(env);
    envFrom = List.copyOf(envFrom);
    command = List.copyOf(command);
    args = List.copyOf(args);
  }

  public List<Probe> probes() {
    return java.util.stream.Stream.of(liveness, readiness, startup)
        .filter(java.util.Objects::nonNull)
        .toList();
  }

  /** The container port a probe or Service names: by number (declared or not) or by name. */
  public Optional<ContainerPort> port(PortRef ref) {
    return ports.stream()
        .filter(p -> ref.isNamed() ? ref.name().equals(p.name()) : ref.number() == p.number())
        .findFirst();
  }

  /** The literal env entry named {@code name}, if the container sets one. */
  public Optional<EnvVar> envVar(String name) {
    return env.stream().filter(e -> e.name().equals(name)).findFirst();
  }
}
