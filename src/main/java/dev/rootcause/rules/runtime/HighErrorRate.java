package dev.rootcause.rules.runtime;

import dev.rootcause.model.ClusterLocation;
import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.cluster.AccessLines;
import dev.rootcause.model.cluster.ClusterState;
import dev.rootcause.model.cluster.ContainerSpec;
import dev.rootcause.model.cluster.LogLine;
import dev.rootcause.model.cluster.PodDetail;
import dev.rootcause.model.cluster.PodGroup;
import dev.rootcause.model.cluster.PodState;
import dev.rootcause.model.probe.Units;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import dev.rootcause.rules.SystemRule;
import java.util.List;
import java.util.Locale;

/**
 * A running service that answers a high share of its requests with 5xx, counted from the request
 * lines of its log, and the fault-injection flag its spec sets when it sets one ({@code
 * CHAOS_FAILURE_RATE}, {@code FAILURE_RATE}, {@code FAULT_INJECTION}), or the exception the
 * handlers raise when the log prints a traceback beside its 5xx lines. A log of too few requests to
 * tell is not judged.
 */
@RuleSpec(
    id = "runtime/high-error-rate",
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Service answers a high share of requests with 5xx",
    symptom = "intermittent 500s: some requests fail, retries sometimes succeed",
    fix =
        "Read the errors logged beside the 5xx lines and fix their cause; turn off a fault-injection"
            + " flag left on in production.",
    thresholds = {
      @RuleSpec.Threshold(
          name = "minRequests",
          value = 20,
          description = "Fewer request lines than this in a log are too few to judge"),
      @RuleSpec.Threshold(
          name = "percent5xx",
          value = 10,
          description = "The share of 5xx answers, in percent, from which it is reported")
    })
public final class HighErrorRate implements SystemRule {
  private static final List<String> FLAGS =
      List.of("CHAOS", "FAILURE_RATE", "FAULT_INJECTION", "ERROR_RATE", "RANDOM_FAIL", "FAIL_RATE");

  @Override
  public void check(RuleContext ctx) {
    ClusterState cluster = Symptoms.cluster(ctx);
    if (cluster == null) {
      return;
    }
    long least = ctx.threshold("minRequests");
    long percent = ctx.threshold("percent5xx");
    for (PodGroup group : cluster.podGroups()) {
      int requests = 0;
      int failed = 0;
      LogLine example = null;
      PodState where = null;
      String container = null;
      HandlerErrors raised = new HandlerErrors();
      for (Symptoms.Log log : Symptoms.logs(cluster, group)) {
        for (LogLine line : log.log().lines()) {
          int status = AccessLines.status(line.text());
          if (status == 0) {
            raised.line(line.body());
            continue;
          }
          requests++;
          if (status < 500) {
            raised.answered();
          } else {
            raised.failed();
            failed++;
            if (example == null) {
              example = line;
              where = log.pod();
              container = log.container();
            }
          }
        }
      }
      if (requests < least || failed * 100L < percent * requests) {
        continue;
      }
      report(ctx, cluster, group, where, container, example, failed, requests, raised);
    }
  }

  private static void report(
      RuleContext ctx,
      ClusterState cluster,
      PodGroup group,
      PodState pod,
      String container,
      LogLine example,
      int failed,
      int requests,
      HandlerErrors raised) {
    HandlerErrors.Raised top = raised.top();
    String flag = flag(cluster.detail(pod), container);
    ClusterLocation where = cluster.fixTarget(pod, ".spec.containers{" + container + "}");
    ctx.report(
            where,
            group.owner().name()
                + " answers "
                + failed
                + " of "
                + Units.count(requests, "request")
                + " with 5xx ("
                + Units.percent((double) failed / requests)
                + "), e.g. "
                + Symptoms.quote(example)
                + (top == null
                    ? ""
                    : "; "
                        + raised.topCount()
                        + " of them beside a traceback ending \""
                        + top.error()
                        + "\""
                        + (top.frame() == null ? "" : ", raised at " + top.at()))
                + (flag == null ? "" : "; the container sets " + flag + ", a fault-injection flag"))
        .subject(Symptoms.subject(where))
        .related(
            cluster.logLocation(cluster.log(pod, container)),
            pod.name() + "/" + container + " log: " + Symptoms.quote(example))
        .fix(
            flag != null
                ? "Remove "
                    + flag
                    + " from the env of "
                    + group.owner().name()
                    + " (or set it to 0) outside a chaos experiment."
                : top != null
                    ? "Fix what raises \""
                        + top.error()
                        + "\""
                        + (top.frame() == null ? "" : " at " + top.at())
                        + " in the code of "
                        + group.owner().name()
                        + ": each request that reaches it fails with 500."
                    : "Read the errors logged beside the 5xx lines of "
                        + group.owner().name()
                        + " and fix their cause (the handler, or the dependency it calls).")
        .frame(top == null ? null : top.frame());
  }

  /** The env var of the container that looks like a fault-injection flag, or null. */
  private static String flag(PodDetail d, String container) {
    ContainerSpec spec = d == null ? null : d.container(container);
    if (spec == null) {
      return null;
    }
    for (String name : spec.env()) {
      String upper = name.toUpperCase(Locale.ROOT);
      if (FLAGS.stream().anyMatch(upper::contains)) {
        return name;
      }
    }
    return null;
  }
}
