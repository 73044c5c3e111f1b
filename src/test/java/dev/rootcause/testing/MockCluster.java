package dev.rootcause.testing;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One namespace of fabric8's mock API server in CRUD mode, as {@code verify} sees a live cluster:
 * pods created from kubectl output with their status, a kubeconfig to reach it, and a way to wait
 * until verify has looked at the pods, so a test changes them while watched without sleeping.
 */
public final class MockCluster {
  private final KubernetesClient client;
  private final KubernetesMockServer server;
  private final String namespace;

  public MockCluster(KubernetesClient client, KubernetesMockServer server, String namespace) {
    this.client = client;
    this.server = server;
    this.namespace = namespace;
  }

  /** Creates the pods of a kubectl JSON or YAML list whose names start with {@code prefix}. */
  public List<Pod> create(Path pods, String prefix) throws IOException {
    List<Pod> items;
    try (InputStream in = Files.newInputStream(pods)) {
      items =
          ((PodList) client.getKubernetesSerialization().unmarshal(in))
              .getItems().stream()
                  .filter(p -> p.getMetadata().getName().startsWith(prefix))
                  .toList();
    }
    items.forEach(this::createWithStatus);
    return items;
  }

  /** Creates the pod in this namespace, then sets its status as the kubelet would. */
  public void createWithStatus(Pod pod) {
    pod.getMetadata().setNamespace(namespace);
    var status = pod.getStatus();
    Pod created = client.resource(pod).create();
    created.setStatus(status);
    client.resource(created).updateStatus();
  }

  /** Waits until the pods of this namespace have been listed {@code looks} times. */
  public void awaitLooks(int looks) throws InterruptedException {
    String list = "/api/v1/namespaces/" + namespace + "/pods";
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    int seen = 0;
    while (seen < looks) {
      RecordedRequest r = server.takeRequest(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (r == null) {
        throw new AssertionError("the pods of " + namespace + " were listed " + seen + " times");
      }
      if ("GET".equals(r.getMethod())
          && (r.getPath().equals(list) || r.getPath().startsWith(list + "?"))) {
        seen++;
      }
    }
  }

  /** A kubeconfig for the mock server, with a token that must never be printed. */
  public Path kubeconfig(Path dir) throws IOException {
    return kubeconfig(dir, client.getMasterUrl().toString());
  }

  public static Path kubeconfig(Path dir, String server) throws IOException {
    Path file = dir.resolve("kubeconfig");
    Files.writeString(
        file,
        """
        apiVersion: v1
        kind: Config
        clusters:
        - cluster:
            insecure-skip-tls-verify: true
            server: %s
          name: mock
        contexts:
        - context:
            cluster: mock
            user: admin
          name: mock
        current-context: mock
        users:
        - name: admin
          user:
            token: s3cr3t-token
        """
            .formatted(server));
    return file;
  }
}
