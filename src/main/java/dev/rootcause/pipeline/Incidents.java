package dev.rootcause.pipeline;

import dev.rootcause.model.incident.Incident;
import dev.rootcause.model.incident.IncidentSeverity;
import dev.rootcause.model.incident.ProbeSample;
import dev.rootcause.model.incident.RootCause;
import dev.rootcause.model.incident.Status;
import dev.rootcause.model.incident.TimelineEntry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * The incident use cases: open, annotate, move and attach evidence, each one store transaction
 * after every input has been checked, so a bad argument writes nothing.
 */
public final class Incidents {
  private final String url;
  private final Clock clock;

  public Incidents(String storeOption, Clock clock) {
    this.url = IncidentStores.url(storeOption);
    this.clock = clock;
  }

  public String storeUrl() {
    return url;
  }

  /** What to open: times are as typed ({@code null}, ISO-8601 or {@code -15m}). */
  public record Opening(
      String title,
      IncidentSeverity severity,
      List<String> services,
      String at,
      String impactStart) {}

  /** Opens an incident; returns its id, or null on a dry run (the id is given when written). */
  public String open(Opening o, boolean dryRun) throws InputException {
    if (o.title().isBlank()) {
      throw new InputException("--title: give the incident a title");
    }
    if (o.services().isEmpty()) {
      throw new InputException("--service: name at least one affected service");
    }
    long at = IncidentTimes.at(o.at(), clock.instant(), "--at").getEpochSecond();
    long impact =
        o.impactStart() == null
            ? 0
            : IncidentTimes.at(o.impactStart(), clock.instant(), "--impact-start").getEpochSecond();
    if (dryRun) {
      return null;
    }
    return IncidentStores.with(
        url, s -> s.create(o.title(), o.severity(), o.services(), at, impact));
  }

  /** Adds a note (or a lesson learned) to the timeline; returns the entry written. */
  public TimelineEntry note(String id, String text, boolean lesson, String at, boolean dryRun)
      throws InputException {
    if (text.isBlank()) {
      throw new InputException("the note is empty; nothing was written");
    }
    TimelineEntry entry =
        new TimelineEntry(
            time(at, "--at"),
            lesson ? TimelineEntry.Kind.LESSON : TimelineEntry.Kind.NOTE,
            null,
            text);
    return append(id, entry, dryRun);
  }

  /** Moves the incident to a status; the optional text says what changed. */
  public TimelineEntry status(String id, Status status, String text, String at, boolean dryRun)
      throws InputException {
    String what =
        text == null || text.isBlank()
            ? "Status: " + status.label()
            : "Status: " + status.label() + ": " + text;
    return append(
        id, new TimelineEntry(time(at, "--at"), TimelineEntry.Kind.STATUS, status, what), dryRun);
  }

  /**
   * Sets the user-facing impact window explicitly (null keeps a bound from the timeline) and says
   * so on the timeline; returns the entry written.
   */
  public TimelineEntry impact(String id, String start, String end, boolean dryRun)
      throws InputException {
    long from = start == null ? 0 : time(start, "--impact-start");
    long to = end == null ? 0 : time(end, "--impact-end");
    if (from == 0 && to == 0) {
      throw new InputException("give --impact-start, --impact-end or both; nothing was written");
    }
    if (from > 0 && to > 0 && to < from) {
      throw new InputException("--impact-end is before --impact-start; nothing was written");
    }
    return IncidentStores.with(
        url,
        s -> {
          Incident i = IncidentStores.require(s, id);
          long a = from > 0 ? from : i.impactFrom();
          String text =
              "Impact window set: from "
                  + moment(a)
                  + (to > 0
                      ? " to " + moment(to) + " (" + span(Math.max(0, to - a)) + ")"
                      : ", still ongoing");
          TimelineEntry entry =
              new TimelineEntry(
                  clock.instant().getEpochSecond(), TimelineEntry.Kind.NOTE, null, text);
          if (!dryRun) {
            s.impact(id, from, to, entry);
          }
          return entry;
        });
  }

  private static String moment(long epochSecond) {
    return java.time.Instant.ofEpochSecond(epochSecond).toString();
  }

  private static String span(long seconds) {
    return java.time.Duration.ofSeconds(seconds)
        .toString()
        .substring(2)
        .toLowerCase(java.util.Locale.ROOT);
  }

  /** Attaches a {@code scan --format json} result's findings as root-cause evidence. */
  public List<RootCause> attachScan(String id, Path scanJson, String at, boolean dryRun)
      throws InputException {
    long when = time(at, "--at");
    List<RootCause> causes =
        ScanEvidence.read(scanJson).stream().map(c -> c.foundAt(when)).toList();
    String text =
        causes.isEmpty()
            ? "Scan attached: no findings"
            : "Scan attached: "
                + causes.size()
                + " finding(s), first "
                + causes.get(0).ruleId()
                + " at "
                + causes.get(0).where();
    IncidentStores.with(
        url,
        s -> {
          IncidentStores.require(s, id);
          if (!dryRun) {
            s.attach(id, causes, new TimelineEntry(when, TimelineEntry.Kind.EVIDENCE, null, text));
          }
          return null;
        });
    return causes;
  }

  public Incident show(String id) throws InputException {
    return IncidentStores.with(url, s -> IncidentStores.require(s, id));
  }

  /**
   * What probes measured for the incident, oldest first: runs attached to it, and runs recorded for
   * its services around its impact (the postmortem's measurements).
   */
  public List<ProbeSample> samples(String id) throws InputException {
    return IncidentStores.with(
        url,
        s ->
            Postmortems.around(s, IncidentStores.require(s, id), clock.instant().getEpochSecond()));
  }

  public List<Incident> list(boolean openOnly) throws InputException {
    List<Incident> all = IncidentStores.with(url, s -> s.all());
    return openOnly ? all.stream().filter(i -> i.status().open()).toList() : all;
  }

  private TimelineEntry append(String id, TimelineEntry entry, boolean dryRun)
      throws InputException {
    return IncidentStores.with(
        url,
        s -> {
          IncidentStores.require(s, id);
          if (!dryRun) {
            s.append(id, entry);
          }
          return entry;
        });
  }

  private long time(String text, String option) throws InputException {
    return IncidentTimes.at(text, clock.instant(), option).getEpochSecond();
  }
}
