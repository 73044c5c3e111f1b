package dev.rootcause.collect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.model.Finding;
import dev.rootcause.model.ScanResult;
import dev.rootcause.testing.Manifests;
import dev.rootcause.testing.Scans;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sibling folders are separate systems only when nothing joins them: a repository split by kind
 * ({@code deployments/}, {@code services/}, {@code policies/}) or into services that call each
 * other stays one system; look-alike exercises do not see each other.
 */
class SystemSplitTest {
  @TempDir Path dir;

  private static final String WEB =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: %1$s
      spec:
        selector:
          matchLabels:
            app: %1$s
        template:
          metadata:
            labels:
              app: %1$s
          spec:
            containers:
              - name: %1$s
                image: nginx:1.27
                ports:
                  - containerPort: 80
                env:
                  - name: UPSTREAM
                    value: %2$s
      """;

  private static final String SERVICE =
      """
      apiVersion: v1
      kind: Service
      metadata:
        name: %1$s
      spec:
        selector:
          app: %1$s
        ports:
          - port: 80
            targetPort: 80
      """;

  @Test
  void aRepositorySplitByKindIsOneSystem() {
    Manifests.write(dir, "k8s/deployments/web.yaml", WEB.formatted("web", "none"));
    Manifests.write(dir, "k8s/deployments/client.yaml", WEB.formatted("client", "http://web:80"));
    Manifests.write(dir, "k8s/services/web.yaml", SERVICE.formatted("web"));
    Manifests.write(
        dir,
        "k8s/policies/web.yaml",
        """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: web-from-frontend
        spec:
          podSelector:
            matchLabels:
              app: web
          ingress:
            - from:
                - podSelector:
                    matchLabels:
                      app: frontend
        """);

    ScanResult result = Scans.scan(dir);

    assertThat(result.findings())
        .extracting(Finding::ruleId)
        .as("the Service selects the pods of deployments/, the policy blocks the client")
        .doesNotContain("k8s/service-selects-nothing", "k8s/unknown-service-host")
        .contains("network/policy-blocks-service-traffic");
  }

  @Test
  void servicesThatCallEachOtherFromTheirOwnFoldersAreOneSystem() {
    Manifests.write(
        dir,
        "services/frontend/deploy.yaml",
        WEB.formatted("frontend", "http://backend:80") + "---\n" + SERVICE.formatted("frontend"));
    Manifests.write(
        dir,
        "services/backend/deploy.yaml",
        WEB.formatted("backend", "none") + "---\n" + SERVICE.formatted("backend"));

    ScanResult result = Scans.scan(dir);

    assertThat(result.findings())
        .extracting(Finding::ruleId)
        .doesNotContain("k8s/unknown-service-host");
  }

  @Test
  void anExerciseWhoseHostNamesAnotherExercisesServiceIsJoinedNotFlagged() {
    // Unknown is not wrong: a name that resolves only next door may be how the repository is meant.
    Manifests.write(
        dir,
        "lab-1/app.yaml",
        WEB.formatted("web", "http://api:80") + "---\n" + SERVICE.formatted("web"));
    Manifests.write(
        dir, "lab-2/app.yaml", WEB.formatted("api", "none") + "---\n" + SERVICE.formatted("api"));

    ScanResult result = Scans.scan(dir);

    assertThat(result.findings())
        .extracting(Finding::ruleId)
        .doesNotContain("k8s/unknown-service-host");
  }

  @Test
  void aLookAlikeExercisesSelectorDoesNotFindAnotherExercisesPods() {
    Manifests.write(dir, "lab-1/app.yaml", WEB.formatted("web", "none"));
    Manifests.write(
        dir,
        "lab-2/app.yaml",
        WEB.formatted("shop", "none")
            + "---\n"
            + SERVICE.formatted("shop").replace("app: shop", "app: web"));

    ScanResult result = Scans.scan(dir);

    assertThat(result.findings())
        .extracting(Finding::ruleId)
        .as("lab-2's Service selects app=web, which only lab-1's pods carry")
        .contains("k8s/service-selects-nothing");
  }
}
