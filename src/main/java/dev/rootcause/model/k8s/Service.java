package dev.rootcause.model.k8s;

import java.util.List;

/** A Service; {@code selector} is null for a selector-less Service (manual endpoints). */
public record Service(ObjectMeta meta, String type, LabelSelector selector, List<ServicePort> ports) {

  public Service {
    ports = List.copyOf(ports);
  }

  public String name() {
    return meta.name();
  }

  /** ExternalName Services and selector-less ones do not route to pods we can see. */
  public boolean routesToPods() {
    return selector != null && !selector.isEmpty() && !"ExternalName".equals(type);
  }
}
