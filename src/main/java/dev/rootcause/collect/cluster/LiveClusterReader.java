package dev.rootcause.collect.cluster;

import dev.rootcause.model.cluster.ContainerLog;
import dev.rootcause.model.cluster.PodState;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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
  public static LiveClusterReader connect(Path kubeconfig, String context) throws ClusterReadException {
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
      throw new ClusterReadException("cannot load kubeconfig" + (context == null ? "" : " context "
          + context) + ": " + safe(e.getMessage()), true);
    }
    // An on-call engineer waiting on a dead API server wants to know in seconds, not minutes.
    config.setRequestRetryBackoffLimit(2);
    config.setConnectionTimeout(5_000);
    String name = context != null ? context : config.getCurrentContext() == null ? null
        : config.getCurrentContext().getName();
    return new LiveClusterReader(new KubernetesClientBuilder().withConfig(config).build(), name);
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
      List<Container> containers = p.getSpec() == null || p.getSpec().getContainers() == null
          ? List.of() : p.getSpec().getContainers();
      for (Container c : containers) {
        String log;
        try {
          log = client.pods().inNamespace(namespace).withName(pod).inContainer(c.getName())
              .usingTimestamps().sinceTime(since.toString()).getLog();
        } catch (KubernetesClientException e) {
          // A container that never started has no log to read; the pod criteria report it.
          continue;
        }
        out.add(new ContainerLog(namespace, pod, c.getName(), PodStates.lines(log),
            "kubectl logs " + pod + " -c " + c.getName()));
      }
    }
    return out;
  }

  private ClusterReadException unreachable(String what, KubernetesClientException e) {
    String why = e.getCode() > 0 ? "HTTP " + e.getCode() + ": " + safe(e.getStatus() == null ? e.getMessage()
        : e.getStatus().getMessage()) : safe(e.getMessage());
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
