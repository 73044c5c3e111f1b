package dev.rootcause.model.proxy;

import dev.rootcause.model.HostReference;
import dev.rootcause.model.HostUse;
import dev.rootcause.model.ListenPort;
import dev.rootcause.model.SystemModel;
import dev.rootcause.model.app.AppFacts;
import dev.rootcause.model.compose.ComposeService;
import dev.rootcause.model.k8s.Container;
import dev.rootcause.model.k8s.Ingress;
import dev.rootcause.model.k8s.Service;
import dev.rootcause.model.k8s.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which application a proxy's upstream reaches, and the routes an Ingress gives ingress-nginx: the
 * app of the pod's other container for a sidecar's loopback address, the app the pods of a Service
 * run for a Service name, the app a compose service builds for a compose service name. Answered
 * only when the repository names exactly one.
 */
public final class Upstreams {
  private Upstreams() {}

  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1", "0.0.0.0");

  /** ingress-nginx's annotation for how long it waits for the upstream's answer. */
  public static final String READ_TIMEOUT = "nginx.ingress.kubernetes.io/proxy-read-timeout";

  /** The one app {@code upstream} reaches, if the repository tells. */
  public static Optional<AppFacts> appBehind(SystemModel model, HostReference upstream) {
    List<AppFacts> apps = new ArrayList<>();
    String host = upstream.host();
    if (LOOPBACK.contains(host)) {
      for (HostUse use : model.hostUses()) {
        if (use.workload() != null && use.reference().equals(upstream)) {
          apps.addAll(podNeighbours(model, use.workload(), upstream.port()));
        }
      }
      return one(apps);
    }
    String name = host.contains(".") ? host.substring(0, host.indexOf('.')) : host;
    List<Service> services = model.services().stream().filter(s -> s.name().equals(name)).toList();
    if (services.size() == 1) {
      model.workloadsSelectedBy(services.get(0)).stream()
          .flatMap(w -> w.containers().stream())
          .map(model::appOf)
          .flatMap(Optional::stream)
          .forEach(apps::add);
      return one(apps);
    }
    for (ComposeService service : model.composeServices()) {
      ComposeService.Build build = service.build();
      if (service.name().equals(host) && build != null && build.dockerfileExists()) {
        model.dockerfile(build.dockerfile()).flatMap(model::appOf).ifPresent(apps::add);
      }
    }
    return one(apps);
  }

  /** The apps of the workload's containers that listen on {@code port} (a sidecar's neighbours). */
  private static List<AppFacts> podNeighbours(SystemModel model, Workload workload, Integer port) {
    List<AppFacts> apps = new ArrayList<>();
    for (Container c : workload.containers()) {
      Optional<ListenPort> listen = model.listenPort(workload, c);
      if (port != null && listen.isPresent() && listen.get().port() == port) {
        model.appOf(c).ifPresent(apps::add);
      }
    }
    return apps;
  }

  private static Optional<AppFacts> one(List<AppFacts> apps) {
    List<AppFacts> distinct = apps.stream().distinct().toList();
    return distinct.size() == 1 ? Optional.of(distinct.get(0)) : Optional.empty();
  }

  /**
   * The paths of Ingresses that set ingress-nginx's read timeout, as routes to their Service; an
   * Ingress using regex paths gives regex routes, which no path is decided against.
   */
  public static List<ProxyRoute> ingressRoutes(SystemModel model) {
    List<ProxyRoute> routes = new ArrayList<>();
    for (Ingress ingress : model.ingresses()) {
      String stated = ingress.meta().annotations().get(READ_TIMEOUT);
      if (stated == null) {
        continue;
      }
      boolean regex =
          "true".equals(ingress.meta().annotations().get("nginx.ingress.kubernetes.io/use-regex"));
      for (int i = 0; i < ingress.backends().size(); i++) {
        Ingress.Backend b = ingress.backends().get(i);
        // the annotation's own line is not kept: the backend it applies to stands for it
        ProxyRoute.Timeout timeout =
            new ProxyRoute.Timeout(seconds(stated), true, READ_TIMEOUT, b.location());
        String path = b.path() == null || b.path().isEmpty() ? "/" : b.path();
        Integer port = b.port() == null || b.port().isNamed() ? null : b.port().number();
        routes.add(
            new ProxyRoute(
                ProxyRoute.Proxy.INGRESS_NGINX,
                ingress.meta().displayName(),
                i,
                regex ? ProxyRoute.Match.REGEX : ProxyRoute.Match.PREFIX,
                path,
                null,
                new HostReference(b.serviceName(), port, "ingress backend", b.location()),
                b.location(),
                timeout,
                null));
      }
    }
    return routes;
  }

  /** The annotation's value: whole seconds, as ingress-nginx reads it. */
  private static Double seconds(String text) {
    try {
      return (double) Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
