package dev.rootcause.collect.cluster;

import dev.rootcause.model.cluster.AutoscalerState;
import dev.rootcause.model.cluster.ClaimState;
import dev.rootcause.model.cluster.ClusterEvent;
import dev.rootcause.model.cluster.ClusterObjects;
import dev.rootcause.model.cluster.ContainerSpec;
import dev.rootcause.model.cluster.DumpDamage;
import dev.rootcause.model.cluster.NodeState;
import dev.rootcause.model.cluster.PodDetail;
import dev.rootcause.model.cluster.PolicyState;
import dev.rootcause.model.cluster.ProbeSpec;
import dev.rootcause.model.cluster.QuotaState;
import dev.rootcause.model.cluster.ServiceState;
import dev.rootcause.model.cluster.WorkloadStatus;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns the fabric8 objects read from a cluster or a dump into {@link ClusterObjects}: pod specs
 * with their owners resolved through ReplicaSets, events aggregated per object and reason, and
 * Services joined to their Endpoints. Both readers use it, so a dump and a live cluster agree.
 */
final class ClusterObjectsBuilder {
  private static final java.util.Set<String> SPEC_KINDS =
      java.util.Set.of("ConfigMap", "Ingress", "PodDisruptionBudget");

  private final List<Pod> pods = new ArrayList<>();
  private final List<Event> events = new ArrayList<>();
  private final List<Service> services = new ArrayList<>();
  private final Map<String, Endpoints> endpoints = new HashMap<>();
  private final Map<String, ReplicaSet> replicaSets = new HashMap<>();
  private final List<String> notes = new ArrayList<>();
  private final List<DumpDamage> damages = new ArrayList<>();
  private final List<HasMetadata> controllers = new ArrayList<>();
  private final List<HasMetadata> others = new ArrayList<>();
  private final List<HasMetadata> raw = new ArrayList<>();
  private boolean endpointsRead;

  /** Every object given, as read: what {@code --save-dump} writes. */
  List<HasMetadata> raw() {
    return raw;
  }

  void pods(List<Pod> read) {
    raw.addAll(read);
    pods.addAll(read);
  }

  void events(List<Event> read) {
    raw.addAll(read);
    events.addAll(read);
  }

  void services(List<Service> read) {
    raw.addAll(read);
    services.addAll(read);
  }

  void endpoints(List<Endpoints> read) {
    raw.addAll(read);
    endpointsRead = true;
    read.forEach(
        e -> endpoints.put(key(e.getMetadata().getNamespace(), e.getMetadata().getName()), e));
  }

  void replicaSets(List<ReplicaSet> read) {
    raw.addAll(read);
    read.forEach(
        r -> replicaSets.put(key(r.getMetadata().getNamespace(), r.getMetadata().getName()), r));
    controllers.addAll(read);
  }

  /**
   * Deployments, StatefulSets and DaemonSets (their conditions), nodes, claims, autoscalers, quotas
   * and network policies: read when there, each kind its own list.
   */
  void statusObjects(List<? extends HasMetadata> read) {
    for (HasMetadata o : read) {
      if (o instanceof ReplicaSet r) {
        replicaSets(List.of(r));
      } else if (o instanceof Deployment || o instanceof StatefulSet || o instanceof DaemonSet) {
        raw.add(o);
        controllers.add(o);
      } else {
        raw.add(o);
        others.add(o);
      }
    }
  }

  /**
   * ConfigMaps, Ingresses and PodDisruptionBudgets: no state a diagnosis weighs, only specs the
   * manifest rules read (a sidecar's config, an Ingress backend, a budget that blocks a drain).
   */
  void specObjects(List<? extends HasMetadata> read) {
    raw.addAll(read);
  }

  /** Whether the object is one read for its spec alone (see {@link #specObjects}). */
  static boolean specKind(HasMetadata o) {
    return SPEC_KINDS.contains(o.getKind());
  }

  /**
   * EndpointSlices stand for the Endpoints when those were not read (a dump of {@code kubectl get
   * endpointslices}, a cluster that serves only the discovery API): one Endpoints per Service.
   */
  void endpointSlices(List<EndpointSlice> read) {
    if (endpointsRead || read.isEmpty()) {
      return;
    }
    raw.addAll(read);
    endpointsRead = true;
    for (EndpointSlice slice : read) {
      var labels = slice.getMetadata().getLabels();
      String service = labels == null ? null : labels.get("kubernetes.io/service-name");
      if (service == null || slice.getEndpoints() == null) {
        continue;
      }
      String ns = slice.getMetadata().getNamespace();
      Endpoints ep =
          endpoints.computeIfAbsent(
              key(ns, service),
              k ->
                  new io.fabric8.kubernetes.api.model.EndpointsBuilder()
                      .withNewMetadata()
                      .withNamespace(ns)
                      .withName(service)
                      .endMetadata()
                      .addNewSubset()
                      .endSubset()
                      .build());
      EndpointSubset subset = ep.getSubsets().get(0);
      for (Endpoint e : slice.getEndpoints()) {
        String ip =
            e.getAddresses() == null || e.getAddresses().isEmpty() ? null : e.getAddresses().get(0);
        EndpointAddress address =
            new io.fabric8.kubernetes.api.model.EndpointAddressBuilder()
                .withIp(ip)
                .withTargetRef(e.getTargetRef())
                .build();
        boolean ready =
            e.getConditions() == null || !Boolean.FALSE.equals(e.getConditions().getReady());
        if (ready) {
          subset.getAddresses().add(address);
        } else {
          subset.getNotReadyAddresses().add(address);
        }
      }
    }
  }

  /** A file of a dump read only in part: the report says where it stopped. */
  void damaged(DumpDamage damage) {
    damages.add(damage);
  }

  /** A kind that could not be read, and why: the report says it, the rest runs. */
  void note(String note) {
    notes.add(note);
  }

  ClusterObjects build() {
    List<PodDetail> details = new ArrayList<>();
    for (Pod p : pods) {
      details.add(detail(p));
    }
    List<ServiceState> svc = new ArrayList<>();
    for (Service s : services) {
      svc.add(service(s));
    }
    List<WorkloadStatus> workloads = new ArrayList<>();
    controllers.forEach(o -> workloads.add(ObjectStates.workload(o)));
    List<NodeState> nodes = new ArrayList<>();
    List<ClaimState> claims = new ArrayList<>();
    List<AutoscalerState> autoscalers = new ArrayList<>();
    List<QuotaState> quotas = new ArrayList<>();
    List<PolicyState> policies = new ArrayList<>();
    for (HasMetadata o : others) {
      if (o instanceof Node n) {
        nodes.add(ObjectStates.node(n));
      } else if (o instanceof PersistentVolumeClaim c) {
        claims.add(ObjectStates.claim(c));
      } else if (o instanceof ResourceQuota q) {
        quotas.add(ObjectStates.quota(q));
      } else if (o instanceof NetworkPolicy p) {
        policies.add(ObjectStates.policy(p));
      } else {
        AutoscalerState hpa = ObjectStates.autoscaler(o);
        if (hpa != null) {
          autoscalers.add(hpa);
        }
      }
    }
    return new ClusterObjects(
        details,
        aggregate(events),
        svc,
        notes,
        workloads,
        nodes,
        claims,
        autoscalers,
        quotas,
        policies,
        damages);
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  private PodDetail detail(Pod pod) {
    String ns = pod.getMetadata().getNamespace();
    OwnerReference owner = ObjectStates.controller(pod.getMetadata().getOwnerReferences());
    String ownerKind = owner == null ? null : owner.getKind();
    String ownerName = owner == null ? null : owner.getName();
    if ("ReplicaSet".equals(ownerKind)) {
      ReplicaSet rs = replicaSets.get(key(ns, ownerName));
      OwnerReference up =
          rs == null ? null : ObjectStates.controller(rs.getMetadata().getOwnerReferences());
      String hash =
          pod.getMetadata().getLabels() == null
              ? null
              : pod.getMetadata().getLabels().get("pod-template-hash");
      if (up != null) {
        ownerKind = up.getKind();
        ownerName = up.getName();
      } else if (rs == null && hash != null && ownerName.endsWith("-" + hash)) {
        // A Deployment names its ReplicaSets <deployment>-<pod-template-hash>.
        ownerKind = "Deployment";
        ownerName = ownerName.substring(0, ownerName.length() - hash.length() - 1);
      }
    }
    List<ContainerSpec> containers = new ArrayList<>();
    var spec = pod.getSpec();
    if (spec != null && spec.getContainers() != null) {
      spec.getContainers().forEach(c -> containers.add(container(c)));
    }
    boolean secrets =
        spec != null && spec.getImagePullSecrets() != null && !spec.getImagePullSecrets().isEmpty();
    List<String> claims = new ArrayList<>();
    if (spec != null && spec.getVolumes() != null) {
      spec.getVolumes().stream()
          .filter(v -> v.getPersistentVolumeClaim() != null)
          .forEach(v -> claims.add(v.getPersistentVolumeClaim().getClaimName()));
    }
    return new PodDetail(
        ns,
        pod.getMetadata().getName(),
        ownerKind,
        ownerName,
        secrets,
        containers,
        PodStates.time(pod.getMetadata().getCreationTimestamp()),
        spec == null ? null : spec.getNodeName(),
        spec == null || spec.getNodeSelector() == null ? Map.of() : spec.getNodeSelector(),
        claims);
  }

  private static ContainerSpec container(Container c) {
    List<Integer> ports = new ArrayList<>();
    Map<String, Integer> names = new HashMap<>();
    if (c.getPorts() != null) {
      for (ContainerPort p : c.getPorts()) {
        if (p.getContainerPort() != null) {
          ports.add(p.getContainerPort());
          if (p.getName() != null) {
            names.put(p.getName(), p.getContainerPort());
          }
        }
      }
    }
    var res = c.getResources();
    List<String> env = new ArrayList<>();
    if (c.getEnv() != null) {
      c.getEnv().forEach(e -> env.add(e.getName()));
    }
    return new ContainerSpec(
        c.getName(),
        c.getImage(),
        c.getImagePullPolicy(),
        res == null ? null : memory(res.getRequests()),
        res == null ? null : memory(res.getLimits()),
        ports,
        names,
        probe(c.getLivenessProbe()),
        probe(c.getReadinessProbe()),
        res == null ? null : quantity(res.getRequests(), "cpu"),
        env);
  }

  private static String memory(Map<String, Quantity> quantities) {
    return quantity(quantities, "memory");
  }

  private static String quantity(Map<String, Quantity> quantities, String name) {
    Quantity q = quantities == null ? null : quantities.get(name);
    return q == null ? null : q.getAmount() + (q.getFormat() == null ? "" : q.getFormat());
  }

  private static ProbeSpec probe(Probe p) {
    if (p == null) {
      return null;
    }
    int timeout = p.getTimeoutSeconds() == null ? 1 : p.getTimeoutSeconds();
    int threshold = p.getFailureThreshold() == null ? 3 : p.getFailureThreshold();
    if (p.getHttpGet() != null) {
      return new ProbeSpec(
          "httpGet", port(p.getHttpGet().getPort()), p.getHttpGet().getPath(), timeout, threshold);
    }
    if (p.getTcpSocket() != null) {
      return new ProbeSpec("tcpSocket", port(p.getTcpSocket().getPort()), null, timeout, threshold);
    }
    if (p.getGrpc() != null) {
      return new ProbeSpec("grpc", String.valueOf(p.getGrpc().getPort()), null, timeout, threshold);
    }
    return new ProbeSpec("exec", null, null, timeout, threshold);
  }

  private static String port(IntOrString port) {
    if (port == null) {
      return null;
    }
    return port.getIntVal() != null ? String.valueOf(port.getIntVal()) : port.getStrVal();
  }

  private ServiceState service(Service s) {
    String ns = s.getMetadata().getNamespace();
    String name = s.getMetadata().getName();
    var spec = s.getSpec();
    Map<String, String> selector =
        spec == null || spec.getSelector() == null ? Map.of() : spec.getSelector();
    List<Integer> ports = new ArrayList<>();
    if (spec != null && spec.getPorts() != null) {
      for (ServicePort p : spec.getPorts()) {
        if (p.getPort() != null) {
          ports.add(p.getPort());
        }
      }
    }
    Endpoints ep = endpoints.get(key(ns, name));
    int ready = 0;
    List<String> notReady = new ArrayList<>();
    if (ep != null && ep.getSubsets() != null) {
      for (EndpointSubset subset : ep.getSubsets()) {
        ready += subset.getAddresses() == null ? 0 : subset.getAddresses().size();
        if (subset.getNotReadyAddresses() != null) {
          for (EndpointAddress a : subset.getNotReadyAddresses()) {
            notReady.add(a.getTargetRef() == null ? a.getIp() : a.getTargetRef().getName());
          }
        }
      }
    }
    String type = spec == null || spec.getType() == null ? "ClusterIP" : spec.getType();
    return new ServiceState(
        ns,
        name,
        type,
        selector,
        ports,
        endpointsRead && ep != null,
        ready,
        notReady,
        spec == null ? null : spec.getClusterIP());
  }

  /** Events of one object for one reason become one, counted, first and last seen, last message. */
  static List<ClusterEvent> aggregate(List<Event> events) {
    Map<String, ClusterEvent> byKey = new LinkedHashMap<>();
    for (Event e : events) {
      var obj = e.getInvolvedObject();
      if (obj == null || obj.getName() == null) {
        continue;
      }
      String ns =
          obj.getNamespace() != null
              ? obj.getNamespace()
              : e.getMetadata() == null ? null : e.getMetadata().getNamespace();
      String message = e.getMessage() == null ? "" : e.getMessage().strip();
      int count =
          e.getSeries() != null && e.getSeries().getCount() != null
              ? e.getSeries().getCount()
              : e.getCount() == null ? 1 : e.getCount();
      Instant first =
          firstNonNull(PodStates.time(e.getFirstTimestamp()), microTime(e.getEventTime()));
      Instant last =
          firstNonNull(
              PodStates.time(e.getLastTimestamp()),
              e.getSeries() == null || e.getSeries().getLastObservedTime() == null
                  ? null
                  : PodStates.time(e.getSeries().getLastObservedTime().getTime()),
              microTime(e.getEventTime()),
              first);
      // One reason covers several facts ("Failed to pull image ..." and "Error: ErrImagePull";
      // liveness and readiness "Unhealthy"): what comes before the first colon tells them apart.
      int colon = message.indexOf(':');
      String topic = colon < 0 ? message : message.substring(0, colon);
      String key =
          String.join(
              "\u0000",
              String.valueOf(ns),
              obj.getKind(),
              obj.getName(),
              String.valueOf(obj.getFieldPath()),
              String.valueOf(e.getReason()),
              topic);
      ClusterEvent now =
          new ClusterEvent(
              ns,
              obj.getKind(),
              obj.getName(),
              obj.getFieldPath(),
              e.getType(),
              e.getReason(),
              message,
              count,
              first,
              last);
      byKey.merge(key, now, ClusterObjectsBuilder::merge);
    }
    return List.copyOf(byKey.values());
  }

  private static ClusterEvent merge(ClusterEvent a, ClusterEvent b) {
    boolean bLater =
        a.lastSeen() == null || (b.lastSeen() != null && !b.lastSeen().isBefore(a.lastSeen()));
    Instant first =
        a.firstSeen() == null
            ? b.firstSeen()
            : b.firstSeen() == null
                ? a.firstSeen()
                : a.firstSeen().isBefore(b.firstSeen()) ? a.firstSeen() : b.firstSeen();
    ClusterEvent latest = bLater ? b : a;
    return new ClusterEvent(
        a.namespace(),
        a.kind(),
        a.name(),
        a.fieldPath(),
        "Warning".equals(a.type()) || "Warning".equals(b.type()) ? "Warning" : a.type(),
        a.reason(),
        latest.message(),
        a.count() + b.count(),
        first,
        latest.lastSeen());
  }

  private static Instant microTime(io.fabric8.kubernetes.api.model.MicroTime t) {
    return t == null ? null : PodStates.time(t.getTime());
  }

  @SafeVarargs
  private static <T> T firstNonNull(T... values) {
    for (T v : values) {
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  static boolean sameNamespace(String wanted, String actual) {
    return wanted == null || Objects.equals(wanted, actual);
  }
}
