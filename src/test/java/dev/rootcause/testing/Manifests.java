package dev.rootcause.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Small realistic manifests for CLI and end-to-end tests, and a way to lay them out in a folder.
 */
public final class Manifests {
  private Manifests() {}

  /** A Deployment and its Service that every built-in rule is happy with. */
  public static final String HEALTHY =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web, namespace: shop}
      spec:
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            containers:
              - name: web
                image: web:1.0.0
                ports: [{name: http, containerPort: 8080}]
                livenessProbe: {httpGet: {path: /healthz, port: http}, initialDelaySeconds: 10}
                readinessProbe: {httpGet: {path: /ready, port: http}}
                resources:
                  requests: {cpu: 100m, memory: 128Mi}
                  limits: {memory: 256Mi}
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: web, namespace: shop}
      spec:
        selector: {app: web}
        ports: [{port: 80, targetPort: http}]
      """;

  /** One low finding: k8s/missing-resources on container worker (line 9). */
  public static final String LOW_ONLY =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: worker, namespace: shop}
      spec:
        template:
          metadata: {labels: {app: worker}}
          spec:
            containers:
              - name: worker
                image: worker:1.0.0
                livenessProbe: {exec: {command: [/bin/true]}, initialDelaySeconds: 10}
      """;

  /** One high finding: k8s/probe-port-not-exposed, the liveness probe on 8080 (line 12). */
  public static final String HIGH =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: api, namespace: shop}
      spec:
        template:
          metadata: {labels: {app: api}}
          spec:
            containers:
              - name: api
                image: api:2.0.0
                ports: [{containerPort: 3000}]
                livenessProbe: {httpGet: {path: /healthz, port: 8080}, initialDelaySeconds: 10}
                resources:
                  requests: {cpu: 100m, memory: 128Mi}
                  limits: {memory: 256Mi}
      """;

  /** Writes {@code text} to {@code dir/relative}, creating folders; returns the file. */
  public static Path write(Path dir, String relative, String text) {
    try {
      Path file = dir.resolve(relative);
      Files.createDirectories(file.getParent());
      return Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
