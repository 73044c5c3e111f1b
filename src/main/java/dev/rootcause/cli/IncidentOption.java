package dev.rootcause.cli;

import dev.rootcause.pipeline.IncidentEvidence;
import dev.rootcause.pipeline.InputException;
import java.io.PrintWriter;
import java.time.Clock;
import picocli.CommandLine.Option;

/**
 * {@code --incident ID} on {@code scan}, {@code diagnose}, {@code probe} and {@code verify}:
 * checked before the command works, then its result is kept as the incident's evidence with the
 * timeline entries a responder would have typed; what was written is said on standard error.
 */
final class IncidentOption {
  @Option(
      names = "--incident",
      paramLabel = "ID",
      description =
          "Keep the result as evidence of this incident (INC-YYYY-NNN): root causes, probe"
              + " measurements and timeline entries. An unknown id exits 2 before any work.")
  String id;

  @Option(
      names = "--incident-at",
      paramLabel = "TIME",
      description =
          "With --incident: put the evidence on the timeline at TIME (ISO-8601 or -15m), for"
              + " evidence gathered after the fact. Default: when it was measured.")
  String at;

  @Option(
      names = "--store",
      paramLabel = "PATH|JDBC-URL",
      description =
          "With --incident or --record: the incident store (an SQLite file or a JDBC URL)."
              + " Default: $ROOTCAUSE_STORE, else ~/.local/share/rootcause/rootcause.db.")
  String store;

  @Option(
      names = "--dry-run",
      description = "With --incident or --record: say what would be kept; write nothing.")
  boolean dryRun;

  /** Checks the incident before the command works; null when nothing is to be kept. */
  IncidentEvidence open(String recordService) throws InputException {
    return IncidentEvidence.open(
        new IncidentEvidence.Request(store, id, recordService, dryRun, at), Clock.systemUTC());
  }

  IncidentEvidence open() throws InputException {
    return open(null);
  }

  /** What one step wrote, on standard error (standard output carries the report). */
  interface Step {
    String keep(IncidentEvidence evidence) throws InputException;
  }

  /** Runs the step when evidence is kept, and says what it wrote. */
  static void keep(IncidentEvidence evidence, Step step, PrintWriter err) throws InputException {
    if (evidence == null) {
      return;
    }
    err.println("rootcause: " + step.keep(evidence));
    err.flush();
  }
}
