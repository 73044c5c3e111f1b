package dev.rootcause.model.k8s;

import java.util.List;

/**
 * A Service; {@code selector} is null for a selector-less Service (manual endpoints). {@code
 * headless} when {@code clusterIP: None}: its name resolves to pod IPs, so clients use pod ports.
 */
public record Service(
    ObjectMeta meta, String type, LabelSelector selector, List<ServicePort> ports, boolean headless)
    implements java.io.Serializable {

  public Service {
    ports = List.copyOf(ports);
  }

  /** A Service with a cluster IP. */
  public Service(ObjectMeta meta, String type, LabelSelector selector, List<ServicePort> ports) {
    this(meta, type, selector, ports, false);
  }

  public String name() {
    return meta.name();
  }

  /** ExternalName Services and selector-less ones do not route to pods we can see. */
  public boolean routesToPods() {
    return selector != null && !selector.isEmpty() && !"ExternalName".equals(type);
  }
}
