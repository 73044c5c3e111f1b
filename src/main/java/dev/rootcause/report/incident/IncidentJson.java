package dev.rootcause.report.incident;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.rootcause.model.incident.ActionItem;
import dev.rootcause.model.incident.Budget;
import dev.rootcause.model.incident.BurnAlert;
import dev.rootcause.model.incident.CauseChain;
import dev.rootcause.model.incident.Charge;
import dev.rootcause.model.incident.Incident;
import dev.rootcause.model.incident.Postmortem;
import dev.rootcause.model.incident.ProbeSample;
import dev.rootcause.model.incident.RootCause;
import dev.rootcause.model.incident.TimelineEntry;
import dev.rootcause.model.incident.Verification;
import dev.rootcause.report.Redaction;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Incidents, budgets and postmortems as JSON: ISO-8601 times, durations in seconds. */
public final class IncidentJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private IncidentJson() {}

  public static String incident(Incident i) {
    return write(incidentMap(i));
  }

  public static String incidents(List<Incident> all) {
    return write(Map.of("incidents", all.stream().map(IncidentJson::incidentMap).toList()));
  }

  public static String budgets(List<Budget> budgets) {
    return write(Map.of("budgets", budgets.stream().map(IncidentJson::budgetMap).toList()));
  }

  /** What a write command did: the incident, whether it was a dry run, the message, the store. */
  public static String written(String id, boolean dryRun, String message, String store) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("written", !dryRun);
    m.put("message", redact(message));
    m.put("store", store);
    return write(m);
  }

  public static String postmortem(Postmortem p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("incident", incidentMap(p.incident()));
    m.put("summary", redact(PostmortemStory.summary(p, PostmortemStory.Fmt.PLAIN)));
    m.put(
        "rootCauseLines",
        PostmortemStory.causeLines(p, PostmortemStory.Fmt.PLAIN).stream()
            .map(IncidentJson::redact)
            .toList());
    m.put("causeChains", p.chains().stream().map(c -> chainMap(c, p)).toList());
    PostmortemReview review = PostmortemReview.of(p, PostmortemStory.Fmt.PLAIN);
    m.put(
        "review",
        Map.of(
            "wentWell", review.wentWell().stream().map(IncidentJson::redact).toList(),
            "wentWrong", review.wentWrong().stream().map(IncidentJson::redact).toList(),
            "lucky", review.lucky().stream().map(IncidentJson::redact).toList()));
    m.put("downtimeSeconds", p.incident().downtimeSeconds());
    m.put("timeToDetectSeconds", p.detectSeconds());
    m.put("timeToMitigateSeconds", p.mitigateSeconds() < 0 ? null : p.mitigateSeconds());
    m.put("timeToResolveSeconds", p.resolveSeconds() < 0 ? null : p.resolveSeconds());
    m.put("budgets", p.budgets().stream().map(IncidentJson::budgetMap).toList());
    m.put("charges", p.charges().stream().map(IncidentJson::chargeMap).toList());
    m.put(
        "actionItems",
        ActionItems.ordered(p.actions()).stream().map(IncidentJson::actionMap).toList());
    m.put("lessons", p.lessons().stream().map(e -> redact(e.text())).toList());
    m.put("measurements", p.samples().stream().map(IncidentJson::sampleMap).toList());
    return write(m);
  }

  /**
   * One incident without its timeline and evidence, with how many of each: a row of {@code
   * rootcause serve}'s {@code /api/incidents}.
   */
  public static Map<String, Object> summary(Incident i) {
    // Built without the timeline: redacting 5,000 entries only to drop them cost a list page 30 ms.
    Map<String, Object> m = incidentMap(i, false);
    m.put("timelineEntries", i.timeline().size());
    m.put("rootCauseCount", i.rootCauses().size());
    return m;
  }

  private static Map<String, Object> incidentMap(Incident i) {
    return incidentMap(i, true);
  }

  private static Map<String, Object> incidentMap(Incident i, boolean evidence) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", i.id());
    m.put("title", redact(i.title()));
    m.put("severity", i.severity().name());
    m.put("status", i.status().label());
    m.put("services", i.services());
    m.put("openedAt", iso(i.openedAt()));
    m.put("resolvedAt", i.resolvedAt() == 0 ? null : iso(i.resolvedAt()));
    m.put("impactStart", iso(i.impactFrom()));
    m.put("impactEnd", i.impactTo() == 0 ? null : iso(i.impactTo()));
    if (evidence) {
      m.put("timeline", i.timeline().stream().map(IncidentJson::entryMap).toList());
      m.put("rootCauses", i.rootCauses().stream().map(IncidentJson::causeMap).toList());
    }
    return m;
  }

  private static Map<String, Object> entryMap(TimelineEntry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("at", iso(e.at()));
    m.put("kind", e.kind().name().toLowerCase(Locale.ROOT));
    if (e.status() != null) {
      m.put("status", e.status().label());
    }
    m.put("text", redact(e.text()));
    return m;
  }

  private static Map<String, Object> chainMap(CauseChain c, Postmortem p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cause", causeMap(c.cause()));
    m.put("consequences", c.consequences().stream().map(IncidentJson::causeMap).toList());
    m.put("onAffectedService", c.onAffectedService());
    Verification v = c.verification();
    m.put(
        "verification",
        v == null
            ? null
            : Map.of("at", iso(v.at()), "passed", v.passed(), "criteria", redact(v.criteria())));
    m.put("verified", redact(PostmortemStory.verified(c, p, PostmortemStory.Fmt.PLAIN)));
    m.put("caughtBy", PostmortemStory.caughtBy(c.cause(), PostmortemStory.Fmt.PLAIN));
    return m;
  }

  private static Map<String, Object> causeMap(RootCause c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ruleId", c.ruleId());
    m.put("severity", c.severity());
    m.put("layer", c.layer());
    m.put("path", c.path());
    m.put("line", c.line());
    m.put("message", redact(c.message()));
    m.put("fix", redact(c.fix()));
    m.put("subject", redact(c.subject()));
    m.put("symptom", redact(c.symptom()));
    m.put("objects", c.objects());
    m.put("foundAt", c.foundAt() == 0 ? null : iso(c.foundAt()));
    return m;
  }

  private static Map<String, Object> budgetMap(Budget b) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("service", b.slo().service());
    m.put("objective", b.slo().objective());
    m.put("windowSeconds", b.slo().windowSeconds());
    m.put("budgetSeconds", b.slo().budgetSeconds());
    m.put("consumedSeconds", b.consumedSeconds());
    m.put("remainingSeconds", b.remainingSeconds());
    m.put("used", b.used());
    m.put("burnRate24h", b.burnRate());
    m.put("breached", b.breached());
    m.put("charges", b.charges().stream().map(IncidentJson::chargeMap).toList());
    m.put("kind", b.slo().kind().name().toLowerCase(Locale.ROOT));
    m.put("measuredRequests", b.measuredRequests());
    m.put("alerts", b.alerts().stream().map(IncidentJson::alertMap).toList());
    return m;
  }

  private static Map<String, Object> alertMap(BurnAlert a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", a.name());
    m.put("longWindowSeconds", a.longWindowSeconds());
    m.put("shortWindowSeconds", a.shortWindowSeconds());
    m.put("factor", a.factor());
    m.put("fired", a.fired());
    m.put("firedAt", a.fired() ? iso(a.firedAt()) : null);
    m.put("longBurn", a.longBurn());
    m.put("shortBurn", a.shortBurn());
    return m;
  }

  private static Map<String, Object> sampleMap(ProbeSample s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("at", iso(s.at()));
    m.put("seconds", s.seconds());
    m.put("url", redact(s.url()));
    m.put("service", s.service());
    m.put("requests", s.requests());
    m.put("failed", s.bad());
    m.put("errorRate", s.errorRate());
    m.put("p50Micros", s.p50Micros());
    m.put("p95Micros", s.p95Micros());
    m.put("p99Micros", s.p99Micros());
    m.put("maxMicros", s.maxMicros());
    return m;
  }

  private static Map<String, Object> chargeMap(Charge c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("incident", c.incidentId());
    m.put("downtimeSeconds", c.downtimeSeconds());
    m.put("share", c.share());
    m.put("needsPostmortem", c.needsPostmortem());
    m.put("measuredRequests", c.measuredRequests());
    m.put("measuredBad", c.measuredBad());
    return m;
  }

  private static Map<String, Object> actionMap(ActionItem a) {
    return Map.of(
        "kind",
        a.kind().name().toLowerCase(Locale.ROOT),
        "text",
        redact(a.text()),
        "source",
        a.source(),
        "priority",
        a.priority().name(),
        "owner",
        "unassigned");
  }

  private static String iso(long epochSecond) {
    return Instant.ofEpochSecond(epochSecond).toString();
  }

  private static String redact(String s) {
    return Redaction.redact(s);
  }

  private static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
