package dev.rootcause.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.collect.cluster.DumpClusterReader;
import dev.rootcause.model.ClusterLocation;
import dev.rootcause.model.Evidence;
import dev.rootcause.model.Finding;
import dev.rootcause.model.Layer;
import dev.rootcause.model.RuleInfo;
import dev.rootcause.model.ScanResult;
import dev.rootcause.model.Severity;
import dev.rootcause.model.SourceLocation;
import dev.rootcause.model.cluster.ClusterState;
import dev.rootcause.model.cluster.ContainerLog;
import dev.rootcause.model.cluster.LogLine;
import dev.rootcause.rules.Rule;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code diagnose --repo}: seed 002's broken cluster read with the repository that runs it, each
 * symptom joined to the line that causes it.
 */
class SymptomJoinTest {
  static final Path BROKEN = Path.of("src/test/resources/diagnose/seed-002-broken");
  static final Instant BROKEN_AT = Instant.parse("2025-02-11T16:52:00Z");
  static final Diagnoser.Source DUMP =
      new Diagnoser.Source(BROKEN, BROKEN_AT, null, null, null, false, Duration.ofSeconds(10));
  static final Scanner.Options OPTIONS = new Scanner.Options(null, 8L << 20);

  @Test
  void eachJoinableRootCauseIsOneFindingAtTheLineToFixWithTheClusterEvidence() throws Exception {
    List<Finding> findings =
        new Diagnoser().diagnose(DUMP, Path.of("examples/cloudmart"), OPTIONS).result().findings();

    assertJoined(
        findings,
        "cross/image-not-built",
        "k8s/07-notification-service.yaml",
        20,
        "runtime/image-pull-back-off",
        "Deployment",
        "notification-service",
        "ImagePullBackOff on notification-service:v2.0",
        "Failed to pull image");
    assertJoined(
        findings,
        "cross/required-env-missing",
        "k8s/06-database-service.yaml",
        19,
        "runtime/crash-loop-back-off",
        "Deployment",
        "database-service",
        "a required environment variable is not set (DB_NAME)",
        "FATAL: DB_NAME environment variable is required");
    assertJoined(
        findings,
        "k8s/probe-port-not-exposed",
        "k8s/03-api-service.yaml",
        38,
        "runtime/probe-failing",
        "Deployment",
        "api-service",
        "liveness probe fails 15 times: connection refused on port 8080",
        "Liveness probe failed: Get \"http://10.42.0.14:8080/health\"");
    assertJoined(
        findings,
        "k8s/service-selects-nothing",
        "k8s/02-gateway.yaml",
        50,
        "runtime/service-without-endpoints",
        "Service",
        "gateway",
        "Service gateway (LoadBalancer) has no endpoints",
        "runtime/service-without-endpoints");
    assertJoined(
        findings,
        "k8s/memory-limit-too-low",
        "k8s/04-auth-service.yaml",
        46,
        "runtime/oom-killed",
        "Deployment",
        "auth-service",
        "OOMKilled (exit code 137, 3 restarts",
        "lastState.terminated.reason OOMKilled");
    assertJoined(
        findings,
        "k8s/unknown-service-host",
        "k8s/05-order-service.yaml",
        25,
        "runtime/dependency-unreachable",
        "Deployment",
        "order-service",
        "order-service cannot reach database",
        "getaddrinfo ENOTFOUND database");
    // What no static rule explains stays as the cluster shows it: the Services whose pods are
    // not Ready, a consequence reported on their workloads.
    assertThat(findings)
        .filteredOn(f -> f.layer() == Layer.RUNTIME)
        .extracting(f -> ((ClusterLocation) f.primary()).name())
        .containsExactlyInAnyOrder("api-service", "database-service", "notification-service");
    // And what the cluster does not show stays as scan finds it.
    assertThat(findings)
        .extracting(Finding::ruleId)
        .contains("k8s/unknown-service-host", "app/retry-without-backoff");
  }

  @Test
  void withoutARepositoryTheSymptomsPointAtTheObjectsAPersonFixes() throws Exception {
    List<Finding> findings = new Diagnoser().diagnose(DUMP).findings();

    assertThat(findings)
        .allSatisfy(f -> assertThat(f.primary()).isInstanceOf(ClusterLocation.class));
    assertThat(findings)
        .extracting(
            f ->
                f.ruleId()
                    + " "
                    + ((ClusterLocation) f.primary()).kind()
                    + " "
                    + ((ClusterLocation) f.primary()).name())
        .contains(
            "runtime/image-pull-back-off Deployment notification-service",
            "runtime/crash-loop-back-off Deployment database-service",
            // The cluster's own specs explain these two: each is one finding with both evidences.
            "k8s/probe-port-not-exposed Deployment api-service",
            "k8s/service-selects-nothing Service gateway",
            "runtime/oom-killed Deployment auth-service");
  }

  @Test
  void anUnrelatedRepositoryJoinsNothing() throws Exception {
    List<Finding> alone = new Diagnoser().diagnose(DUMP).findings();
    ScanResult withRepo =
        new Diagnoser().diagnose(DUMP, Path.of("examples/url-shortener"), OPTIONS).result();

    // Every symptom is as it is without the repository, none is taken by its findings.
    assertThat(withRepo.findings())
        .filteredOn(f -> f.layer() == Layer.RUNTIME)
        .containsExactlyInAnyOrderElementsOf(
            alone.stream().filter(f -> f.layer() == Layer.RUNTIME).toList());
    // The cluster's own specs explain what they explain alone; the repository's findings, nothing.
    assertThat(withRepo.findings())
        .filteredOn(f -> f.primary() instanceof ClusterLocation)
        .containsExactlyInAnyOrderElementsOf(alone);
    assertThat(withRepo.findings())
        .filteredOn(f -> f.layer() != Layer.RUNTIME && !(f.primary() instanceof ClusterLocation))
        .allSatisfy(
            f ->
                assertThat(f.related())
                    .extracting(Evidence::location)
                    .noneMatch(l -> l instanceof ClusterLocation));
  }

  @Test
  void aCrashLoopJoinsTheMissingVariableOnlyWhenItsLogNamesThatVariable() throws Exception {
    ClusterState read;
    try (DumpClusterReader reader = DumpClusterReader.open(BROKEN, BROKEN_AT)) {
      read = Diagnoser.read(reader, "production");
    }
    // The same crash loop, but the last log says the database refused the connection.
    List<ContainerLog> logs =
        read.logs().stream()
            .map(
                l ->
                    !l.container().equals("database-service")
                        ? l
                        : new ContainerLog(
                            l.namespace(),
                            l.pod(),
                            l.container(),
                            List.of(
                                new LogLine(null, "Error: connect ECONNREFUSED 10.43.0.12:5432")),
                            l.source()))
            .toList();
    ClusterState refused =
        new ClusterState(
            read.context(),
            read.source(),
            read.namespace(),
            read.window(),
            read.watched(),
            read.looks(),
            read.logsSince(),
            logs,
            read.objects());
    Scanner.Model repo = new Scanner().model(Path.of("examples/cloudmart"), OPTIONS);

    List<Finding> findings =
        new Diagnoser().diagnose(refused, repo.model(), repo.settings(), Duration.ZERO).findings();

    assertThat(findings)
        .filteredOn(f -> f.ruleId().equals("cross/required-env-missing"))
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.related())
                    .extracting(Evidence::location)
                    .noneMatch(l -> l instanceof ClusterLocation));
    assertThat(findings)
        .filteredOn(f -> f.ruleId().equals("runtime/crash-loop-back-off"))
        .singleElement()
        .satisfies(f -> assertThat(f.message()).contains("ECONNREFUSED"));
  }

  @Test
  void whatEachRuleExplainsIsARuntimeRuleOfTheCatalogue() {
    List<RuleInfo> catalogue = BuiltInRules.all().stream().map(Rule::info).toList();
    Set<String> ids = catalogue.stream().map(RuleInfo::id).collect(Collectors.toSet());

    assertThat(catalogue)
        .flatExtracting(RuleInfo::explains)
        .isNotEmpty()
        .allSatisfy(id -> assertThat(ids).contains(id))
        .allSatisfy(id -> assertThat(Layer.ofRuleId(id)).isEqualTo(Layer.RUNTIME));
    assertThat(catalogue)
        .filteredOn(r -> r.id().equals("cross/port-mismatch"))
        .flatExtracting(RuleInfo::explains)
        .containsExactly("runtime/probe-failing");
  }

  private static void assertJoined(
      List<Finding> findings,
      String cause,
      String path,
      int line,
      String symptomRule,
      String kind,
      String name,
      String observed,
      String clusterEvidence) {
    List<Finding> about = findings.stream().filter(f -> f.ruleId().equals(cause)).toList();
    assertThat(about).as(cause).hasSize(1);
    Finding f = about.get(0);
    assertThat(f.primary()).isInstanceOf(SourceLocation.class);
    assertThat(((SourceLocation) f.primary()).path()).isEqualTo(path);
    assertThat(((SourceLocation) f.primary()).line()).isEqualTo(line);
    assertThat(f.symptom()).contains(observed);
    assertThat(f.related())
        .as(cause + " carries the cluster's evidence")
        .anySatisfy(
            e -> {
              assertThat(e.location()).isInstanceOf(ClusterLocation.class);
              assertThat(e.note()).contains(clusterEvidence);
            });
    assertThat(f.related())
        .extracting(Evidence::location)
        .anySatisfy(
            l ->
                assertThat(l)
                    .isInstanceOfSatisfying(
                        ClusterLocation.class,
                        at ->
                            assertThat(at.kind() + " " + at.name()).isEqualTo(kind + " " + name)));
    // The symptom is not told a second time on its own.
    assertThat(findings)
        .noneMatch(
            o ->
                o.ruleId().equals(symptomRule)
                    && o.primary() instanceof ClusterLocation at
                    && at.name().equals(name)
                    && o.severity().atLeast(Severity.HIGH));
  }
}
