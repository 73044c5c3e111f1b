package dev.rootcause.rules.runtime;

import dev.rootcause.model.ClusterLocation;
import dev.rootcause.model.Severity;
import dev.rootcause.model.cluster.ClusterState;
import dev.rootcause.model.cluster.ContainerLog;
import dev.rootcause.model.cluster.LogLine;
import dev.rootcause.model.probe.Units;
import dev.rootcause.rules.ContainerLogRule;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Error lines a container logged since the fix: the fix did not reach, or did not cure, what the
 * application complains about. Every error line is quoted as evidence, in log order.
 */
@RuleSpec(
    id = "runtime/error-lines-in-logs",
    severity = Severity.MEDIUM,
    summary = "Container logged errors since the fix",
    symptom = "the application still reports errors: failed requests, dropped work or a dependency"
        + " it cannot reach",
    fix = "Read the quoted lines in context (kubectl logs), fix what they report, and verify again"
        + " with --logs-since set to the time of the new fix.")
public final class ErrorLinesInLogs implements ContainerLogRule {
  private static final int QUOTE = 160;
  private static final Pattern ERROR = Pattern.compile(
      "(?i)(\\b(error|fatal|critical|panic|exception|traceback)\\b|\\blevel\\s*[=:]\\s*\"?(error|fatal)"
          + "|\"level\"\\s*:\\s*\"(error|fatal)|\\bE\\d{4} \\d{2}:\\d{2})");
  private static final Pattern NOT_ERROR = Pattern.compile(
      "(?i)\\b(0 errors?|no errors?|errors?=0|error_count=0|\"errors?\"\\s*:\\s*0)\\b");

  @Override
  public void check(ContainerLog log, ClusterState cluster, RuleContext ctx) {
    List<LogLine> errors = log.linesSince(cluster.logsSince()).stream()
        .filter(l -> isError(l.text())).toList();
    if (errors.isEmpty()) {
      return;
    }
    String container = log.pod() + "/" + log.container();
    ClusterLocation where = cluster.logLocation(log);
    var finding = ctx.report(where, Units.count(errors.size(), "error line") + " in the log of "
        + container + " since " + cluster.logsSince() + ", the first: " + quote(errors.get(0)));
    for (LogLine line : errors) {
      finding.related(where, container + ": " + quote(line));
    }
  }

  /**
   * Whether a line reports an error: ERROR/FATAL levels, exceptions, tracebacks, panics, klog's
   * {@code E0102 12:00}; "0 errors" and "no error" do not count.
   */
  static boolean isError(String line) {
    return ERROR.matcher(line).find() && !NOT_ERROR.matcher(line).find();
  }

  private static String quote(LogLine line) {
    String text = line.text().strip();
    return text.length() > QUOTE ? text.substring(0, QUOTE) + "..." : text;
  }
}
