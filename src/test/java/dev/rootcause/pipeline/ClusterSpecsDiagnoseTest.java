package dev.rootcause.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.model.ClusterLocation;
import dev.rootcause.model.Evidence;
import dev.rootcause.model.Finding;
import dev.rootcause.model.Layer;
import dev.rootcause.model.Location;
import dev.rootcause.model.Severity;
import dev.rootcause.model.SourceLocation;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code diagnose} without a repository reads the cluster's own objects as manifests: the static
 * rules find what the specs show, at the cluster object, merged with the symptom they explain.
 */
class ClusterSpecsDiagnoseTest {
  private static final Path SEED_002 = Path.of("src/test/resources/diagnose/seed-002-broken");
  private static final Path SEED_002_FIXED = Path.of("src/test/resources/diagnose/seed-002-fixed");
  private static final Path POLICIES =
      Path.of("src/test/resources/diagnose-specs/checkout-policies");

  private static final Path CONFIG = Path.of("src/test/resources/diagnose-config");

  /** The findings of {@code diagnose} of the dump at {@code dump}, as of {@code asOf}. */
  static List<Finding> diagnose(Path dump, String asOf) throws Exception {
    return new Diagnoser()
        .diagnose(
            new Diagnoser.Source(
                dump, Instant.parse(asOf), null, null, null, false, Duration.ofSeconds(10)))
        .findings();
  }

  private static String at(Finding f) {
    return f.ruleId() + " " + f.primary().display();
  }

  private static Stream<Location> locations(Finding f) {
    return Stream.concat(Stream.of(f.primary()), f.related().stream().map(Evidence::location));
  }

  @Test
  void theSeedsProbeAndSelectorFaultsAreOneFindingWithTheirSymptoms() throws Exception {
    List<Finding> findings = diagnose(SEED_002, "2025-02-11T16:52:00Z");

    assertThat(findings)
        .extracting(ClusterSpecsDiagnoseTest::at)
        .contains(
            "k8s/probe-port-not-exposed Deployment production/api-service"
                + " .spec.template.spec.containers[0].livenessProbe.httpGet.port",
            "k8s/service-selects-nothing Service production/gateway .spec.selector")
        // Not listed twice: the symptom is evidence of the finding that explains it.
        .noneMatch(s -> s.startsWith("runtime/probe-failing"))
        .noneMatch(
            s -> s.startsWith("runtime/service-without-endpoints Service production/gateway"));
    Finding probe =
        findings.stream()
            .filter(f -> f.ruleId().equals("k8s/probe-port-not-exposed"))
            .findFirst()
            .orElseThrow();
    assertThat(probe.symptom()).contains("liveness probe fails 15 times");
    assertThat(probe.related())
        .extracting(Evidence::note)
        .contains("runtime/probe-failing observed here");
    // Every location names a cluster object, never the text the specs were read through.
    assertThat(findings.stream().flatMap(ClusterSpecsDiagnoseTest::locations))
        .allSatisfy(l -> assertThat(l).isInstanceOf(ClusterLocation.class));
  }

  @Test
  void theFixedSeedHasNothingOfMediumSeverityOrAbove() throws Exception {
    assertThat(diagnose(SEED_002_FIXED, "2025-02-11T17:30:00Z"))
        .allSatisfy(f -> assertThat(f.severity()).isLessThan(Severity.MEDIUM));
  }

  @Test
  void aDumpAloneShowsAPolicyThatSelectsNothingAndAnAutoscalerOnAFixedAverage() throws Exception {
    List<Finding> findings = diagnose(POLICIES, "2025-03-04T09:30:00Z");

    assertThat(findings)
        .extracting(ClusterSpecsDiagnoseTest::at)
        .containsExactlyInAnyOrder(
            "network/policy-selects-nothing NetworkPolicy shop/payment-api-ingress"
                + " .spec.podSelector",
            "hpa/static-average-value HorizontalPodAutoscaler shop/payment-api"
                + " .spec.metrics[0].resource.target.averageValue");
    assertThat(findings).allSatisfy(f -> assertThat(f.layer()).isNotEqualTo(Layer.RUNTIME));
  }

  @Test
  void whatKubectlAndTheApiServerWriteIsNotReadAsTheTeamsSpec() throws Exception {
    // The last-applied annotation holds an older probe on port 9999, the managed fields name the
    // probe port, and the autoscaler wrote replicas: 1. None of them is the spec a person fixes.
    assertThat(diagnose(POLICIES, "2025-03-04T09:30:00Z"))
        .extracting(ClusterSpecsDiagnoseTest::at)
        .noneMatch(s -> s.contains("Deployment shop/payment-api"))
        .noneMatch(s -> s.startsWith("hpa/replicas-override-autoscaler"));
  }

  @Test
  void withARepositoryItsCopyOfAnObjectWinsAndNothingIsListedTwice() throws Exception {
    List<Finding> findings =
        new Diagnoser()
            .diagnose(
                new Diagnoser.Source(
                    SEED_002,
                    Instant.parse("2025-02-11T16:52:00Z"),
                    null,
                    null,
                    null,
                    false,
                    Duration.ofSeconds(10)),
                Path.of("examples/cloudmart"),
                new Scanner.Options(null, 8L << 20))
            .result()
            .findings();

    // The repository declares every object the cluster runs: its lines are the ones to fix.
    assertThat(findings)
        .filteredOn(f -> f.layer() != Layer.RUNTIME)
        .allSatisfy(f -> assertThat(f.primary()).isInstanceOf(SourceLocation.class));
    assertThat(findings)
        .filteredOn(f -> f.ruleId().equals("k8s/probe-port-not-exposed"))
        .singleElement()
        .satisfies(f -> assertThat(f.primary().display()).startsWith("k8s/03-api-service.yaml:"));
  }

  @Test
  void aSidecarsConfigMapAnIngressAndABudgetAreReadFromTheClusterAlone() throws Exception {
    // A cluster-info dump with configmaps.json beside pods.json; one `kubectl get -o yaml` List
    // of every kind; one file a kind.
    assertThat(diagnose(CONFIG.resolve("envoy-sidecar-broken"), "2025-03-04T09:30:00Z"))
        .extracting(ClusterSpecsDiagnoseTest::at)
        .containsExactly(
            "cross/proxy-upstream-port-undeclared ConfigMap shop/checkout-envoy .data.envoy.yaml");
    assertThat(diagnose(CONFIG.resolve("nginx-sidecar-broken"), "2025-03-04T09:30:00Z"))
        .extracting(ClusterSpecsDiagnoseTest::at)
        .containsExactly(
            "cross/proxy-upstream-port-undeclared ConfigMap finance/billing-portal-nginx"
                + " .data.default.conf");
    List<Finding> storefront =
        diagnose(CONFIG.resolve("storefront-broken"), "2025-03-04T09:30:00Z");
    assertThat(storefront)
        .extracting(ClusterSpecsDiagnoseTest::at)
        .containsExactlyInAnyOrder(
            "k8s/ingress-backend-missing Ingress storefront/storefront"
                + " .spec.rules[0].http.paths[0].backend.service.name",
            "k8s/ingress-backend-missing Ingress storefront/storefront"
                + " .spec.rules[0].http.paths[1].backend.service.name",
            "k8s/pdb-blocks-eviction PodDisruptionBudget storefront/web .spec.minAvailable");
    assertThat(storefront)
        .extracting(Finding::message)
        .contains(
            "Ingress storefront/storefront routes /api to port 80 of Service api, which has 8080"
                + " ('http')",
            "PodDisruptionBudget web requires minAvailable: 2 and selects 2 pods: none may be"
                + " evicted");
  }

  /**
   * The traps: an Envoy cluster naming a Service at the port it serves, an Ingress with a default
   * backend only, a budget that lets one of three go, the API server's CA bundle and Helm's release
   * records in every namespace.
   */
  @ParameterizedTest
  @ValueSource(strings = {"envoy-sidecar-fixed", "nginx-sidecar-fixed", "storefront-fixed"})
  void theFixedClustersAndTheirLookAlikesHaveNoFinding(String kase) throws Exception {
    assertThat(diagnose(CONFIG.resolve(kase), "2025-03-04T09:30:00Z")).isEmpty();
  }
}
