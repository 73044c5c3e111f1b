package dev.rootcause.cli;

import dev.rootcause.model.incident.Incident;
import dev.rootcause.model.incident.IncidentSeverity;
import dev.rootcause.model.incident.RootCause;
import dev.rootcause.model.incident.Status;
import dev.rootcause.model.incident.TimelineEntry;
import dev.rootcause.pipeline.Incidents;
import dev.rootcause.pipeline.InputException;
import dev.rootcause.report.incident.IncidentJson;
import dev.rootcause.report.incident.IncidentText;
import dev.rootcause.report.incident.Spans;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rootcause incident}: open an incident, write its timeline, attach evidence, read it back.
 */
@Command(
    name = "incident",
    mixinStandardHelpOptions = true,
    description = {
      "Keeps incidents: their timeline, the evidence found and the services hurt.",
      "TIME is ISO-8601 (2025-03-04T10:15:00Z; no offset means UTC) or relative (-15m)."
    },
    subcommands = {
      IncidentCommand.Open.class,
      IncidentCommand.Note.class,
      IncidentCommand.StatusChange.class,
      IncidentCommand.Impact.class,
      IncidentCommand.Attach.class,
      IncidentCommand.ListAll.class,
      IncidentCommand.Show.class
    },
    footer = {
      "",
      "Examples:",
      "  rootcause incident open --title 'url-shortener returns 500' --severity SEV2"
          + " --service url-shortener",
      "  rootcause incident note INC-2026-001 'rolled back to v1'",
      "  rootcause incident status INC-2026-001 resolved --at -1m",
      "  rootcause report INC-2026-001 --format markdown --output postmortem.md"
    })
final class IncidentCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** What every subcommand shares: the store, the output stream and the dry-run switch. */
  abstract static class Base implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin StoreOptions store = new StoreOptions();

    Incidents incidents() {
      return new Incidents(store.store, Clock.systemUTC());
    }

    PrintWriter out() {
      return spec.commandLine().getOut();
    }

    int said(String line) {
      out().println(line);
      out().flush();
      return ExitCode.OK.code();
    }

    static String written(boolean dryRun, String what, Incidents incidents) {
      return dryRun
          ? "dry run: would have " + what + "; nothing was written"
          : what + " (store: " + incidents.storeUrl() + ")";
    }
  }

  /** A subcommand that writes a timeline entry: when it happened, and whether to write at all. */
  abstract static class Write extends Base {
    @Option(names = "--at", paramLabel = "TIME", description = "When it happened. Default: now.")
    String at;

    @Option(names = "--dry-run", description = "Check the input; write nothing.")
    boolean dryRun;

    @Option(names = "--format", description = "${COMPLETION-CANDIDATES}. Default: text.")
    Shown format = Shown.TEXT;

    /** Says what was written (or would have been), as a line or as JSON for a script. */
    int wrote(String id, String what, Incidents incidents) {
      if (format == Shown.JSON) {
        out().print(IncidentJson.written(id, dryRun, what, incidents.storeUrl()));
        out().flush();
        return ExitCode.OK.code();
      }
      return said(written(dryRun, what, incidents));
    }
  }

  /** Output formats of the commands that read incidents. */
  enum Shown {
    TEXT,
    JSON
  }

  @Command(
      name = "open",
      mixinStandardHelpOptions = true,
      description = "Opens an incident and prints its id, INC-YYYY-NNN.")
  static final class Open extends Write {
    @Option(names = "--title", required = true, description = "What users see, in one line.")
    String title;

    @Option(names = "--severity", required = true, description = "${COMPLETION-CANDIDATES}.")
    IncidentSeverity severity;

    @Option(
        names = "--service",
        required = true,
        paramLabel = "NAME",
        description = "An affected service (repeat for several).")
    List<String> services;

    @Option(
        names = "--impact-start",
        paramLabel = "TIME",
        description = "When users started to be hurt, if before the incident was opened.")
    String impactStart;

    @Override
    public Integer call() throws InputException {
      Incidents incidents = incidents();
      String id =
          incidents.open(new Incidents.Opening(title, severity, services, at, impactStart), dryRun);
      if (dryRun || format == Shown.JSON) {
        return wrote(
            id, "opened a " + severity + " incident for " + String.join(", ", services), incidents);
      }
      return said(id);
    }
  }

  @Command(
      name = "note",
      mixinStandardHelpOptions = true,
      description = "Adds a note to an incident's timeline (--lesson: a lesson learned).")
  static final class Note extends Write {
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Parameters(index = "1", paramLabel = "TEXT")
    String text;

    @Option(names = "--lesson", description = "A lesson learned, for the postmortem.")
    boolean lesson;

    @Override
    public Integer call() throws InputException {
      Incidents incidents = incidents();
      TimelineEntry e = incidents.note(id, text, lesson, at, dryRun);
      return wrote(
          id,
          "added a " + (lesson ? "lesson" : "note") + " to " + id + " at " + Spans.moment(e.at()),
          incidents);
    }
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "Moves an incident to investigating, identified, monitoring or resolved.")
  static final class StatusChange extends Write {
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Parameters(index = "1", paramLabel = "STATUS", description = "${COMPLETION-CANDIDATES}.")
    Status status;

    @Option(
        names = {"-m", "--message"},
        description = "What changed (the fix, the rollback).")
    String message;

    @Override
    public Integer call() throws InputException {
      Incidents incidents = incidents();
      TimelineEntry e = incidents.status(id, status, message, at, dryRun);
      return wrote(
          id, "moved " + id + " to " + status.label() + " at " + Spans.moment(e.at()), incidents);
    }
  }

  @Command(
      name = "impact",
      mixinStandardHelpOptions = true,
      description = "Sets the user-facing impact window charged to the error budget.")
  static final class Impact extends Base {
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Option(names = "--impact-start", paramLabel = "TIME")
    String start;

    @Option(names = "--impact-end", paramLabel = "TIME")
    String end;

    @Option(names = "--dry-run", description = "Check the input; write nothing.")
    boolean dryRun;

    @Override
    public Integer call() throws InputException {
      Incidents incidents = incidents();
      TimelineEntry e = incidents.impact(id, start, end, dryRun);
      return said(written(dryRun, "set the impact window of " + id + ": " + e.text(), incidents));
    }
  }

  @Command(
      name = "attach",
      mixinStandardHelpOptions = true,
      description = "Attaches a saved 'rootcause scan --format json' result as evidence.")
  static final class Attach extends Write {
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Option(names = "--scan-json", required = true, paramLabel = "FILE")
    Path scanJson;

    @Override
    public Integer call() throws InputException {
      Incidents incidents = incidents();
      List<RootCause> causes = incidents.attachScan(id, scanJson, at, dryRun);
      return wrote(
          id,
          "attached " + causes.size() + " finding(s) from " + scanJson + " to " + id,
          incidents);
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Lists incidents, newest first.")
  static final class ListAll extends Base {
    @Option(names = "--open", description = "Only incidents not resolved.")
    boolean open;

    @Option(names = "--format", description = "${COMPLETION-CANDIDATES}. Default: text.")
    Shown format = Shown.TEXT;

    @Override
    public Integer call() throws InputException {
      List<Incident> all = incidents().list(open);
      out().print(format == Shown.JSON ? IncidentJson.incidents(all) : IncidentText.list(all));
      out().flush();
      return ExitCode.OK.code();
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows one incident.")
  static final class Show extends Base {
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Option(names = "--format", description = "${COMPLETION-CANDIDATES}. Default: text.")
    Shown format = Shown.TEXT;

    @Override
    public Integer call() throws InputException {
      Incident i = incidents().show(id);
      out().print(format == Shown.JSON ? IncidentJson.incident(i) : IncidentText.show(i));
      out().flush();
      return ExitCode.OK.code();
    }
  }
}
