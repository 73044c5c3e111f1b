package dev.rootcause.rules.runtime;

import dev.rootcause.model.ClusterLocation;
import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.cluster.ClusterEvent;
import dev.rootcause.model.cluster.ClusterState;
import dev.rootcause.model.cluster.Condition;
import dev.rootcause.model.cluster.ContainerState;
import dev.rootcause.model.cluster.CreateFailure;
import dev.rootcause.model.cluster.PodGroup;
import dev.rootcause.model.cluster.PodState;
import dev.rootcause.model.cluster.WorkloadStatus;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import dev.rootcause.rules.SystemRule;
import java.util.ArrayList;
import java.util.List;

/**
 * A Deployment whose rollout passed its progress deadline ({@code Progressing=False,
 * ProgressDeadlineExceeded}), naming what its pods show when they show something (then the pods'
 * own finding is the cause, and this one its consequence); a rollout stuck with healthy-looking
 * pods is the cause itself.
 */
@RuleSpec(
    id = "runtime/rollout-stuck",
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Rollout passed its progress deadline (ProgressDeadlineExceeded)",
    symptom =
        "kubectl rollout status fails; old and new ReplicaSets run side by side, or the workload"
            + " runs short",
    fix =
        "Fix why the new pods do not become Ready (their own finding), or roll back with kubectl"
            + " rollout undo.")
public final class RolloutStuck implements SystemRule {

  @Override
  public void check(RuleContext ctx) {
    ClusterState cluster = Symptoms.cluster(ctx);
    if (cluster == null) {
      return;
    }
    for (WorkloadStatus w : cluster.objects().workloads()) {
      Condition progressing = w.condition("Progressing");
      if (!"Deployment".equals(w.kind())
          || progressing == null
          || !"False".equals(progressing.status())
          || !"ProgressDeadlineExceeded".equals(progressing.reason())) {
        continue;
      }
      ClusterLocation where =
          new ClusterLocation(cluster.context(), w.namespace(), "Deployment", w.name(), null);
      List<String> shown = podsShow(cluster, w);
      String created = notCreated(cluster, w);
      if (created != null) {
        shown.add(created);
      }
      var f =
          ctx.report(
                  where,
                  "Deployment "
                      + w.name()
                      + " rollout stuck: "
                      + progressing.summary()
                      + (w.desired() >= 0
                          ? "; " + w.ready() + " of " + w.desired() + " replicas Ready"
                          : "")
                      + (shown.isEmpty() ? "" : "; its pods show " + String.join(", ", shown)))
              .subject(Symptoms.subject(where))
              .related(where, "condition " + progressing.summary());
      if (!shown.isEmpty()) {
        f.severity(Severity.MEDIUM)
            .symptom(
                "the rollout cannot finish until its pods start: a consequence of what they show,"
                    + " reported on its own")
            .fix("Fix what the pods show (their own finding); the rollout then completes.");
      }
    }
  }

  /** What the Deployment's pods show, one phrase per symptom: {@code api-7d9 CrashLoopBackOff}. */
  private static List<String> podsShow(ClusterState cluster, WorkloadStatus w) {
    List<String> out = new ArrayList<>();
    for (PodGroup g : cluster.podGroups()) {
      if (!g.owner().kind().equals("Deployment")
          || !g.owner().name().equals(w.name())
          || !w.namespace().equals(g.owner().namespace())) {
        continue;
      }
      for (PodState p : g.pods()) {
        for (ContainerState c : p.containers()) {
          if (c.state() != ContainerState.State.RUNNING && c.reason() != null && out.size() < 3) {
            out.add(p.name() + " " + c.display());
          } else if (c.state() == ContainerState.State.RUNNING && !c.ready() && out.size() < 3) {
            out.add(p.name() + " not Ready");
          }
        }
        if ("Pending".equals(p.phase()) && p.containers().isEmpty() && out.size() < 3) {
          out.add(p.name() + " Pending");
        }
      }
    }
    return out;
  }

  /** A ReplicaSet of the Deployment that cannot create pods, as its event says; null if none. */
  private static String notCreated(ClusterState cluster, WorkloadStatus w) {
    for (WorkloadStatus rs : cluster.objects().workloads()) {
      if (!"ReplicaSet".equals(rs.kind())
          || !w.name().equals(rs.ownerName())
          || !w.namespace().equals(rs.namespace())) {
        continue;
      }
      for (ClusterEvent e : cluster.objects().events()) {
        if ("ReplicaSet".equals(e.kind())
            && rs.name().equals(e.name())
            && rs.namespace().equals(e.namespace())
            && CreateFailure.of(e.reason(), e.message()) != null) {
          return "ReplicaSet " + rs.name() + " FailedCreate";
        }
      }
    }
    return null;
  }
}
