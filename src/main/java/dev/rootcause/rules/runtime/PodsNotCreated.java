package dev.rootcause.rules.runtime;

import dev.rootcause.model.ClusterLocation;
import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.cluster.ClusterEvent;
import dev.rootcause.model.cluster.ClusterState;
import dev.rootcause.model.cluster.Condition;
import dev.rootcause.model.cluster.CreateFailure;
import dev.rootcause.model.cluster.QuotaState;
import dev.rootcause.model.cluster.WorkloadStatus;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import dev.rootcause.rules.SystemRule;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A controller that cannot create its pods ({@code FailedCreate} on the ReplicaSet, StatefulSet,
 * DaemonSet or Job, or its {@code ReplicaFailure} condition), with what refused them: a quota
 * exceeded or demanding limits, a PodSecurity level, a ServiceAccount that does not exist, an
 * admission webhook. A controller that has every replica it wants since is left alone.
 */
@RuleSpec(
    id = "runtime/pods-not-created",
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Controller cannot create its pods (FailedCreate)",
    symptom =
        "the Deployment shows fewer pods than it wants, and no pod exists to show an error:"
            + " kubectl get pods says nothing",
    fix =
        "Fix what the admission refused (the quota, the PodSecurity level, the ServiceAccount) and"
            + " the controller creates the pods on its own.")
public final class PodsNotCreated implements SystemRule {

  @Override
  public void check(RuleContext ctx) {
    ClusterState cluster = Symptoms.cluster(ctx);
    if (cluster == null) {
      return;
    }
    Map<String, WorkloadStatus> workloads = new HashMap<>();
    for (WorkloadStatus w : cluster.objects().workloads()) {
      workloads.put(key(w.namespace(), w.kind(), w.name()), w);
    }
    Set<String> told = new HashSet<>();
    for (ClusterEvent e : cluster.objects().events()) {
      CreateFailure failure = CreateFailure.of(e.reason(), e.message());
      if (failure == null) {
        continue;
      }
      WorkloadStatus w = workloads.get(key(e.namespace(), e.kind(), e.name()));
      if (w != null && w.desired() >= 0 && w.ready() >= w.desired()) {
        continue; // created since: every replica it wants is ready
      }
      if (told.add(key(e.namespace(), e.kind(), e.name()))) {
        report(
            ctx,
            cluster,
            workloads,
            e.namespace(),
            e.kind(),
            e.name(),
            failure,
            e.message(),
            "event " + e.summary());
      }
    }
    // Events expire after an hour; the ReplicaSet's condition stays while it fails.
    for (WorkloadStatus w : cluster.objects().workloads()) {
      Condition c = w.condition("ReplicaFailure");
      if (c == null
          || !"True".equals(c.status())
          || told.contains(key(w.namespace(), w.kind(), w.name()))) {
        continue;
      }
      CreateFailure failure = CreateFailure.of(c.reason(), c.message());
      if (failure != null) {
        told.add(key(w.namespace(), w.kind(), w.name()));
        report(
            ctx,
            cluster,
            workloads,
            w.namespace(),
            w.kind(),
            w.name(),
            failure,
            c.message(),
            "condition " + c.summary());
      }
    }
  }

  private static String key(String namespace, String kind, String name) {
    return namespace + "/" + kind + "/" + name;
  }

  private static void report(
      RuleContext ctx,
      ClusterState cluster,
      Map<String, WorkloadStatus> workloads,
      String namespace,
      String kind,
      String name,
      CreateFailure failure,
      String message,
      String evidence) {
    WorkloadStatus self = workloads.get(key(namespace, kind, name));
    boolean owned = self != null && self.ownerKind() != null;
    String field =
        failure.kind() == CreateFailure.Kind.SERVICE_ACCOUNT_MISSING
            ? (owned ? ".spec.template.spec.serviceAccountName" : null)
            : null;
    ClusterLocation where =
        owned
            ? new ClusterLocation(
                cluster.context(), namespace, self.ownerKind(), self.ownerName(), field)
            : new ClusterLocation(cluster.context(), namespace, kind, name, null);
    String who = where.kind() + " " + where.name();
    var f =
        ctx.report(where, who + " creates no pod: " + why(cluster, namespace, failure))
            .subject(Symptoms.subject(where))
            .related(
                new ClusterLocation(cluster.context(), namespace, kind, name, null),
                evidence.length() > 400 ? evidence.substring(0, 400) + "..." : evidence);
    f.fix(fix(failure, who));
  }

  private static String why(ClusterState cluster, String namespace, CreateFailure failure) {
    return switch (failure.kind()) {
      case QUOTA_EXCEEDED ->
          "ResourceQuota "
              + failure.subject()
              + " is exceeded"
              + (failure.detail() == null ? "" : " (" + failure.detail() + ")")
              + quota(cluster, namespace, failure.subject());
      case QUOTA_REQUIRES_LIMITS ->
          "ResourceQuota "
              + failure.subject()
              + " demands what the pod does not set: "
              + failure.detail();
      case POD_SECURITY ->
          "the namespace enforces PodSecurity \""
              + failure.subject()
              + "\" and the pod violates it: "
              + cut(failure.detail());
      case SERVICE_ACCOUNT_MISSING ->
          "ServiceAccount " + failure.subject() + " does not exist in namespace " + namespace;
      case WEBHOOK -> "the admission webhook " + failure.subject() + " refused or failed";
      case OTHER -> "the API server refused the pod";
    };
  }

  private static String quota(ClusterState cluster, String namespace, String name) {
    List<QuotaState> quotas =
        cluster.objects().quotas().stream()
            .filter(q -> q.namespace().equals(namespace) && q.name().equals(name))
            .toList();
    if (quotas.isEmpty()) {
      return "";
    }
    QuotaState q = quotas.get(0);
    List<String> used =
        q.hard().keySet().stream()
            .sorted()
            .map(k -> k + " " + q.used().getOrDefault(k, "0") + " of " + q.hard().get(k))
            .toList();
    return "; the quota holds " + String.join(", ", used);
  }

  private static String cut(String s) {
    return s == null ? "" : s.length() > 240 ? s.substring(0, 240) + "..." : s;
  }

  private static String fix(CreateFailure failure, String who) {
    return switch (failure.kind()) {
      case QUOTA_EXCEEDED ->
          "Lower the requests and limits of "
              + who
              + " or its replicas to fit ResourceQuota "
              + failure.subject()
              + ", or raise the quota.";
      case QUOTA_REQUIRES_LIMITS ->
          "Set the requests and limits ResourceQuota "
              + failure.subject()
              + " demands on every container of "
              + who
              + " (or a LimitRange that defaults them).";
      case POD_SECURITY ->
          "Set the securityContext the level demands on "
              + who
              + " (runAsNonRoot, allowPrivilegeEscalation: false, drop ALL capabilities,"
              + " seccompProfile RuntimeDefault), or run it in a namespace of another level.";
      case SERVICE_ACCOUNT_MISSING ->
          "Create ServiceAccount "
              + failure.subject()
              + " (it belongs beside the Deployment), or correct serviceAccountName.";
      case WEBHOOK ->
          "Read why the webhook "
              + failure.subject()
              + " refused the pod (its message), and make the pod comply or the webhook answer.";
      case OTHER -> "Read the event's message: it says what refused the pod.";
    };
  }
}
