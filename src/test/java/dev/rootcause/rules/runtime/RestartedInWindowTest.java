package dev.rootcause.rules.runtime;

import static dev.rootcause.testing.Pods.crashLooping;
import static dev.rootcause.testing.Pods.ready;
import static dev.rootcause.testing.Pods.watched;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.model.Finding;
import dev.rootcause.model.SystemModel;
import dev.rootcause.model.cluster.ClusterState;
import dev.rootcause.rules.RuleEngine;
import dev.rootcause.rules.RuleSettings;
import dev.rootcause.testing.Pods;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A watched cluster: what happens between looks is a restart (the dump cases are fixtures under
 * {@code rules/runtime/restarted-in-window}).
 */
class RestartedInWindowTest {

  private static List<Finding> findings(ClusterState cluster) {
    RuleEngine.Outcome outcome =
        new RuleEngine(List.of(new RestartedInWindow()), RuleSettings.DEFAULTS)
            .run(SystemModel.builder().cluster(cluster).build());
    assertThat(outcome.failures()).isEmpty();
    return outcome.findings();
  }

  @Test
  void aCountThatGrowsAReplacementAndAPodGoneAreEachAFinding() {
    ClusterState cluster = Pods.restartAndReplacement();

    assertThat(findings(cluster))
        .extracting(f -> f.primary().display() + ": " + f.message())
        .containsExactlyInAnyOrder(
            "Pod production/api-1 .status: api-1 (seen CrashLoopBackOff, not Ready)",
            "Pod production/api-1 .status.containerStatuses{app}: api-1/app (restartCount 0 -> 1,"
                + " Error)",
            "Pod production/worker-1: worker-1 (disappeared during the window)",
            "Pod production/worker-2 .metadata.creationTimestamp: worker-2 (new pod: a replacement"
                + " appeared during the window)");
  }

  @Test
  void restartsFromBeforeTheFirstLookAreNotCounted() {
    ClusterState cluster =
        watched(
            List.of(),
            List.of(ready("api-1", 7, "OOMKilled")),
            List.of(ready("api-1", 7, "OOMKilled")));

    assertThat(findings(cluster)).isEmpty();
  }

  @Test
  void aPodNotReadyAtSeveralLooksIsOneFinding() {
    ClusterState cluster =
        watched(
            List.of(),
            List.of(crashLooping("api-1", 3)),
            List.of(crashLooping("api-1", 3)),
            List.of(crashLooping("api-1", 3)));

    assertThat(findings(cluster))
        .extracting(Finding::message)
        .containsExactly("api-1 (seen CrashLoopBackOff, not Ready)");
  }
}
