package dev.rootcause.model;

import java.util.Locale;
import java.util.Optional;

/** How a host name resolves in cluster DNS: which Service, in which namespace, it asks for. */
public final class ClusterDns {
  private ClusterDns() {}

  /** A Service name and the namespace it is looked up in (null: the caller's, unknown). */
  public record ServiceName(String service, String namespace) implements java.io.Serializable {}

  /**
   * The Service a name asks for, seen from {@code fromNamespace}: {@code svc}, {@code svc.ns},
   * {@code svc.ns.svc}, {@code svc.ns.svc.cluster.local}. Empty for other shapes, such as a pod's
   * own name under a headless Service ({@code web-0.web.ns.svc.cluster.local}).
   */
  public static Optional<ServiceName> serviceName(String host, String fromNamespace) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    boolean svcSuffix = false;
    for (String suffix : new String[] {".svc.cluster.local", ".svc"}) {
      if (h.endsWith(suffix)) {
        h = h.substring(0, h.length() - suffix.length());
        svcSuffix = true;
        break;
      }
    }
    String[] labels = h.split("\\.", -1);
    if (labels.length == 1 && !svcSuffix && !labels[0].isEmpty()) {
      return Optional.of(new ServiceName(labels[0], fromNamespace));
    }
    if (labels.length == 2 && svcSuffix && !labels[0].isEmpty() && !labels[1].isEmpty()) {
      return Optional.of(new ServiceName(labels[0], labels[1]));
    }
    return Optional.empty();
  }
}
