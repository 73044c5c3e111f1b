package dev.rootcause.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.collect.cluster.ClusterSpecs;
import dev.rootcause.collect.cluster.DumpClusterReader;
import dev.rootcause.collect.cluster.LiveClusterReader;
import dev.rootcause.model.Finding;
import dev.rootcause.model.ScanResult;
import dev.rootcause.model.Severity;
import dev.rootcause.model.cluster.ClusterState;
import dev.rootcause.pipeline.Diagnoser;
import dev.rootcause.testing.Cli;
import dev.rootcause.testing.MockCluster;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code rootcause diagnose} on seed 002's broken and fixed cluster, from dumps and live. */
@EnableKubernetesMockClient(crud = true)
class DiagnoseCommandTest {
  static final Path BROKEN = Path.of("src/test/resources/diagnose/seed-002-broken");
  static final Path FIXED = Path.of("src/test/resources/diagnose/seed-002-fixed");
  static final Instant BROKEN_AT = Instant.parse("2025-02-11T16:52:00Z");

  static KubernetesClient client;
  static KubernetesMockServer server;

  @Test
  void findsEveryRuntimeVisibleRootCauseOfSeed002WithItsEvidence() {
    Cli.Run run = broken();

    assertThat(run.exit()).isEqualTo(ExitCode.FINDINGS.code());
    String out = run.out();
    // The gateway Service the users come through breaks first: it is listed first.
    assertThat(out.indexOf("k8s/service-selects-nothing"))
        .isLessThan(out.indexOf("runtime/crash-loop-back-off"));
    assertThat(out)
        .contains(
            // The Service's own spec explains the symptom: one finding carrying both.
            "CRITICAL  k8s/service-selects-nothing  Service production/gateway",
            "runtime/service-without-endpoints observed here",
            "its selector app=nginx-gateway matches no pod; the pods carry app=api-service",
            "app=gateway");
    assertThat(out)
        .contains(
            "runtime/crash-loop-back-off  Deployment production/database-service",
            "a required environment variable is not set (DB_NAME), the log says \"FATAL: DB_NAME"
                + " environment variable is required\"",
            "Set DB_NAME in the env of container database-service (Deployment database-service)");
    assertThat(out)
        .contains(
            "runtime/image-pull-back-off  Deployment production/notification-service",
            "ImagePullBackOff on notification-service:v2.0: the registry has no such repository or tag",
            "event 4x Failed");
    assertThat(out)
        .contains(
            "k8s/probe-port-not-exposed  Deployment production/api-service container api-service",
            "at        Deployment production/api-service"
                + " .spec.template.spec.containers[0].livenessProbe.httpGet.port",
            "liveness probe fails 15 times: connection refused on port 8080, the container declares"
                + " [3000]",
            "runtime/probe-failing observed here",
            "Set livenessProbe port to 3000");
    assertThat(out)
        .contains(
            "runtime/dependency-unreachable  Deployment production/order-service",
            "order-service cannot reach database: 12 log lines say a dependency's host name does not"
                + " resolve",
            "no Service database exists in production",
            "Point container order-service of order-service at Service database-service");
    assertThat(out)
        .contains(
            // saveOrder retries each write five times at once: a burst at a steady pace.
            "runtime/retry-storm  Deployment production/order-service",
            "order-service retries database without backoff: 6 failed attempts in 151ms",
            "runtime/oom-killed  Deployment production/auth-service",
            "OOMKilled (exit code 137, 3 restarts",
            "memory limit 64Mi, request 64Mi");
    // No pod name with a hash suffix is where a fix goes.
    assertThat(out.lines().filter(l -> l.strip().startsWith("at ")))
        .noneMatch(l -> l.contains("Pod "));
  }

  /** The text report of seed 002's broken dump, as of when it was taken. */
  private static Cli.Run broken() {
    return Cli.run(
        "diagnose",
        "--dump",
        BROKEN.toString(),
        "--as-of",
        BROKEN_AT.toString(),
        "--color",
        "never");
  }

  @Test
  void theServicesLeftWithoutEndpointsByTheirPodsAreCountedAndShownAsConsequences() {
    String out = broken().out();
    assertThat(out)
        .contains(
            "Consequences (3)\n"
                + "  MEDIUM    Service production/api-service  runtime/service-without-endpoints,"
                + " follows from k8s/probe-port-not-exposed on Deployment production/api-service\n"
                + "  MEDIUM    Service production/database-service "
                + " runtime/service-without-endpoints, follows from runtime/crash-loop-back-off on"
                + " Deployment production/database-service\n"
                + "  MEDIUM    Service production/notification-service "
                + " runtime/service-without-endpoints, follows from runtime/image-pull-back-off on"
                + " Deployment production/notification-service\n",
            "(1 critical, 5 high, 4 medium; 7 root causes, 3 consequences)");
    // After every root cause, not among them; the gateway (its selector matches no pod) is one.
    assertThat(out.indexOf("Consequences (3)")).isGreaterThan(out.indexOf("runtime/retry-storm"));
    assertThat(out.substring(0, out.indexOf("Consequences (3)")))
        .doesNotContain("runtime/service-without-endpoints  Service")
        .contains("CRITICAL  k8s/service-selects-nothing  Service production/gateway");
    // A consequence is an outage too: --fail-on counts it as before.
    assertThat(
            Cli.run(
                    "diagnose",
                    "--dump",
                    "src/test/resources/diagnose/consequences/pods-not-ready-nothing-found",
                    "--as-of",
                    BROKEN_AT.toString(),
                    "--fail-on",
                    "medium")
                .exit())
        .isEqualTo(ExitCode.FINDINGS.code());
  }

  @Test
  void withTheRepositoryASymptomIsToldAtTheLineToFix() {
    Cli.Run run =
        Cli.run(
            "diagnose",
            "--dump",
            BROKEN.toString(),
            "--as-of",
            BROKEN_AT.toString(),
            "--repo",
            "examples/cloudmart",
            "--color",
            "never");

    assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.FINDINGS.code());
    assertThat(run.out())
        .contains(
            "CRITICAL  cross/image-not-built  Deployment production/"
                + "notification-service container notification-service",
            "at        k8s/07-notification-service.yaml:20:18",
            "symptom   notification-service ImagePullBackOff on notification-service:v2.0",
            "Deployment production/notification-service .spec.template.spec.containers"
                + "{notification-service}.image  runtime/image-pull-back-off observed here",
            "services/build-and-import.sh:13  builds notification-service:latest");
    assertThat(run.out()).doesNotContain("runtime/image-pull-back-off  Deployment");
  }

  @Test
  void theFirstScreenSaysWhatIsDownWhereTheUserPathBreaksAndWhatToFixFirst() {
    Cli.Run broken =
        Cli.run(
            "diagnose",
            "--dump",
            BROKEN.toString(),
            "--as-of",
            BROKEN_AT.toString(),
            "--repo",
            "examples/cloudmart",
            "--color",
            "never");
    Cli.Run fixed =
        Cli.run(
            "diagnose",
            "--dump",
            FIXED.toString(),
            "--as-of",
            "2025-02-11T17:30:00Z",
            "--color",
            "never");

    // api-service (probe), database-service (crash loop) and notification-service (image) have no
    // Ready pod; auth-service serves between OOM kills and order-service calls a host that is no
    // Service; the gateway's pods are fine, its Service selects none of them, and users come
    // through it: it is where their path breaks first.
    assertThat(broken.out())
        .startsWith(
            String.join(
                "\n",
                "Diagnosis: 3 of 6 workloads down, 2 degraded",
                "  user path breaks at  Service production/gateway (LoadBalancer, reached from outside):"
                    + " no ready endpoint",
                "                       Service production/api-service (ClusterIP): no ready endpoint",
                "                       Service production/database-service (ClusterIP): no ready endpoint",
                "                       and 1 more Service",
                "  fix first            1. k8s/02-gateway.yaml:50:3  Service production/gateway"
                    + "  (k8s/service-selects-nothing)",
                "                       2. k8s/07-notification-service.yaml:20:18  Deployment production/"
                    + "notification-service container notification-service  (cross/image-not-built)",
                "                       3. "));
    // The decoys of the fixed cluster (a pod Pending for two seconds, a low note) are not outages.
    assertThat(fixed.out())
        .startsWith(
            String.join(
                "\n",
                "Diagnosis: 0 of 6 workloads down, 0 degraded",
                "  user path breaks at  no Service: every one has a ready endpoint",
                "  fix first            nothing at medium or above"));
    // Only the text report has a first screen; json is the scan's schema.
    assertThat(
            Cli.run(
                    "diagnose",
                    "--dump",
                    BROKEN.toString(),
                    "--as-of",
                    BROKEN_AT.toString(),
                    "--format",
                    "json")
                .out())
        .startsWith("{")
        .doesNotContain("user path breaks");
  }

  @Test
  void aRuleSaysWhichSymptomItExplains() {
    Cli.Run run = Cli.run("rules", "cross/image-not-built");

    assertThat(run.out()).contains("- Explains: `runtime/image-pull-back-off`");
  }

  @Test
  void theFixedClusterHasNothingAtMediumOrAbove() {
    Cli.Run run =
        Cli.run(
            "diagnose",
            "--dump",
            FIXED.toString(),
            "--as-of",
            "2025-02-11T17:30:00Z",
            "--fail-on",
            "medium",
            "--color",
            "never");

    assertThat(run.exit()).as(run.out()).isEqualTo(ExitCode.OK.code());
    // The OOM kill of 17:09, running since, is told, but low; the decoys (a completed Job pod, a
    // rollout's Killing event, one readiness failure at start-up, a pod two seconds old) are not.
    assertThat(run.out())
        .contains("1 finding (1 low; 1 root cause)", "LOW       runtime/oom-killed");
    // The summary names the dump it read, not "0 files" of a repository it never looked at.
    assertThat(run.out()).contains("1 root cause) in dump " + FIXED).doesNotContain("in 0 files");
  }

  @Test
  void aLiveClusterWithTheSameObjectsGivesTheSameFindingsAsTheDump() throws Exception {
    for (String file :
        List.of(
            "pods.yaml", "services.yaml", "endpoints.yaml", "replicasets.yaml", "events.yaml")) {
      for (HasMetadata o : objects(BROKEN.resolve(file))) {
        if (o instanceof Pod p) {
          new MockCluster(client, server, "production").createWithStatus(p);
        } else {
          client.resource(o).create();
        }
      }
    }
    // The previous logs, as the API serves them with --previous.
    try (Stream<Path> podDirs = Files.list(BROKEN.resolve("production"))) {
      for (Path dir : podDirs.toList()) {
        String pod = dir.getFileName().toString();
        String container = pod.replaceAll("-[a-z0-9]+-[a-z0-9]+$", "");
        String text =
            Files.readString(dir.resolve("logs.txt"))
                .lines()
                .filter(l -> !l.startsWith("===="))
                .reduce("", (a, b) -> a + b + "\n");
        server
            .expect()
            .get()
            .withPath(
                "/api/v1/namespaces/production/pods/"
                    + pod
                    + "/log?container="
                    + container
                    + "&previous=true&tailLines=2000")
            .andReturn(200, text)
            .always();
        server
            .expect()
            .get()
            .withPath(
                "/api/v1/namespaces/production/pods/"
                    + pod
                    + "/log?container="
                    + container
                    + "&tailLines=2000")
            .andReturn(200, text)
            .always();
      }
    }

    // The objects' own specs are read from both, and what they explain is merged the same way.
    ScanResult live;
    try (LiveClusterReader reader =
        new LiveClusterReader(server.createClient(), "k3d-brokenprod")) {
      ClusterState state = Diagnoser.read(reader, "production");
      try (ClusterSpecs specs = ClusterSpecs.of(reader)) {
        live = new Diagnoser().diagnose(state, specs, false, Duration.ZERO);
      }
    }
    ScanResult dump;
    try (DumpClusterReader reader = DumpClusterReader.open(BROKEN, BROKEN_AT)) {
      ClusterState state = Diagnoser.read(reader, "production");
      try (ClusterSpecs specs = ClusterSpecs.of(reader)) {
        dump = new Diagnoser().diagnose(state, specs, false, Duration.ZERO);
      }
    }

    assertThat(live.findings()).hasSize(dump.findings().size()).hasSizeGreaterThanOrEqualTo(5);
    assertThat(live.findings())
        .extracting(Finding::ruleId)
        .contains("k8s/probe-port-not-exposed", "k8s/service-selects-nothing");
    // The same findings, but for the context of their locations (a kube context, a dump).
    assertThat(live.findings().stream().map(DiagnoseCommandTest::withoutContext).toList())
        .isEqualTo(dump.findings().stream().map(DiagnoseCommandTest::withoutContext).toList());
  }

  /**
   * ConfigMaps, Ingresses and PodDisruptionBudgets listed from an API server holding the objects of
   * a dump give the dump's findings, in each of the layouts the dumps are written in.
   */
  @ParameterizedTest
  @ValueSource(strings = {"envoy-sidecar-broken", "nginx-sidecar-broken", "storefront-broken"})
  void aLiveClusterHoldingTheConfigObjectsGivesTheDumpsFindings(String kase) throws Exception {
    Path dir = Path.of("src/test/resources/diagnose-config", kase);
    Instant asOf = Instant.parse("2025-03-04T09:30:00Z");
    ScanResult dump;
    List<HasMetadata> read;
    try (DumpClusterReader reader = DumpClusterReader.open(dir, asOf)) {
      ClusterState state = Diagnoser.read(reader, null);
      read = reader.objectsRead();
      try (ClusterSpecs specs = ClusterSpecs.of(reader)) {
        dump = new Diagnoser().diagnose(state, specs, false, Duration.ZERO);
      }
    }
    String namespace = read.get(0).getMetadata().getNamespace();
    for (HasMetadata o : read) {
      if (o instanceof Pod p) {
        new MockCluster(client, server, namespace).createWithStatus(p);
      } else {
        client.resource(o).create();
      }
    }
    ScanResult live;
    try (LiveClusterReader reader = new LiveClusterReader(server.createClient(), "kind-config")) {
      ClusterState state = Diagnoser.read(reader, namespace);
      try (ClusterSpecs specs = ClusterSpecs.of(reader)) {
        live = new Diagnoser().diagnose(state, specs, false, Duration.ZERO);
      }
    }

    assertThat(dump.findings())
        .extracting(Finding::ruleId)
        .isNotEmpty()
        .allMatch(id -> !id.startsWith("runtime/"));
    assertThat(live.findings().stream().map(DiagnoseCommandTest::withoutContext).toList())
        .isEqualTo(dump.findings().stream().map(DiagnoseCommandTest::withoutContext).toList());
  }

  @Test
  void anApiServerThatDoesNotAnswerExitsThreeWithinTheTimeout(@TempDir Path dir) throws Exception {
    // A listening socket that never answers: the connection opens, the response never comes.
    try (ServerSocket silent = new ServerSocket(0)) {
      Path kubeconfig = MockCluster.kubeconfig(dir, "https://127.0.0.1:" + silent.getLocalPort());
      long start = System.nanoTime();
      Cli.Run run =
          Cli.run(
              "diagnose",
              "--kubeconfig",
              kubeconfig.toString(),
              "-n",
              "production",
              "--timeout",
              "2s");
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(run.exit()).isEqualTo(ExitCode.INCOMPLETE.code());
      assertThat(run.err().strip().lines()).hasSize(1);
      assertThat(run.err()).startsWith("rootcause: cannot ").doesNotContain("token");
      assertThat(took).isLessThan(Duration.ofSeconds(6));
    }
  }

  @Test
  void aForbiddenKindIsANoteAndTheRestIsDiagnosed() throws Exception {
    server
        .expect()
        .get()
        .withPath("/api/v1/namespaces/staging/events")
        .andReturn(
            403,
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                + "\"message\":\"events is forbidden\",\"reason\":\"Forbidden\",\"code\":403}")
        .always();
    for (HasMetadata o : objects(BROKEN.resolve("pods.yaml"))) {
      new MockCluster(client, server, "staging").createWithStatus((Pod) o);
    }
    ScanResult result;
    try (LiveClusterReader reader =
        new LiveClusterReader(server.createClient(), "k3d-brokenprod")) {
      result = new Diagnoser().diagnose(Diagnoser.read(reader, "staging"), Duration.ZERO);
    }
    assertThat(result.problems())
        .extracting(p -> p.message())
        .containsExactly(
            "events not read: forbidden (HTTP 403); grant list on events" + " (docs/rbac.yaml)");
    // Without events the image pull is still seen, from the status alone.
    assertThat(result.findings())
        .extracting(Finding::ruleId)
        .contains(
            "runtime/image-pull-back-off", "runtime/crash-loop-back-off", "runtime/oom-killed");
    assertThat(result.findings()).filteredOn(f -> f.severity().atLeast(Severity.HIGH)).isNotEmpty();
  }

  @Test
  void aDumpThatIsNotKubectlOutputIsBadInput(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("pods.yaml"), "apiVersion: v1\nitems:\n- kind: Pod\n  metadata: [\n");
    Cli.Run run = Cli.run("diagnose", "--dump", dir.toString());
    assertThat(run.exit()).isEqualTo(ExitCode.USAGE.code());
    assertThat(run.err()).contains("pods.yaml:5: not kubectl JSON or YAML output");
  }

  private static String withoutContext(Finding f) {
    return f.ruleId()
        + " "
        + f.primary().display()
        + " "
        + f.severity()
        + " "
        + f.subject()
        + " "
        + f.message()
        + " "
        + f.fix()
        + " "
        + f.related().stream().map(e -> e.note()).toList();
  }

  private static List<HasMetadata> objects(Path file) throws Exception {
    try (InputStream in = Files.newInputStream(file)) {
      Object parsed = client.getKubernetesSerialization().unmarshal(in);
      return ((KubernetesList) parsed).getItems();
    }
  }
}
