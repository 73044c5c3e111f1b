package dev.rootcause.rules.runtime;

import dev.rootcause.model.ClusterLocation;
import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.cluster.ClusterState;
import dev.rootcause.model.cluster.ContainerLog;
import dev.rootcause.model.cluster.LogLine;
import dev.rootcause.model.probe.Units;
import dev.rootcause.rules.ContainerLogRule;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import java.util.List;

/**
 * Error lines a container logged since the fix: the fix did not reach, or did not cure, what the
 * application complains about. Every error line is quoted as evidence, in log order.
 */
@RuleSpec(
    id = "runtime/error-lines-in-logs",
    severity = Severity.MEDIUM,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Container logged errors since the fix",
    symptom =
        "the application still reports errors: failed requests, dropped work or a dependency"
            + " it cannot reach",
    fix =
        "Read the quoted lines in context (kubectl logs), fix what they report, and verify again"
            + " with --logs-since set to the time of the new fix.")
public final class ErrorLinesInLogs implements ContainerLogRule {
  private static final int QUOTE = 160;

  @Override
  public void check(ContainerLog log, ClusterState cluster, RuleContext ctx) {
    List<LogLine> errors =
        log.linesSince(cluster.logsSince()).stream().filter(LogLine::error).toList();
    if (errors.isEmpty()) {
      return;
    }
    String container = log.pod() + "/" + log.container();
    ClusterLocation where = cluster.logLocation(log);
    var finding =
        ctx.report(
            where,
            Units.count(errors.size(), "error line")
                + " in the log of "
                + container
                + " since "
                + cluster.logsSince()
                + ", the first: "
                + quote(log.headline(errors.get(0))));
    for (LogLine line : errors) {
      finding.related(where, container + ": " + quote(log.headline(line)));
    }
  }

  private static String quote(LogLine line) {
    return Symptoms.cut(Symptoms.said(line), QUOTE);
  }
}
