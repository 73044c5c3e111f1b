package dev.rootcause.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.model.Finding;
import dev.rootcause.model.FindingKind;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A symptom that another finding of the diagnosis explains is a consequence of it, naming it; one
 * that nothing explains stays a root cause.
 */
class ConsequencesTest {
  private static final Path SEED_002 = Path.of("src/test/resources/diagnose/seed-002-broken");
  private static final Path CASES = Path.of("src/test/resources/diagnose/consequences");

  private static List<Finding> diagnose(Path dump, String asOf) throws Exception {
    return ClusterSpecsDiagnoseTest.diagnose(dump, asOf);
  }

  private static Finding on(List<Finding> findings, String ruleId, String subject) {
    return findings.stream()
        .filter(f -> f.ruleId().equals(ruleId) && f.subject().equals(subject))
        .findFirst()
        .orElseThrow(() -> new AssertionError(ruleId + " on " + subject + " not found"));
  }

  private static void assertFollows(Finding consequence, String cause) {
    assertThat(consequence.kind()).isEqualTo(FindingKind.CONSEQUENCE);
    assertThat(consequence.related().get(0).note()).isEqualTo("follows from " + cause);
  }

  @Test
  void theSeedsServicesWithoutReadyPodsFollowFromTheirWorkloadsFindings() throws Exception {
    List<Finding> findings = diagnose(SEED_002, "2025-02-11T16:52:00Z");

    assertThat(
            findings.stream()
                .filter(f -> f.kind() == FindingKind.CONSEQUENCE)
                .map(f -> f.subject() + " " + f.related().get(0).note()))
        .containsExactlyInAnyOrder(
            "Service production/api-service follows from k8s/probe-port-not-exposed on"
                + " Deployment production/api-service",
            "Service production/database-service follows from runtime/crash-loop-back-off on"
                + " Deployment production/database-service",
            "Service production/notification-service follows from runtime/image-pull-back-off on"
                + " Deployment production/notification-service");
    // The evidence points at the cause, where the fix is.
    assertThat(
            on(findings, "runtime/service-without-endpoints", "Service production/database-service")
                .related()
                .get(0)
                .location()
                .display())
        .isEqualTo(
            on(findings, "runtime/crash-loop-back-off", "Deployment production/database-service")
                .primary()
                .display());
    // The gateway's selector matches no pod: nothing else explains it, it is a cause itself.
    assertThat(on(findings, "k8s/service-selects-nothing", "Service production/gateway").kind())
        .isEqualTo(FindingKind.ROOT_CAUSE);
    assertThat(findings.stream().filter(Finding::rootCause)).hasSize(7);
  }

  @Test
  void aServiceWhosePodsAreNotReadyForNoReasonFoundStaysARootCause() throws Exception {
    List<Finding> findings =
        diagnose(CASES.resolve("pods-not-ready-nothing-found"), "2025-02-11T16:52:00Z");

    Finding service =
        on(findings, "runtime/service-without-endpoints", "Service production/inventory");
    assertThat(service.kind()).isEqualTo(FindingKind.ROOT_CAUSE);
    assertThat(service.related()).noneMatch(e -> e.note().startsWith("follows from"));
  }

  @Test
  void aServiceWhoseWorkloadIsRefusedItsPodsFollowsFromThatNotFromItsSelector() throws Exception {
    List<Finding> findings =
        diagnose(CASES.resolve("quota-stops-the-pods"), "2025-02-11T16:52:00Z");

    assertFollows(
        on(findings, "runtime/service-without-endpoints", "Service production/checkout"),
        "runtime/pods-not-created on Deployment production/checkout");
  }

  @Test
  void aServiceWhoseSelectorMatchesNoWorkloadStaysARootCauseBesideAQuotaFinding() throws Exception {
    // The trap: a workload refused its pods does not excuse a Service that would not select them.
    List<Finding> findings =
        diagnose(CASES.resolve("quota-and-a-selector-typo"), "2025-02-11T16:52:00Z");

    // The spec shows the typo; the missing endpoints are its symptom, merged into it.
    Finding service = on(findings, "k8s/service-selects-nothing", "Service production/checkout");
    assertThat(service.kind()).isEqualTo(FindingKind.ROOT_CAUSE);
    assertThat(service.message()).contains("selector app=check-out matches no pods");
    assertThat(findings).noneMatch(f -> f.kind() == FindingKind.CONSEQUENCE);
  }

  @Test
  void aRolloutStuckOnCrashingPodsFollowsFromTheCrashLoop() throws Exception {
    List<Finding> findings =
        diagnose(
            Path.of("src/test/resources/rules/runtime/rollout-stuck/positive/new-pods-crash-loop"),
            "2025-02-11T16:52:00Z");

    assertFollows(
        on(findings, "runtime/rollout-stuck", "Deployment production/catalog"),
        "runtime/crash-loop-back-off on Deployment production/catalog");
  }

  @Test
  void aRolloutStuckWithNothingFoundOnItsPodsStaysARootCause() throws Exception {
    List<Finding> findings =
        diagnose(
            Path.of(
                "src/test/resources/rules/runtime/rollout-stuck/positive/nothing-to-show-for-it"),
            "2025-02-11T16:52:00Z");

    assertThat(on(findings, "runtime/rollout-stuck", "Deployment production/catalog").kind())
        .isEqualTo(FindingKind.ROOT_CAUSE);
  }
}
