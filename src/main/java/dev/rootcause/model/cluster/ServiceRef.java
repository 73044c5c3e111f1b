package dev.rootcause.model.cluster;

import java.io.Serializable;

/**
 * The in-cluster Service a host name in a log names, as cluster DNS resolves it: {@code database}
 * in the caller's namespace, {@code database.production}, {@code database.production.svc} and
 * {@code database.production.svc.cluster.local}. An IP address, {@code localhost} and a name
 * outside the cluster ({@code api.stripe.com}) name no Service: unknown, not wrong.
 */
public record ServiceRef(String namespace, String name) implements Serializable {

  /**
   * The Service the host names, or null when it names none that can be told.
   *
   * @param host as the log wrote it, perhaps with a port ({@code database:5432})
   * @param callerNamespace where the caller runs: a bare name resolves there
   */
  public static ServiceRef of(String host, String callerNamespace) {
    if (host == null || host.isEmpty()) {
      return null;
    }
    String h = host;
    int colon = h.lastIndexOf(':');
    if (colon > 0 && h.indexOf(':') == colon) {
      h = h.substring(0, colon);
    }
    if (h.isEmpty() || h.chars().anyMatch(c -> c == '[' || c == '/' || c == '@')) {
      return null;
    }
    if (h.chars().allMatch(c -> Character.isDigit(c) || c == '.')
        || h.equals("localhost")
        || h.endsWith(".localhost")) {
      return null;
    }
    String[] labels = h.split("\\.", -1);
    if (labels.length == 1) {
      return new ServiceRef(callerNamespace, labels[0]);
    }
    boolean svc = labels.length >= 3 && labels[2].equals("svc");
    boolean clusterDomain =
        labels.length == 3 ? svc : labels.length >= 4 && svc && h.endsWith(".cluster.local");
    if (labels.length == 2 || clusterDomain) {
      // name.namespace, or name.namespace.svc[.cluster.local]; a two-label name with a public
      // top-level domain (example.com) is told from a namespace by the namespaces that exist.
      return new ServiceRef(labels[1], labels[0]);
    }
    return null;
  }

  /** {@code production/database}. */
  @Override
  public String toString() {
    return namespace + "/" + name;
  }
}
