package dev.rootcause.model.cluster;

import java.util.HashMap;
import java.util.Map;

/**
 * The Service a log's host names, whether by name ({@code postgres.data.svc}) or by address: a
 * client configured with an IP ({@code PGHOST=10.96.0.12}) logs {@code ECONNREFUSED
 * 10.96.0.12:5432}, and that IP is a Service's ClusterIP or the IP of a pod a Service selects. An
 * IP no Service owns (a database outside the cluster, a pod that is gone) names none. Built once
 * per cluster state, so each log line costs two map look-ups.
 */
public final class ServiceAddresses {
  private final Map<String, ServiceState> byClusterIp = new HashMap<>();
  private final Map<String, PodState> podByIp = new HashMap<>();
  private final ClusterState cluster;

  /**
   * The Service a host names, and how it was told.
   *
   * @param via null when the host names the Service; else how the address belongs to it: {@code the
   *     ClusterIP of Service postgres}, {@code the IP of pod postgres-0, behind Service postgres}
   */
  public record Target(ServiceRef ref, String via) {}

  public ServiceAddresses(ClusterState cluster) {
    this.cluster = cluster;
    for (ServiceState s : cluster.objects().services()) {
      if (s.clusterIp() != null) {
        byClusterIp.putIfAbsent(s.clusterIp(), s);
      }
    }
    for (PodState p : cluster.pods()) {
      if (p.ip() != null && !p.succeeded()) {
        podByIp.putIfAbsent(p.ip(), p);
      }
    }
  }

  /**
   * The Service {@code host} names, or null when it names none that can be told.
   *
   * @param host as the log wrote it, perhaps with a port ({@code 10.96.0.12:5432})
   * @param callerNamespace where the caller runs: a bare name resolves there
   */
  public Target of(String host, String callerNamespace) {
    ServiceRef byName = ServiceRef.of(host, callerNamespace);
    if (byName != null) {
      return new Target(byName, null);
    }
    String ip = ipv4(host);
    if (ip == null) {
      return null;
    }
    ServiceState service = byClusterIp.get(ip);
    if (service != null) {
      return new Target(
          new ServiceRef(service.namespace(), service.name()),
          "the ClusterIP of Service " + service.name());
    }
    PodState pod = podByIp.get(ip);
    if (pod == null) {
      return null;
    }
    for (ServiceState s : cluster.objects().services()) {
      if (s.selects(pod)) {
        return new Target(
            new ServiceRef(s.namespace(), s.name()),
            "the IP of pod " + pod.name() + ", behind Service " + s.name());
      }
    }
    return null;
  }

  /** {@code 10.96.0.12} of {@code 10.96.0.12:5432} or {@code 10.96.0.12}; null if no IPv4. */
  static String ipv4(String host) {
    if (host == null) {
      return null;
    }
    int colon = host.indexOf(':');
    String ip = colon < 0 ? host : host.substring(0, colon);
    if (colon >= 0 && (colon != host.lastIndexOf(':') || !digits(host.substring(colon + 1)))) {
      return null;
    }
    int dots = 0;
    int run = 0;
    for (int i = 0; i < ip.length(); i++) {
      char c = ip.charAt(i);
      if (c == '.') {
        if (run == 0) {
          return null;
        }
        dots++;
        run = 0;
      } else if (Character.isDigit(c) && run < 3) {
        run++;
      } else {
        return null;
      }
    }
    return dots == 3 && run > 0 ? ip : null;
  }

  private static boolean digits(String s) {
    return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
  }
}
