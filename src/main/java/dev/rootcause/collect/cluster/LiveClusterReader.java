package dev.rootcause.collect.cluster;

import dev.rootcause.model.cluster.ClusterObjects;
import dev.rootcause.model.cluster.ContainerLog;
import dev.rootcause.model.cluster.PodState;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.utils.URLUtils;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Reads pods and logs from a live cluster through the Kubernetes API (fabric8). Only the context
 * name and API server address are ever printed, never credentials from the kubeconfig.
 */
public final class LiveClusterReader implements ClusterReader, DumpWriter.Recorded {
  private static final int LOG_READ_ATTEMPTS = 3;

  private final KubernetesClient client;
  private final String context;
  private List<HasMetadata> objectsRead = List.of();
  // The pods objects() listed, so the logs read after it are those of the same pods, one list call.
  private List<Pod> listed;
  private String listedIn;

  public LiveClusterReader(KubernetesClient client, String context) {
    this.client = client;
    this.context = context == null ? "current context" : context;
  }

  /**
   * Connects with a kubeconfig file (null: $KUBECONFIG or ~/.kube/config) and context (null: its
   * current context).
   */
  public static LiveClusterReader connect(Path kubeconfig, String context)
      throws ClusterReadException {
    return connect(kubeconfig, context, null);
  }

  /**
   * Connects as {@link #connect(Path, String)}, every request bounded by {@code timeout} (null: the
   * defaults), so a dead API server is told within it.
   */
  public static LiveClusterReader connect(Path kubeconfig, String context, Duration timeout)
      throws ClusterReadException {
    Config config;
    try {
      if (kubeconfig != null) {
        if (!Files.isRegularFile(kubeconfig)) {
          throw new ClusterReadException(kubeconfig + ": no such kubeconfig file", true);
        }
        config = Config.fromKubeconfig(context, new File(kubeconfig.toString()));
      } else {
        config = Config.autoConfigure(context);
      }
    } catch (KubernetesClientException | IllegalArgumentException e) {
      throw new ClusterReadException(
          "cannot load kubeconfig"
              + (context == null ? "" : " context " + context)
              + ": "
              + safe(e.getMessage()),
          true);
    }
    // An on-call engineer waiting on a dead API server wants to know in seconds, not minutes.
    config.setRequestRetryBackoffLimit(2);
    config.setConnectionTimeout(5_000);
    if (timeout != null) {
      int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
      config.setConnectionTimeout(Math.min(millis, 5_000));
      config.setRequestTimeout(millis);
      config.setRequestRetryBackoffLimit(0);
    }
    String name =
        context != null
            ? context
            : config.getCurrentContext() == null ? null : config.getCurrentContext().getName();
    return new LiveClusterReader(new KubernetesClientBuilder().withConfig(config).build(), name);
  }

  /**
   * The namespace of the kubeconfig context, else {@code default}: what kubectl reads without -n.
   */
  public String defaultNamespace() {
    return client.getNamespace() == null ? "default" : client.getNamespace();
  }

  @Override
  public String describe() {
    return "context " + context + " (" + client.getMasterUrl() + ")";
  }

  @Override
  public String context() {
    return context;
  }

  @Override
  public boolean live() {
    return true;
  }

  @Override
  public Instant now() {
    return Instant.now();
  }

  @Override
  public List<PodState> pods(String namespace) throws ClusterReadException {
    try {
      List<PodState> out = new ArrayList<>();
      for (Pod p : client.pods().inNamespace(namespace).list().getItems()) {
        out.add(PodStates.of(p, context));
      }
      return out;
    } catch (KubernetesClientException e) {
      throw unreachable("list pods in " + namespace, e);
    }
  }

  @Override
  public List<ContainerLog> logs(String namespace, Instant since) throws ClusterReadException {
    List<ContainerLog> out = new ArrayList<>();
    List<Pod> pods;
    try {
      pods = client.pods().inNamespace(namespace).list().getItems();
    } catch (KubernetesClientException e) {
      throw unreachable("list pods in " + namespace, e);
    }
    for (Pod p : pods) {
      String pod = p.getMetadata().getName();
      List<Container> containers =
          p.getSpec() == null || p.getSpec().getContainers() == null
              ? List.of()
              : p.getSpec().getContainers();
      for (Container c : containers) {
        String log;
        try {
          log =
              readLog(
                  namespace,
                  pod,
                  "container="
                      + query(c.getName())
                      + "&sinceTime="
                      + query(since.toString())
                      + "&timestamps=true",
                  WINDOW_LOG_BYTES);
        } catch (KubernetesClientException | IOException e) {
          // A container that never started has no log to read; the pod criteria report it.
          continue;
        }
        out.add(
            new ContainerLog(
                namespace,
                pod,
                c.getName(),
                PodStates.lines(log),
                "kubectl logs " + pod + " -c " + c.getName()));
      }
    }
    return out;
  }

  @Override
  public ClusterObjects objects(String namespace) throws ClusterReadException {
    ClusterObjectsBuilder b = new ClusterObjectsBuilder();
    listed = podObjects(namespace);
    listedIn = namespace;
    b.pods(listed);
    b.events(
        list(
            "events",
            namespace,
            b,
            () ->
                namespace == null
                    ? client.v1().events().inAnyNamespace().list().getItems()
                    : client.v1().events().inNamespace(namespace).list().getItems()));
    b.services(
        list(
            "services",
            namespace,
            b,
            () ->
                namespace == null
                    ? client.services().inAnyNamespace().list().getItems()
                    : client.services().inNamespace(namespace).list().getItems()));
    List<Endpoints> endpoints =
        list(
            "endpoints",
            namespace,
            b,
            () ->
                namespace == null
                    ? client.endpoints().inAnyNamespace().list().getItems()
                    : client.endpoints().inNamespace(namespace).list().getItems());
    if (endpoints != null) {
      b.endpoints(endpoints);
    }
    b.replicaSets(
        list(
            "replicasets",
            namespace,
            b,
            () ->
                namespace == null
                    ? client.apps().replicaSets().inAnyNamespace().list().getItems()
                    : client.apps().replicaSets().inNamespace(namespace).list().getItems()));
    boolean all = namespace == null;
    b.statusObjects(
        list(
            "deployments",
            namespace,
            b,
            () ->
                all
                    ? client.apps().deployments().inAnyNamespace().list().getItems()
                    : client.apps().deployments().inNamespace(namespace).list().getItems()));
    b.statusObjects(
        list(
            "statefulsets",
            namespace,
            b,
            () ->
                all
                    ? client.apps().statefulSets().inAnyNamespace().list().getItems()
                    : client.apps().statefulSets().inNamespace(namespace).list().getItems()));
    b.statusObjects(
        list(
            "daemonsets",
            namespace,
            b,
            () ->
                all
                    ? client.apps().daemonSets().inAnyNamespace().list().getItems()
                    : client.apps().daemonSets().inNamespace(namespace).list().getItems()));
    b.statusObjects(
        list(
            "persistentvolumeclaims",
            namespace,
            b,
            () ->
                all
                    ? client.persistentVolumeClaims().inAnyNamespace().list().getItems()
                    : client.persistentVolumeClaims().inNamespace(namespace).list().getItems()));
    b.statusObjects(
        list(
            "horizontalpodautoscalers",
            namespace,
            b,
            () ->
                all
                    ? client
                        .autoscaling()
                        .v2()
                        .horizontalPodAutoscalers()
                        .inAnyNamespace()
                        .list()
                        .getItems()
                    : client
                        .autoscaling()
                        .v2()
                        .horizontalPodAutoscalers()
                        .inNamespace(namespace)
                        .list()
                        .getItems()));
    b.statusObjects(
        list(
            "resourcequotas",
            namespace,
            b,
            () ->
                all
                    ? client.resourceQuotas().inAnyNamespace().list().getItems()
                    : client.resourceQuotas().inNamespace(namespace).list().getItems()));
    b.statusObjects(
        list(
            "networkpolicies",
            namespace,
            b,
            () ->
                all
                    ? client.network().v1().networkPolicies().inAnyNamespace().list().getItems()
                    : client
                        .network()
                        .v1()
                        .networkPolicies()
                        .inNamespace(namespace)
                        .list()
                        .getItems()));
    // Read for their specs alone: the proxies' configs, the user's way in, the drain budgets.
    b.specObjects(
        list(
            "configmaps",
            namespace,
            b,
            () ->
                all
                    ? client.configMaps().inAnyNamespace().list().getItems()
                    : client.configMaps().inNamespace(namespace).list().getItems()));
    b.specObjects(
        list(
            "ingresses",
            namespace,
            b,
            () ->
                all
                    ? client.network().v1().ingresses().inAnyNamespace().list().getItems()
                    : client.network().v1().ingresses().inNamespace(namespace).list().getItems()));
    b.specObjects(
        list(
            "poddisruptionbudgets",
            namespace,
            b,
            () ->
                all
                    ? client.policy().v1().podDisruptionBudget().inAnyNamespace().list().getItems()
                    : client
                        .policy()
                        .v1()
                        .podDisruptionBudget()
                        .inNamespace(namespace)
                        .list()
                        .getItems()));
    // Nodes are cluster-wide: a namespaced Role cannot list them, and that is only a note.
    b.statusObjects(list("nodes", namespace, b, () -> client.nodes().list().getItems()));
    if (endpoints == null) {
      b.endpointSlices(
          list(
              "endpointslices",
              namespace,
              b,
              () ->
                  all
                      ? client.discovery().v1().endpointSlices().inAnyNamespace().list().getItems()
                      : client
                          .discovery()
                          .v1()
                          .endpointSlices()
                          .inNamespace(namespace)
                          .list()
                          .getItems()));
    }
    objectsRead = b.raw();
    return b.build();
  }

  @Override
  public List<HasMetadata> objectsRead() {
    return objectsRead;
  }

  private List<Pod> podObjects(String namespace) throws ClusterReadException {
    try {
      return namespace == null
          ? client.pods().inAnyNamespace().list().getItems()
          : client.pods().inNamespace(namespace).list().getItems();
    } catch (KubernetesClientException e) {
      throw unreachable("list pods in " + (namespace == null ? "all namespaces" : namespace), e);
    }
  }

  /**
   * Lists one kind; a kind the credentials may not read is a note and null (a {@code null} for
   * Endpoints tells "not read" from "none"); any other failure means the cluster cannot be read.
   */
  private <T> List<T> list(
      String kind, String namespace, ClusterObjectsBuilder notes, Supplier<List<T>> read)
      throws ClusterReadException {
    try {
      return read.get();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 403 || e.getCode() == 401) {
        notes.note(
            kind
                + " not read: forbidden (HTTP "
                + e.getCode()
                + "); grant list on "
                + kind
                + " (docs/rbac.yaml)");
        return kind.equals("endpoints") ? null : List.of();
      }
      if (e.getCode() == 404) {
        // An API group this server does not serve (no autoscaling/v2 on an old cluster).
        notes.note(kind + " not read: not served by this API server (HTTP 404)");
        return kind.equals("endpoints") ? null : List.of();
      }
      throw unreachable(
          "list " + kind + " in " + (namespace == null ? "all namespaces" : namespace), e);
    }
  }

  @Override
  public List<ContainerLog> lastLogs(String namespace, PodFilter wanted)
      throws ClusterReadException {
    List<ContainerLog> out = new ArrayList<>();
    List<Pod> pods =
        listed != null && Objects.equals(listedIn, namespace) ? listed : podObjects(namespace);
    for (Pod p : pods) {
      String ns = p.getMetadata().getNamespace();
      String pod = p.getMetadata().getName();
      if (!wanted.wants(ns, pod)) {
        continue;
      }
      Map<String, Integer> restarts = new HashMap<>();
      if (p.getStatus() != null && p.getStatus().getContainerStatuses() != null) {
        p.getStatus()
            .getContainerStatuses()
            .forEach(
                cs ->
                    restarts.put(
                        cs.getName(), cs.getRestartCount() == null ? 0 : cs.getRestartCount()));
      }
      List<Container> containers =
          p.getSpec() == null || p.getSpec().getContainers() == null
              ? List.of()
              : p.getSpec().getContainers();
      for (Container c : containers) {
        boolean previous = restarts.getOrDefault(c.getName(), 0) > 0;
        String log;
        try {
          log =
              readLog(
                  ns,
                  pod,
                  "container="
                      + query(c.getName())
                      + (previous ? "&previous=true" : "")
                      + "&tailLines="
                      + LOG_LINES,
                  LOG_BYTES);
        } catch (KubernetesClientException | IOException e) {
          // A container that never started has no log to read: its status tells why.
          continue;
        }
        out.add(
            new ContainerLog(
                ns,
                pod,
                c.getName(),
                PodStates.lines(log),
                "kubectl logs " + pod + " -c " + c.getName() + (previous ? " --previous" : "")));
      }
    }
    return out;
  }

  /**
   * One container's log, the last {@code maxBytes} of it, read with a plain GET on the pod's {@code
   * log} subresource. fabric8's own log calls first wait for the pod to become Ready, which a
   * crashing pod never does, and that wait's cancelled watch can fail the read that follows it.
   */
  private String readLog(String namespace, String pod, String query, int maxBytes)
      throws IOException {
    HttpClient http = client.getHttpClient();
    String url =
        URLUtils.join(
                client.getMasterUrl().toString(),
                "api/v1/namespaces",
                query(namespace),
                "pods",
                query(pod),
                "log")
            + "?"
            + query;
    HttpRequest request =
        http.newHttpRequestBuilder()
            .uri(url)
            .timeout(
                Math.max(1, client.getConfiguration().getRequestTimeout()), TimeUnit.MILLISECONDS)
            .build();
    HttpResponse<InputStream> response = null;
    // A pooled keep-alive connection the server (or a proxy) closed fails the request before it
    // is sent; the GET is idempotent, so it is tried again on a fresh connection.
    for (int attempt = 1; response == null; attempt++) {
      try {
        response = http.sendAsync(request, InputStream.class).get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted reading the log of " + pod, e);
      } catch (ExecutionException e) {
        if (attempt == LOG_READ_ATTEMPTS) {
          throw new IOException("cannot read the log of " + pod + ": " + e.getCause(), e);
        }
      }
    }
    try (InputStream in = response.body()) {
      if (!response.isSuccessful()) {
        throw new IOException("HTTP " + response.code() + " reading the log of " + pod);
      }
      return lastBytes(in, maxBytes);
    }
  }

  private static String query(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /**
   * The end of a stream, at most {@code max} bytes of it, without holding more in memory: the
   * buffer grows with what was read up to {@code max}, then wraps.
   */
  static String lastBytes(InputStream in, int max) throws IOException {
    byte[] ring = new byte[Math.min(max, 64 * 1024)];
    long total = 0;
    byte[] buf = new byte[8_192];
    int n;
    while ((n = in.read(buf)) > 0) {
      if (total + n > ring.length && ring.length < max) {
        // Not wrapped yet (the buffer only wraps at max): everything read sits at [0, total).
        ring = Arrays.copyOf(ring, (int) Math.min(max, Math.max(2L * ring.length, total + n)));
      }
      for (int i = 0; i < n; i++) {
        ring[(int) ((total + i) % ring.length)] = buf[i];
      }
      total += n;
    }
    if (total <= ring.length) {
      return new String(ring, 0, (int) total, StandardCharsets.UTF_8);
    }
    int start = (int) (total % ring.length);
    byte[] ordered = new byte[ring.length];
    System.arraycopy(ring, start, ordered, 0, ring.length - start);
    System.arraycopy(ring, 0, ordered, ring.length - start, start);
    String text = new String(ordered, StandardCharsets.UTF_8);
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(nl + 1); // the first line is cut: drop it
  }

  private ClusterReadException unreachable(String what, KubernetesClientException e) {
    String why =
        e.getCode() > 0
            ? "HTTP "
                + e.getCode()
                + ": "
                + safe(e.getStatus() == null ? e.getMessage() : e.getStatus().getMessage())
            : safe(e.getMessage());
    return new ClusterReadException("cannot " + what + " (" + describe() + "): " + why, false);
  }

  /** Messages from the client can quote request URLs; keep only the first line. */
  private static String safe(String message) {
    if (message == null) {
      return "no detail";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  @Override
  public void close() {
    client.close();
  }
}
