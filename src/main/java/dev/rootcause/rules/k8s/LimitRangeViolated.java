package dev.rootcause.rules.k8s;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Location;
import dev.rootcause.model.Severity;
import dev.rootcause.model.k8s.Admission.Resource;
import dev.rootcause.model.k8s.Container;
import dev.rootcause.model.k8s.LimitRange;
import dev.rootcause.model.k8s.ResourceSpec;
import dev.rootcause.model.k8s.Workload;
import dev.rootcause.rules.ContainerRule;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import java.math.BigDecimal;

/**
 * A container outside the bounds of its namespace's LimitRange ({@code type: Container}): a limit
 * above {@code max}, a request below {@code min}, or a request above the default limit the
 * LimitRange gives a container that sets none. The API server refuses every pod.
 */
@RuleSpec(
    id = "k8s/limit-range-violated",
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Container resources fall outside the namespace's LimitRange",
    symptom =
        "FailedCreate: pods \"...\" is forbidden: maximum cpu usage per Container is 500m, but"
            + " limit is 1 (or minimum memory usage per Container is ...); no pod is created",
    fix = "Bring the container's requests and limits within the LimitRange's min and max.")
public final class LimitRangeViolated implements ContainerRule {

  @Override
  public void check(Workload workload, Container container, RuleContext ctx) {
    for (LimitRange range : ctx.model().kube().limitRangesFor(workload.meta())) {
      for (String name : new String[] {"cpu", "memory"}) {
        boolean cpu = name.equals("cpu");
        ResourceSpec r = container.resources();
        ResourceSpec.Value limit = cpu ? r.cpuLimit() : r.memoryLimit();
        ResourceSpec.Value request = cpu ? r.cpuRequest() : r.memoryRequest();
        Resource kind = cpu ? Resource.LIMITS_CPU : Resource.LIMITS_MEMORY;
        ResourceSpec.Value max = range.max().get(name);
        if (max != null && limit != null && above(limit, max)) {
          report(
              ctx,
              range,
              limit.location(),
              max.location(),
              "maximum "
                  + name
                  + " usage per Container is "
                  + max.quantity()
                  + ", but limit is "
                  + limit.quantity(),
              "Set limits."
                  + name
                  + " of container "
                  + container.name()
                  + " to at most "
                  + max.quantity()
                  + ".");
          return;
        }
        ResourceSpec.Value min = range.min().get(name);
        ResourceSpec.Value effective = request != null ? request : limit;
        if (min != null && effective != null && above(min, effective)) {
          report(
              ctx,
              range,
              effective.location(),
              min.location(),
              "minimum "
                  + name
                  + " usage per Container is "
                  + min.quantity()
                  + ", but request is "
                  + effective.quantity(),
              "Set requests."
                  + name
                  + " of container "
                  + container.name()
                  + " to at least "
                  + min.quantity()
                  + ".");
          return;
        }
        ResourceSpec.Value defaultLimit = range.defaultLimit().get(name);
        if (limit == null
            && request != null
            && defaultLimit != null
            && above(request, defaultLimit)) {
          report(
              ctx,
              range,
              request.location(),
              defaultLimit.location(),
              "requests."
                  + name
                  + " "
                  + request.quantity()
                  + " is above the LimitRange's default"
                  + " limit "
                  + defaultLimit.quantity()
                  + ": Invalid value: \""
                  + request.quantity()
                  + "\": must be less than or equal to "
                  + name
                  + " limit of "
                  + kind.format(defaultLimit.quantity().value()),
              "Set limits."
                  + name
                  + " of container "
                  + container.name()
                  + " to at least "
                  + request.quantity()
                  + ".");
          return;
        }
      }
    }
  }

  private static boolean above(ResourceSpec.Value a, ResourceSpec.Value b) {
    BigDecimal x = a.quantity().value();
    return x.compareTo(b.quantity().value()) > 0;
  }

  private static void report(
      RuleContext ctx, LimitRange range, Location at, Location bound, String what, String fix) {
    ctx.report(at, "pods are forbidden: " + what + " (LimitRange " + range.meta().name() + ")")
        .related(bound, "LimitRange " + range.meta().name())
        .fix(fix);
  }
}
