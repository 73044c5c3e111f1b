package dev.rootcause.rules.k8s;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Location;
import dev.rootcause.model.Severity;
import dev.rootcause.model.SystemModel;
import dev.rootcause.model.k8s.Admission;
import dev.rootcause.model.k8s.Admission.Resource;
import dev.rootcause.model.k8s.Container;
import dev.rootcause.model.k8s.LimitRange;
import dev.rootcause.model.k8s.ResourceQuota;
import dev.rootcause.model.k8s.ResourceSpec;
import dev.rootcause.model.k8s.Workload;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import dev.rootcause.rules.WorkloadRule;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A ResourceQuota of the namespace the repository declares refuses the workload's pods: their
 * requests or limits, added to those of the workloads declared before it, pass {@code spec.hard};
 * or the quota counts a resource some container sets nowhere (no value, no LimitRange default),
 * which the API server refuses outright. Pod counts are lower bounds (an HPA's minReplicas).
 */
@RuleSpec(
    id = "k8s/quota-exceeded",
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Namespace ResourceQuota refuses the workload's pods",
    symptom =
        "the ReplicaSet reports FailedCreate: Error creating: pods \"...\" is forbidden: exceeded"
            + " quota: compute-quota, requested: requests.cpu=500m, used: requests.cpu=2,"
            + " limited: requests.cpu=2 (or \"failed quota: ...: must specify limits.cpu\");"
            + " the Deployment stays below its replicas",
    fix = "Lower the replicas or per-pod requests to fit spec.hard, or raise the quota.")
public final class QuotaExceeded implements WorkloadRule {

  @Override
  public void check(Workload workload, RuleContext ctx) {
    SystemModel model = ctx.model();
    List<ResourceQuota> quotas = model.kube().quotasFor(workload.meta());
    if (quotas.isEmpty() || Admission.pods(model, workload) == 0) {
      return;
    }
    List<LimitRange> limitRanges = model.kube().limitRangesFor(workload.meta());
    for (ResourceQuota quota : quotas) {
      if (mustSpecify(workload, quota, limitRanges, ctx)) {
        continue;
      }
      for (Map.Entry<String, ResourceSpec.Value> hard :
          new java.util.TreeMap<>(quota.hard()).entrySet()) {
        Optional<Resource> resource = Resource.ofQuotaKey(hard.getKey());
        if (resource.isPresent()) {
          exceeded(workload, quota, hard.getKey(), hard.getValue(), resource.get(), ctx);
        }
      }
    }
  }

  /** Reports containers that set none of a quota's resources; true when any was reported. */
  private static boolean mustSpecify(
      Workload w, ResourceQuota quota, List<LimitRange> limitRanges, RuleContext ctx) {
    List<String> missing = new ArrayList<>();
    Location at = null;
    for (String key : new java.util.TreeSet<>(quota.hard().keySet())) {
      Optional<Resource> r = Resource.ofQuotaKey(key);
      if (r.isEmpty()) {
        continue;
      }
      List<String> names = new ArrayList<>();
      for (Container c : w.allContainers().toList()) {
        if (Admission.amount(c, r.get(), limitRanges).isEmpty()) {
          names.add(c.name());
          if (at == null) {
            at = c.resources().location() != null ? c.resources().location() : c.location();
          }
        }
      }
      if (!names.isEmpty()) {
        missing.add(r.get().key() + " for: " + String.join(",", names));
      }
    }
    if (missing.isEmpty()) {
      return false;
    }
    ctx.report(
            at,
            w.meta().displayName()
                + " cannot create pods: failed quota: "
                + quota.meta().name()
                + ": must specify "
                + String.join("; ", missing))
        .related(quota.meta().location(), "ResourceQuota " + quota.meta().name())
        .fix(
            "Set "
                + missing.stream().map(m -> m.substring(0, m.indexOf(' '))).distinct().toList()
                + " in the resources of every container of "
                + w.meta().displayName()
                + " (or add a LimitRange with defaults to the namespace).");
    return true;
  }

  private static void exceeded(
      Workload w,
      ResourceQuota quota,
      String key,
      ResourceSpec.Value hard,
      Resource r,
      RuleContext ctx) {
    SystemModel model = ctx.model();
    List<LimitRange> limitRanges = model.kube().limitRangesFor(w.meta());
    BigDecimal limit = hard.quantity().value();
    BigDecimal used = BigDecimal.ZERO;
    for (Workload other : model.workloadsIn(w.meta().namespace())) {
      if (other == w) {
        break;
      }
      if (java.util.Objects.equals(other.meta().namespace(), w.meta().namespace())) {
        used =
            used.add(
                Admission.perPod(other, r, limitRanges)
                    .multiply(BigDecimal.valueOf(Admission.pods(model, other))));
      }
    }
    if (used.compareTo(limit) > 0) {
      return; // an earlier workload crossed it: reported there
    }
    BigDecimal pod = Admission.perPod(w, r, limitRanges);
    int pods = Admission.pods(model, w);
    for (int k = 0; k < pods; k++) {
      if (used.add(pod).compareTo(limit) > 0) {
        ctx.report(
                w.replicasLocation() != null ? w.replicasLocation() : w.meta().location(),
                w.meta().displayName()
                    + " pod "
                    + (k + 1)
                    + " of "
                    + pods
                    + " is refused: exceeded quota: "
                    + quota.meta().name()
                    + ", requested: "
                    + key
                    + "="
                    + r.format(pod)
                    + ", used: "
                    + key
                    + "="
                    + r.format(used)
                    + ", limited: "
                    + key
                    + "="
                    + hard.quantity())
            .related(hard.location(), "ResourceQuota " + quota.meta().name() + " " + key)
            .fix(
                "Run at most "
                    + k
                    + " replicas of "
                    + w.meta().displayName()
                    + " or lower its "
                    + r.key()
                    + " per pod, or raise "
                    + key
                    + " of ResourceQuota "
                    + quota.meta().name()
                    + " to at least "
                    + r.format(used.add(pod.multiply(BigDecimal.valueOf(pods - k))))
                    + ".");
        return;
      }
      used = used.add(pod);
    }
  }
}
