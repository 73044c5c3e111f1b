package dev.rootcause.model.cluster;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * A Service as the cluster holds it, with its Endpoints when they were read.
 *
 * @param type {@code ClusterIP}, {@code NodePort}, {@code LoadBalancer}, {@code ExternalName}
 * @param selector empty when the Service has none (its endpoints are managed by hand)
 * @param endpointsRead whether the Endpoints object was read; a {@code cluster-info dump} holds
 *     none
 * @param readyAddresses how many ready addresses the Endpoints list
 * @param notReadyPods the pods the Endpoints list as not ready
 * @param clusterIp the virtual IP ({@code spec.clusterIP}) a log names when it names no host; null
 *     for a headless Service ({@code None}) or when not read
 */
public record ServiceState(
    String namespace,
    String name,
    String type,
    Map<String, String> selector,
    List<Integer> ports,
    boolean endpointsRead,
    int readyAddresses,
    List<String> notReadyPods,
    String clusterIp)
    implements Serializable {

  public ServiceState {
    selector = Map.copyOf(selector);
    ports = List.copyOf(ports);
    notReadyPods = List.copyOf(notReadyPods);
    clusterIp =
        clusterIp == null || clusterIp.isEmpty() || clusterIp.equals("None") ? null : clusterIp;
  }

  /** Whether the pod's labels carry every key and value of the selector. */
  public boolean selects(PodState pod) {
    return !selector.isEmpty()
        && namespace.equals(pod.namespace())
        && selector.entrySet().stream()
            .allMatch(e -> e.getValue().equals(pod.labels().get(e.getKey())));
  }

  /** Reached from outside the cluster: a LoadBalancer or NodePort, the first hop of users. */
  public boolean exposed() {
    return "LoadBalancer".equals(type) || "NodePort".equals(type);
  }
}
