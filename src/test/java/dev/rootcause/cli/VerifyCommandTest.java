package dev.rootcause.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rootcause.testing.Cli;
import dev.rootcause.testing.HttpFixture;
import dev.rootcause.testing.MockCluster;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rootcause verify}: seed 002's Phase 4 gate, and seed 004's missing canary decision. */
@EnableKubernetesMockClient(crud = true)
class VerifyCommandTest {
  static KubernetesClient client;
  static KubernetesMockServer server;

  static String fixture(String name) throws Exception {
    return Paths.get(VerifyCommandTest.class.getResource("/verify/" + name).toURI()).toString();
  }

  @Test
  void aNamespaceOfThousandsOfPodsIsReadWhateverTheFileSize(
      @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    // kubectl get pods -A -o yaml of 3,800 pods: about 7 MiB, past fabric8's 3 MiB YAML limit.
    Path pods = dir.resolve("pods.yaml");
    Files.writeString(pods, dev.rootcause.testing.KubectlPods.yaml(3_800));
    assertThat(Files.size(pods)).isGreaterThan(3L << 20);

    Cli.Run run =
        Cli.run(
            "verify", "--dump", pods.toString(), "-n", "team-3", "--as-of", "2025-02-11T12:00:00Z");

    assertThat(run.err()).doesNotContain("not kubectl JSON or YAML output");
    assertThat(run.out())
        .containsPattern("PASS  all pods Running and Ready +measured 200/200 pods");
  }

  @Test
  void brokenClusterFailsWithEveryStuckPodNamed() throws Exception {
    Cli.Run run =
        Cli.run(
            "verify",
            "--dump",
            fixture("seed-002-broken/pods.yaml"),
            "-n",
            "production",
            "--as-of",
            "2025-02-11T16:52:00Z");
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out())
        .containsPattern("FAIL  all pods Running and Ready +measured 3/6 pods")
        .contains("api-service-6d4f8b7c9-x2k4p (Running, not Ready)")
        .contains("database-service-7f6b9c8d4-h5rjq (CrashLoopBackOff, not Ready)")
        .contains("notification-service-59d7c6b8f9-c4ntd (ImagePullBackOff)")
        .contains("FAIL  no restarts for 2m")
        .contains("auth-service-5b8c7d9f4-lm8vz/auth-service (3 restarts, last OOMKilled)")
        // pods.yaml holds no log: "0 containers" is not "no error lines".
        .contains(
            "FAIL  no errors in logs since 2025-02-11T16:50:00Z  measured 0 error lines in 0"
                + " containers  production  (no container log was read, so nothing shows the errors"
                + " are gone)")
        .contains("Result: FAIL (3 of 3 criteria failed)");
  }

  @Test
  void fixedClusterAndTwentyGoodOrdersPassThePhase4Gate() throws Exception {
    try (HttpFixture gateway =
        HttpFixture.start().on("/api/orders", HttpFixture.status(200, "{\"orderId\":\"ord-1\"}"))) {
      Cli.Run run =
          Cli.run(
              "verify",
              gateway.url("/api/orders"),
              "-X",
              "POST",
              "-H",
              "Content-Type: application/json",
              "--data",
              "{\"item\": \"item-1\", \"quantity\": 1}",
              "--requests",
              "20",
              "--slo",
              "success=100%,max<2s",
              "--dump",
              fixture("seed-002-fixed"),
              "-n",
              "production",
              "--as-of",
              "2025-02-11T17:30:00Z",
              "--stable-for",
              "2m");
      assertThat(run.exit()).isEqualTo(0);
      assertThat(run.out())
          .contains("PASS  success=100%")
          .contains("measured 100% (20/20)")
          .contains("PASS  max<2s")
          .contains("PASS  all pods Running and Ready")
          .contains("measured 6/6 pods")
          .contains("PASS  no restarts for 2m")
          .contains("restartCount 1 in all, the last at 2025-02-11T17:09:57Z, before the window")
          .contains("PASS  no errors in logs since 2025-02-11T17:28:00Z")
          .contains("Result: PASS (5 criteria passed)");
    }
  }

  @Test
  void aRecentRestartAndConnectionErrorsFailTheGate() throws Exception {
    Cli.Run run =
        Cli.run(
            "verify",
            "--dump",
            fixture("seed-002-flapping"),
            "-n",
            "production",
            "--as-of",
            "2025-02-11T17:30:00Z");
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out())
        .contains("FAIL  no restarts for 2m")
        .contains("order-service-84c9b7f6d5-t9wbn/order-service (2 restarts, last Error)")
        .contains("FAIL  no errors in logs since 2025-02-11T17:28:00Z")
        .contains("connect ECONNREFUSED 10.43.112.9:8080");
  }

  @Test
  void logsSinceCountsOnlyLinesAfterTheFix() throws Exception {
    Cli.Run run =
        Cli.run(
            "verify",
            "--dump",
            fixture("seed-002-flapping"),
            "-n",
            "production",
            "--as-of",
            "2025-02-11T17:30:00Z",
            "--logs-since",
            "2025-02-11T17:29:30Z",
            "--stable-for",
            "30s");
    assertThat(run.out())
        .contains("PASS  no errors in logs since 2025-02-11T17:29:30Z")
        .contains("PASS  no restarts for 30s");
    assertThat(run.exit()).isZero();
  }

  @Test
  void seed004BrokenCandidateIsRolledBackOnFishersTest() {
    try (HttpFixture v1 =
            HttpFixture.start().on("/", HttpFixture.ok("{\"url\":\"https://sho.rt/x\"}"));
        HttpFixture v2 = HttpFixture.start().on("/", HttpFixture.brokenRelease())) {
      Cli.Run run =
          Cli.run(
              "verify", "--baseline", v1.url("/"), "--candidate", v2.url("/"), "--requests", "20");
      assertThat(run.exit()).isEqualTo(1);
      assertThat(run.out())
          .contains("decision  ROLLBACK")
          .contains(
              "the candidate fails more often: 100% of candidate requests failed vs 0% of"
                  + " baseline (Fisher's exact test, one-sided p=7.3e-12)")
          .contains("latency not compared: the candidate had no successful response")
          .contains("FAIL  canary: candidate no worse than baseline");
    }
  }

  @Test
  void equivalentCandidateIsPromoted() {
    try (HttpFixture v1 = HttpFixture.start().on("/", HttpFixture.ok("ok"));
        HttpFixture v2 = HttpFixture.start().on("/", HttpFixture.ok("ok"))) {
      Cli.Run run =
          Cli.run(
              "verify",
              "--baseline",
              v1.url("/"),
              "--candidate",
              v2.url("/"),
              "--requests",
              "100",
              "--concurrency",
              "2");
      assertThat(run.out())
          .contains("decision  PROMOTE")
          .contains("error rates do not differ significantly");
      assertThat(run.exit()).isZero();
    }
  }

  @Test
  void materiallySlowerCandidateIsRolledBackOnMannWhitney() {
    try (HttpFixture v1 = HttpFixture.start().on("/", HttpFixture.ok("ok"));
        HttpFixture v2 = HttpFixture.start().on("/", HttpFixture.slow(40, 60, 5))) {
      Cli.Run run =
          Cli.run(
              "verify",
              "--baseline",
              v1.url("/"),
              "--candidate",
              v2.url("/"),
              "--requests",
              "40",
              "--concurrency",
              "4",
              "-f",
              "json");
      assertThat(run.exit()).isEqualTo(1);
      JsonNode canary = readJson(run.out()).get("canary");
      assertThat(canary.get("decision").asText()).isEqualTo("ROLLBACK");
      assertThat(canary.get("latency").get("pGreater").asDouble()).isLessThan(0.001);
      // The candidate sleeps at least 40 ms more per request than the baseline.
      assertThat(canary.get("shiftMicros").get("estimate").asDouble()).isGreaterThan(35_000);
      assertThat(canary.get("reasons").get(1).asText())
          .startsWith("the candidate is slower by more than the tolerated");
    }
  }

  @Test
  void liveClusterIsWatchedForTheWindowWithoutPrintingCredentials(@TempDir Path dir)
      throws Exception {
    MockCluster cluster = new MockCluster(client, server, "live-ok");
    cluster.create(Path.of(fixture("seed-002-fixed/production/pods.json")), "");
    Path kubeconfig = cluster.kubeconfig(dir);
    Cli.Run run =
        Cli.run(
            "verify",
            "--kubeconfig",
            kubeconfig.toString(),
            "-n",
            "live-ok",
            "--stable-for",
            "600ms",
            "--poll-interval",
            "100ms");
    assertThat(run.out())
        .contains("PASS  all pods Running and Ready")
        .contains("measured 6/6 pods")
        .contains("PASS  no restarts for 600ms")
        .contains("(cluster: context mock (");
    assertThat(run.out() + run.err()).doesNotContain("s3cr3t-token");
    assertThat(run.exit()).isZero();
  }

  @Test
  void aRestartWhileWatchedFailsTheLiveGate(@TempDir Path dir) throws Exception {
    MockCluster cluster = new MockCluster(client, server, "live-restart");
    Pod order =
        cluster
            .create(Path.of(fixture("seed-002-fixed/production/pods.json")), "order-service")
            .get(0);
    Path kubeconfig = cluster.kubeconfig(dir);
    Thread restarter =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    // The first look is the baseline: restart once verify has surely seen the pod
                    // before.
                    cluster.awaitLooks(2);
                    Pod current =
                        client
                            .pods()
                            .inNamespace("live-restart")
                            .withName(order.getMetadata().getName())
                            .get();
                    current.getStatus().getContainerStatuses().get(0).setRestartCount(1);
                    client.resource(current).updateStatus();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
    Cli.Run run =
        Cli.run(
            "verify",
            "--kubeconfig",
            kubeconfig.toString(),
            "-n",
            "live-restart",
            "--stable-for",
            "1500ms",
            "--poll-interval",
            "100ms");
    restarter.join();
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out())
        .contains("FAIL  no restarts for 1.5s")
        .contains("order-service-84c9b7f6d5-t9wbn/order-service (restartCount 0 -> 1)");
  }

  @Test
  void anUnreachableClusterIsIncompleteExitThree(@TempDir Path dir) throws Exception {
    Path kubeconfig = MockCluster.kubeconfig(dir, "https://127.0.0.1:" + HttpFixture.closedPort());
    Cli.Run run =
        Cli.run(
            "verify",
            "--kubeconfig",
            kubeconfig.toString(),
            "-n",
            "production",
            "--stable-for",
            "100ms",
            "--poll-interval",
            "50ms");
    assertThat(run.exit()).isEqualTo(3);
    assertThat(run.err()).contains("cannot list pods in production").doesNotContain("s3cr3t-token");
  }

  @Test
  void usageMistakesExitTwo() throws Exception {
    assertThat(Cli.run("verify").err()).contains("nothing to verify");
    assertThat(Cli.run("verify", "--dump", fixture("seed-002-fixed")).err())
        .contains("--namespace is required");
    assertThat(Cli.run("verify", "--baseline", "http://127.0.0.1:1/").err())
        .contains("--baseline and --candidate go together");
    Cli.Run badSlo = Cli.run("verify", "http://127.0.0.1:1/", "--slo", "succes=100%");
    assertThat(badSlo.exit()).isEqualTo(2);
    assertThat(badSlo.err()).contains("unknown metric 'succes'");
  }

  @Test
  void htmlVerifyReportListsEveryCriterion(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("verify.html");
    Cli.Run run =
        Cli.run(
            "verify",
            "--dump",
            fixture("seed-002-broken/pods.yaml"),
            "-n",
            "production",
            "--as-of",
            "2025-02-11T16:52:00Z",
            "-f",
            "html",
            "-o",
            out.toString());
    assertThat(run.exit()).isEqualTo(1);
    String html = Files.readString(out);
    assertThat(html)
        .contains("<td class=fail>FAIL</td><td>all pods Running and Ready</td>")
        .contains("CrashLoopBackOff")
        .doesNotContain("<script");
  }

  private static JsonNode readJson(String text) {
    try {
      return new ObjectMapper().readTree(text);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }
}
