package dev.rootcause.collect.cluster;

import dev.rootcause.model.cluster.ClusterObjects;
import dev.rootcause.model.cluster.ContainerLog;
import dev.rootcause.model.cluster.PodState;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads pods and logs from a live cluster through the Kubernetes API (fabric8). Only the context
 * name and API server address are ever printed, never credentials from the kubeconfig.
 */
public final class LiveClusterReader implements ClusterReader {
  private final KubernetesClient client;
  private final String context;

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
              client
                  .pods()
                  .inNamespace(namespace)
                  .withName(pod)
                  .inContainer(c.getName())
                  .usingTimestamps()
                  .sinceTime(since.toString())
                  .getLog();
        } catch (KubernetesClientException e) {
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
    b.pods(podObjects(namespace));
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
    return b.build();
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
      throw unreachable(
          "list " + kind + " in " + (namespace == null ? "all namespaces" : namespace), e);
    }
  }

  @Override
  public List<ContainerLog> lastLogs(String namespace) throws ClusterReadException {
    List<ContainerLog> out = new ArrayList<>();
    for (Pod p : podObjects(namespace)) {
      String ns = p.getMetadata().getNamespace();
      String pod = p.getMetadata().getName();
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
          var logs = client.pods().inNamespace(ns).withName(pod).inContainer(c.getName());
          var tail = (previous ? logs.terminated() : logs).tailingLines(LOG_LINES);
          try (InputStream in = tail.getLogInputStream()) {
            log = lastBytes(in, LOG_BYTES);
          }
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

  /** The end of a stream, at most {@code max} bytes of it, without holding more in memory. */
  static String lastBytes(InputStream in, int max) throws IOException {
    byte[] ring = new byte[max];
    long total = 0;
    byte[] buf = new byte[8_192];
    int n;
    while ((n = in.read(buf)) > 0) {
      for (int i = 0; i < n; i++) {
        ring[(int) ((total + i) % max)] = buf[i];
      }
      total += n;
    }
    if (total <= max) {
      return new String(ring, 0, (int) total, StandardCharsets.UTF_8);
    }
    int start = (int) (total % max);
    byte[] ordered = new byte[max];
    System.arraycopy(ring, start, ordered, 0, max - start);
    System.arraycopy(ring, 0, ordered, max - start, start);
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
