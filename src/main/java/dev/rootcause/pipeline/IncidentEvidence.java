package dev.rootcause.pipeline;

import dev.rootcause.model.ClusterLocation;
import dev.rootcause.model.Evidence;
import dev.rootcause.model.Finding;
import dev.rootcause.model.ScanResult;
import dev.rootcause.model.SourceLocation;
import dev.rootcause.model.cluster.ClusterEvent;
import dev.rootcause.model.cluster.Diagnosis;
import dev.rootcause.model.incident.Incident;
import dev.rootcause.model.incident.ProbeSample;
import dev.rootcause.model.incident.RootCause;
import dev.rootcause.model.incident.Slo;
import dev.rootcause.model.incident.TimelineEntry;
import dev.rootcause.model.probe.Criterion;
import dev.rootcause.model.probe.EndpointResult;
import dev.rootcause.model.probe.HistogramBucket;
import dev.rootcause.model.probe.ProbeReport;
import dev.rootcause.model.probe.VerifyReport;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The step after {@code scan}, {@code diagnose}, {@code probe} and {@code verify} that keeps their
 * result as an incident's evidence ({@code --incident ID}) and records probes for a service ({@code
 * --record SERVICE}), writing the timeline entries a responder would have typed: the root causes
 * found, the first CrashLoopBackOff, the first failing probe, the fix verified. It is opened (and
 * the incident checked) before the command works, so an unknown id costs no work.
 */
public final class IncidentEvidence {
  /** Root causes named in one timeline entry; the rest are counted. */
  private static final int TOP = 3;

  private final String url;
  private final Incident incident;
  private final String service;
  private final long slowMicros;
  private final boolean dryRun;
  private final Long at;
  private final Clock clock;

  private IncidentEvidence(
      String url,
      Incident incident,
      String service,
      long slowMicros,
      boolean dryRun,
      Long at,
      Clock clock) {
    this.clock = clock;
    this.url = url;
    this.incident = incident;
    this.service = service;
    this.slowMicros = slowMicros;
    this.dryRun = dryRun;
    this.at = at;
  }

  /** What the command line asked for: all null when the command keeps nothing. */
  public record Request(
      String store, String incidentId, String recordService, boolean dryRun, String at) {}

  /**
   * Checks the request before any work: the incident exists, the store opens, the time parses.
   * Returns null when neither an incident nor a service to record for was given.
   */
  public static IncidentEvidence open(Request r, Clock clock) throws InputException {
    if (r.incidentId() == null && r.recordService() == null) {
      if (r.at() != null) {
        throw new InputException("--incident-at needs --incident ID");
      }
      return null;
    }
    if (r.recordService() != null && r.recordService().isBlank()) {
      throw new InputException("--record: name the service the probe measures");
    }
    Long when =
        r.at() == null
            ? null
            : IncidentTimes.at(r.at(), clock.instant(), "--incident-at").getEpochSecond();
    String url = IncidentStores.url(r.store());
    return IncidentStores.with(
        url,
        s -> {
          Incident incident =
              r.incidentId() == null ? null : IncidentStores.require(s, r.incidentId());
          long slow = latencyBound(s.slos(), r.recordService(), incident);
          return new IncidentEvidence(
              url, incident, r.recordService(), slow, r.dryRun(), when, clock);
        });
  }

  /**
   * The latency SLO bound of the recorded service, else of the incident's first service with one.
   */
  private static long latencyBound(List<Slo> slos, String service, Incident incident) {
    List<String> candidates = new ArrayList<>();
    if (service != null) {
      candidates.add(service);
    }
    if (incident != null) {
      candidates.addAll(incident.services());
    }
    for (String c : candidates) {
      for (Slo o : slos) {
        if (o.kind() == Slo.Kind.LATENCY && o.service().equals(c)) {
          return o.latencyMicros();
        }
      }
    }
    return 0;
  }

  /** Keeps a scan's root causes; says what was written. */
  public String scan(ScanResult result) throws InputException {
    long when = at == null ? clock.instant().getEpochSecond() : at;
    List<RootCause> causes = newCauses(result.findings(), when);
    String text = found("Scan", causes, result.findings());
    return write(causes, List.of(), List.of(entry(when, text)), causes.size() + " root cause(s)");
  }

  /**
   * Keeps a diagnosis: its root causes, and the first CrashLoopBackOff at the time its event was
   * first seen.
   */
  public String diagnosis(Diagnosis d) throws InputException {
    long when = at == null ? clock.instant().getEpochSecond() : at;
    List<RootCause> causes = newCauses(d.result().findings(), when);
    List<TimelineEntry> entries = new ArrayList<>();
    ClusterEvent crash = firstCrashLoop(d.events());
    if (crash != null) {
      entries.add(
          entry(
              crash.firstSeen().getEpochSecond(),
              "First CrashLoopBackOff: "
                  + crash.kind()
                  + " "
                  + crash.namespace()
                  + "/"
                  + crash.name()
                  + " ("
                  + crash.count()
                  + "x "
                  + crash.reason()
                  + " until "
                  + crash.lastSeen()
                  + ")"));
    }
    entries.add(entry(when, found("Diagnosis", causes, d.result().findings())));
    return write(causes, List.of(), entries, causes.size() + " root cause(s)");
  }

  /** Keeps a probe's measurements; the first failing run is named as such on the timeline. */
  public String probe(ProbeReport report) throws InputException {
    List<ProbeSample> samples = samples(report);
    List<TimelineEntry> entries = new ArrayList<>();
    if (incident != null) {
      boolean failedBefore =
          incident.timeline().stream().anyMatch(e -> e.text().startsWith("First failing probe"));
      for (int k = 0; k < samples.size(); k++) {
        ProbeSample s = samples.get(k);
        var d = report.diagnoses().get(k);
        String headline = d.headline() + (d.explanation().isEmpty() ? "" : ": " + d.explanation());
        boolean first = s.bad() > 0 && !failedBefore;
        failedBefore |= s.bad() > 0;
        entries.add(
            entry(
                s.at(), (first ? "First failing probe: " : "Probe: ") + s.url() + ": " + headline));
      }
    }
    return write(List.of(), samples, entries, samples.size() + " probe measurement(s)");
  }

  /** Keeps a verification: its probe measurements, and whether the fix is verified. */
  public String verify(VerifyReport report) throws InputException {
    List<ProbeSample> samples = report.probe() == null ? List.of() : samples(report.probe());
    long when =
        at != null
            ? at
            : samples.isEmpty() ? clock.instant().getEpochSecond() : samples.get(0).end();
    List<Criterion> all = report.criteria();
    List<Criterion> failed = all.stream().filter(c -> !c.passed()).toList();
    String text =
        failed.isEmpty()
            ? CauseChains.VERIFIED
                + "all "
                + all.size()
                + " criteria passed ("
                + String.join("; ", all.stream().map(IncidentEvidence::criterion).toList())
                + ")"
            : CauseChains.NOT_VERIFIED
                + failed.size()
                + " of "
                + all.size()
                + " criteria failed ("
                + String.join("; ", failed.stream().map(IncidentEvidence::criterion).toList())
                + ")";
    return write(
        List.of(), samples, List.of(entry(when, text)), samples.size() + " probe measurement(s)");
  }

  private static String criterion(Criterion c) {
    return c.name() + " " + c.measured();
  }

  private TimelineEntry entry(long when, String text) {
    return new TimelineEntry(when, TimelineEntry.Kind.EVIDENCE, null, text);
  }

  private String write(
      List<RootCause> causes, List<ProbeSample> samples, List<TimelineEntry> entries, String what)
      throws InputException {
    String id = incident == null ? null : incident.id();
    List<TimelineEntry> kept = id == null ? List.of() : entries;
    String target =
        (id == null ? "" : " to " + id) + (service == null ? "" : " recorded for " + service);
    String message =
        "attached "
            + what
            + (kept.isEmpty()
                ? ""
                : " and " + kept.size() + " timeline entr" + (kept.size() == 1 ? "y" : "ies"))
            + target;
    if (dryRun) {
      return "dry run: would have " + message + "; nothing was written";
    }
    IncidentStores.with(
        url,
        s -> {
          s.evidence(id, causes, samples, kept);
          return null;
        });
    return message + " (store: " + url + ")";
  }

  /** The root causes among the findings that the incident does not hold yet. */
  private List<RootCause> newCauses(List<Finding> findings, long when) {
    Set<String> held = new HashSet<>();
    if (incident != null) {
      incident.rootCauses().forEach(c -> held.add(c.ruleId() + " " + c.where()));
    }
    List<RootCause> out = new ArrayList<>();
    if (incident == null) {
      return out;
    }
    for (Finding f : findings) {
      // A consequence is evidence too: the postmortem nests it under its cause.
      if (f.kind() == dev.rootcause.model.FindingKind.HARDENING) {
        continue;
      }
      RootCause c = cause(f);
      if (held.add(c.ruleId() + " " + c.where())) {
        out.add(c.foundAt(when));
      }
    }
    return out;
  }

  static RootCause cause(Finding f) {
    boolean file = f.primary() instanceof SourceLocation;
    String path =
        file
            ? ((SourceLocation) f.primary()).path()
            : f.primary() == null ? f.subject() : f.primary().display();
    int line = file ? ((SourceLocation) f.primary()).line() : 0;
    return new RootCause(
        f.ruleId(),
        f.severity().label(),
        f.layer().prefix(),
        path,
        line,
        f.message(),
        f.fix() == null ? "" : f.fix(),
        f.subject(),
        f.symptom(),
        objects(f),
        0);
  }

  /**
   * The cluster objects a finding's evidence names, as {@code Kind namespace/name}: what lets a
   * postmortem see that a Service's missing endpoints and a crash-looping pod are one failure.
   */
  static List<String> objects(Finding f) {
    Set<String> out = new LinkedHashSet<>();
    if (f.primary() instanceof ClusterLocation c) {
      out.add(object(c));
    }
    for (Evidence e : f.related()) {
      if (e.location() instanceof ClusterLocation c) {
        out.add(object(c));
      }
    }
    return List.copyOf(out);
  }

  private static String object(ClusterLocation c) {
    return c.kind()
        + " "
        + (c.namespace() == null || c.namespace().isEmpty() ? "" : c.namespace() + "/")
        + c.name();
  }

  /** "Scan: 3 root causes (2 new): app/x at a.py:18; ...", or "no root cause". */
  private static String found(String what, List<RootCause> added, List<Finding> findings) {
    List<Finding> roots = findings.stream().filter(Finding::rootCause).toList();
    if (roots.isEmpty()) {
      return what + ": no root cause found";
    }
    StringBuilder s =
        new StringBuilder(what).append(": ").append(roots.size()).append(" root cause(s)");
    if (added.size() < roots.size()) {
      s.append(" (").append(added.size()).append(" new)");
    }
    s.append(", top: ");
    List<String> top = new ArrayList<>();
    for (Finding f : roots.subList(0, Math.min(TOP, roots.size()))) {
      RootCause c = cause(f);
      top.add(c.ruleId() + " at " + c.where());
    }
    s.append(String.join("; ", top));
    if (roots.size() > TOP) {
      s.append("; and ").append(roots.size() - TOP).append(" more");
    }
    return s.toString();
  }

  /** The earliest "Back-off restarting failed container" event: a crash loop's first sign. */
  static ClusterEvent firstCrashLoop(List<ClusterEvent> events) {
    return events.stream()
        .filter(
            e ->
                "BackOff".equals(e.reason())
                    && e.message() != null
                    && e.message().startsWith("Back-off restarting failed container")
                    && e.firstSeen() != null)
        .min(Comparator.comparing(ClusterEvent::firstSeen))
        .orElse(null);
  }

  private List<ProbeSample> samples(ProbeReport report) {
    List<ProbeSample> out = new ArrayList<>();
    long started = report.result().startedAt().getEpochSecond();
    long shift = at == null ? 0 : at - started;
    String id = incident == null ? null : incident.id();
    for (EndpointResult e : report.result().endpoints()) {
      // Whole seconds from the start's second to the end's, so a run is never dated after now.
      long seconds = report.result().startedAt().plus(e.elapsed()).getEpochSecond() - started;
      out.add(
          new ProbeSample(
              service == null ? "" : service,
              id,
              started + shift,
              seconds,
              e.url(),
              e.requests(),
              e.failed(),
              slower(e, slowMicros),
              slowMicros,
              e.latency().p50(),
              e.latency().p95(),
              e.latency().p99(),
              e.latency().max()));
    }
    return out;
  }

  /** Responses slower than the bound, from the histogram (a straddling bucket pro rata). */
  static long slower(EndpointResult e, long bound) {
    if (bound <= 0) {
      return 0;
    }
    double slow = 0;
    for (HistogramBucket b : e.histogram()) {
      if (b.fromMicros() >= bound) {
        slow += b.count();
      } else if (b.toMicros() > bound) {
        slow += (double) b.count() * (b.toMicros() - bound) / (b.toMicros() - b.fromMicros());
      }
    }
    return Math.round(slow);
  }
}
