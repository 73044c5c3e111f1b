package dev.rootcause.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.rootcause.model.CollectionProblem;
import dev.rootcause.model.Finding;
import dev.rootcause.model.ScanResult;
import dev.rootcause.pipeline.Scanner;
import dev.rootcause.testing.Manifests;
import dev.rootcause.testing.Scans;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dump of a cluster is a cluster, not a repository: {@code scan} of {@code kubectl get all -A -o
 * yaml} reports each problem once, on the object a person fixes (the Deployment), not again on
 * every ReplicaSet and Pod it owns; the platform's own workloads are not the team's faults.
 */
class ClusterDumpScanTest {
  /** Seed 002's cluster as kubectl printed it (written by make-get-all.py beside it). */
  private static final Path GET_ALL = Path.of("src/test/resources/dumps/seed-002-get-all.yaml");

  @TempDir Path dir;

  @Test
  void eachProblemOfTheSeed002ClusterIsReportedOnceOnItsOwner() {
    ScanResult result = Scans.scan(GET_ALL);

    assertThat(result.findings())
        .extracting(Finding::ruleId, f -> subject(f))
        .containsExactlyInAnyOrder(
            tuple("k8s/service-selects-nothing", "Service production/gateway"),
            tuple("k8s/probe-port-not-exposed", "Deployment production/api-service"),
            tuple("k8s/unknown-service-host", "Deployment production/order-service"),
            tuple("k8s/fault-injection-enabled", "Deployment production/database-service"));
  }

  @Test
  void ownedAndSystemObjectsAreCountedInOneNote() {
    ScanResult result = Scans.scan(GET_ALL);

    assertThat(result.problems())
        .extracting(CollectionProblem::message)
        .containsExactly(
            "kubectl output (live state): 10 Pods, 12 ReplicaSets owned by a controller are reported"
                + " once, on their owner; 9 objects of kube-system (the platform's own workloads)"
                + " not checked");
    assertThat(result.coverage().manifests()).isEqualTo(1);
  }

  @Test
  void podsWhoseOwnerTheFileLacksAreReadOncePerOwner() {
    StringBuilder pods = new StringBuilder("apiVersion: v1\nkind: List\nitems:\n");
    for (String name :
        List.of("api-7c9f6d8b5d-q2x7m", "api-7c9f6d8b5d-x2k4p", "api-7c9f6d8b5d-lm8vz")) {
      pods.append(
          """
          - apiVersion: v1
            kind: Pod
            metadata:
              name: %s
              namespace: shop
              labels: {app: api, pod-template-hash: 7c9f6d8b5d}
              ownerReferences:
              - {apiVersion: apps/v1, kind: ReplicaSet, name: api-7c9f6d8b5d, controller: true,
                 uid: 0f5e3c1a-44f2-4a8e-9a51-7a1c2b3d4e5f}
              uid: %s
            spec:
              containers:
              - name: api
                image: registry.example.com/shop/api:2.3.1
                imagePullPolicy: IfNotPresent
                ports: [{containerPort: 3000, name: http, protocol: TCP}]
                livenessProbe:
                  httpGet: {path: /live, port: 8080, scheme: HTTP}
                  initialDelaySeconds: 15
                  periodSeconds: 10
            status: {phase: Running}
          """
              .formatted(name, name.hashCode()));
    }
    Manifests.write(dir, "pods.yaml", pods.toString());

    ScanResult result = Scans.scan(dir, "k8s/probe-port-not-exposed");

    assertThat(result.findings())
        .extracting(Finding::subject)
        .containsExactly("Pod shop/api-7c9f6d8b5d-q2x7m container api");
  }

  @Test
  void aManifestOfTheTeamsInKubeSystemIsStillChecked() {
    Manifests.write(
        dir, "k8s/agent.yaml", Manifests.HIGH.replace("namespace: shop", "namespace: kube-system"));

    ScanResult result = Scans.scan(dir, "k8s/probe-port-not-exposed");

    assertThat(result.findings())
        .extracting(Finding::subject)
        .containsExactly("Deployment kube-system/api container api");
  }

  @Test
  void kubectlApplysCopyOfTheObjectIsNotKeptAsAnAnnotation() throws Exception {
    var objects =
        new Scanner()
            .model(GET_ALL, new Scanner.Options(null, TextFiles.DEFAULT_MAX_BYTES))
            .model()
            .objects();

    // Six Deployments and six Services of production, and the API server's own Service.
    assertThat(objects)
        .hasSize(13)
        .allSatisfy(
            o ->
                assertThat(o.annotations())
                    .doesNotContainKey("kubectl.kubernetes.io/last-applied-configuration"));
  }

  private static String subject(Finding f) {
    int container = f.subject().indexOf(" container ");
    return container < 0 ? f.subject() : f.subject().substring(0, container);
  }
}
