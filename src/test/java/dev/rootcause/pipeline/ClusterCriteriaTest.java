package dev.rootcause.pipeline;

import static dev.rootcause.testing.Pods.crashLooping;
import static dev.rootcause.testing.Pods.ready;
import static dev.rootcause.testing.Pods.watched;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootcause.model.Layer;
import dev.rootcause.model.SystemModel;
import dev.rootcause.model.cluster.ClusterState;
import dev.rootcause.model.cluster.ContainerLog;
import dev.rootcause.model.cluster.LogLine;
import dev.rootcause.model.probe.Criterion;
import dev.rootcause.rules.RuleEngine;
import dev.rootcause.rules.RuleSettings;
import dev.rootcause.rules.runtime.PodNotReady;
import dev.rootcause.testing.Pods;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gate's cluster criteria, worded from the findings of the runtime rules. */
class ClusterCriteriaTest {

  private static List<Criterion> criteria(ClusterState cluster) {
    var rules = BuiltInRules.all().stream().filter(r -> r.info().layer() == Layer.RUNTIME).toList();
    RuleEngine.Outcome outcome =
        new RuleEngine(rules, RuleSettings.DEFAULTS)
            .run(SystemModel.builder().cluster(cluster).build());
    return new ClusterCriteria(cluster, outcome).criteria();
  }

  @Test
  void aWatchedNamespaceListsItsProblemsPodByPodWithThePodsGoneLast() {
    ClusterState cluster = Pods.restartAndReplacement();

    List<Criterion> criteria = criteria(cluster);

    assertThat(criteria.get(0))
        .isEqualTo(new Criterion("all pods Running and Ready", "production", true, "2/2 pods", ""));
    assertThat(criteria.get(1))
        .isEqualTo(
            new Criterion(
                "no restarts for 2m",
                "production",
                false,
                "1 restart in 3 looks",
                "api-1 (seen CrashLoopBackOff, not Ready), api-1/app"
                    + " (restartCount 0 -> 1, Error), worker-2 (new pod: a replacement appeared during the"
                    + " window), worker-1 (disappeared during the window)"));
  }

  @Test
  void errorLinesAreCountedOverEveryContainerAndTheFirstThreeQuotedInLogOrder() {
    Instant t = Pods.T0;
    List<ContainerLog> logs =
        List.of(
            log(
                "api-1",
                "app",
                new LogLine(t, "ERROR one"),
                new LogLine(t, "info fine"),
                new LogLine(null, "Traceback (most recent call last):")),
            log("api-1", "proxy", new LogLine(t.minusSeconds(60), "ERROR before the fix")),
            log("worker-1", "app", new LogLine(t, "FATAL three"), new LogLine(t, "ERROR four")));
    ClusterState cluster =
        watched(logs, List.of(ready("api-1", 0, null), ready("worker-1", 0, null)));

    assertThat(criteria(cluster).get(2))
        .isEqualTo(
            new Criterion(
                "no errors in logs since 2025-02-11T17:30:00Z",
                "production",
                false,
                "4 error lines in 3 containers",
                "e.g. api-1/app: ERROR one | api-1/app: Traceback (most"
                    + " recent call last): | worker-1/app: FATAL three; 1 line without a timestamp, all"
                    + " checked"));
  }

  @Test
  void aNamespaceWithOnlyFinishedJobsHasNothingToVerify() {
    ClusterState cluster = watched(List.of(), List.of(Pods.pod("migrate-1", "Succeeded", false)));

    assertThat(criteria(cluster).get(0))
        .isEqualTo(
            new Criterion(
                "all pods Running and Ready",
                "production",
                false,
                "no pods",
                "namespace production has no pods"));
  }

  @Test
  void aGateRuleThatDidNotRunIsABugNotAPass() {
    ClusterState cluster = watched(List.of(), List.of(crashLooping("api-1", 4)));
    RuleEngine.Outcome onlyOne =
        new RuleEngine(List.of(new PodNotReady()), RuleSettings.DEFAULTS)
            .run(SystemModel.builder().cluster(cluster).build());

    assertThatThrownBy(() -> new ClusterCriteria(cluster, onlyOne))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("the gate's rules did not all run");
  }

  private static ContainerLog log(String pod, String container, LogLine... lines) {
    return new ContainerLog(
        "production", pod, container, List.of(lines), "kubectl logs " + pod + " -c " + container);
  }
}
