package dev.rootcause.model.k8s;

import dev.rootcause.model.SourceLocation;
import java.util.List;

/** An Ingress, reduced to the Services and ports its rules send traffic to. */
public record Ingress(ObjectMeta meta, List<Backend> backends) implements java.io.Serializable {

  public Ingress {
    backends = List.copyOf(backends);
  }

  /** One backend: a Service name and its port (number or name). */
  public record Backend(String serviceName, PortRef port, String path, SourceLocation location)
      implements java.io.Serializable {}
}
