package dev.rootcause.report.probe;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rootcause.model.probe.CanaryReport;
import dev.rootcause.model.probe.Criterion;
import dev.rootcause.model.probe.Diagnosis;
import dev.rootcause.model.probe.EndpointResult;
import dev.rootcause.model.probe.FailureSample;
import dev.rootcause.model.probe.Header;
import dev.rootcause.model.probe.HistogramBucket;
import dev.rootcause.model.probe.LatencySummary;
import dev.rootcause.model.probe.ProbePlan;
import dev.rootcause.model.probe.ProbeReport;
import dev.rootcause.model.probe.SecondStats;
import dev.rootcause.model.probe.VerifyReport;
import dev.rootcause.model.stats.Proportion;
import dev.rootcause.report.Redaction;
import dev.rootcause.report.Version;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/**
 * The probe and verify reports as JSON: every number, in fixed units (microseconds for latency,
 * seconds for durations, fractions in [0, 1] for rates), documented in {@code docs/probe.md}.
 * Strings that may carry secrets (URLs, bodies, error details) are redacted.
 */
public final class GateJson {
  public static final int SCHEMA_VERSION = 1;
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

  public void render(ProbeReport report, Writer out) throws IOException {
    ObjectNode root = header("probe");
    probe(root, report);
    root.put("passed", report.passed());
    MAPPER.writeValue(out, root);
    out.write('\n');
    out.flush();
  }

  public void render(VerifyReport report, Writer out) throws IOException {
    ObjectNode root = header("verify");
    if (report.probe() != null) {
      probe(root.putObject("probe"), report.probe());
    } else {
      root.putNull("probe");
    }
    if (report.clusterSource() != null) {
      ObjectNode cluster = root.putObject("cluster");
      cluster.put("source", Redaction.redact(report.clusterSource()));
      criteria(cluster.putArray("criteria"), report.clusterCriteria());
    } else {
      root.putNull("cluster");
    }
    if (report.canary() != null) {
      canary(root.putObject("canary"), report.canary());
    } else {
      root.putNull("canary");
    }
    criteria(root.putArray("criteria"), report.criteria());
    root.put("passed", report.passed());
    MAPPER.writeValue(out, root);
    out.write('\n');
    out.flush();
  }

  private static ObjectNode header(String kind) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("schemaVersion", SCHEMA_VERSION);
    root.put("kind", kind);
    root.putObject("tool").put("name", "rootcause").put("version", Version.get());
    return root;
  }

  private static void probe(ObjectNode node, ProbeReport report) {
    plan(node.putObject("plan"), report.result().plan());
    node.put("startedAt", report.result().startedAt().toString());
    node.put("elapsedSeconds", seconds(report.result().elapsed().toNanos()));
    ArrayNode endpoints = node.putArray("endpoints");
    for (int i = 0; i < report.result().endpoints().size(); i++) {
      ObjectNode e = endpoint(endpoints.addObject(), report.result().endpoints().get(i));
      diagnosis(e.putObject("diagnosis"), report.diagnoses().get(i));
    }
    if (report.slo() == null) {
      node.putNull("slo");
    } else {
      node.put("slo", report.slo().toString());
    }
    criteria(node.putArray("criteria"), report.criteria());
  }

  private static void plan(ObjectNode p, ProbePlan plan) {
    ArrayNode urls = p.putArray("urls");
    plan.urls().forEach(u -> urls.add(Redaction.redact(u)));
    p.put("method", plan.method());
    ArrayNode headers = p.putArray("headers");
    for (Header h : plan.headers()) {
      headers
          .addObject()
          .put("name", h.name())
          .put("value", h.isSensitive() ? "<redacted>" : Redaction.redact(h.value()));
    }
    p.put("bodyBytes", plan.body().length);
    p.put("model", plan.model().name().toLowerCase(Locale.ROOT));
    p.put("concurrency", plan.concurrency());
    if (plan.requests() > 0) {
      p.put("requests", plan.requests());
    } else {
      p.putNull("requests");
    }
    if (plan.duration() != null) {
      p.put("durationSeconds", seconds(plan.duration().toNanos()));
    } else {
      p.putNull("durationSeconds");
    }
    if (plan.rate() > 0) {
      p.put("rate", plan.rate());
    } else {
      p.putNull("rate");
    }
    p.put("connectTimeoutSeconds", seconds(plan.connectTimeout().toNanos()));
    p.put("requestTimeoutSeconds", seconds(plan.requestTimeout().toNanos()));
    p.put("threads", plan.threads());
    p.put("okStatus", plan.okStatus().toString());
  }

  private static ObjectNode endpoint(ObjectNode e, EndpointResult r) {
    e.put("url", Redaction.redact(r.url()));
    e.put("requests", r.requests());
    e.put("responses", r.responses());
    e.put("succeeded", r.succeeded());
    e.put("failed", r.failed());
    e.put("successRate", r.successRate());
    e.put("rps", r.rps());
    e.put("elapsedSeconds", seconds(r.elapsed().toNanos()));
    ObjectNode statuses = e.putObject("statuses");
    r.statuses().forEach((code, n) -> statuses.put(String.valueOf(code), n));
    ObjectNode errors = e.putObject("errors");
    r.errors().forEach((c, n) -> errors.put(c.id(), n));
    latency(e.putObject("latencyMicros"), r.latency());
    ArrayNode hist = e.putArray("histogram");
    for (HistogramBucket b : r.histogram()) {
      hist.addObject()
          .put("fromMicros", b.fromMicros())
          .put("toMicros", b.toMicros())
          .put("count", b.count());
    }
    ArrayNode timeline = e.putArray("timeline");
    for (SecondStats s : r.timeline()) {
      timeline
          .addObject()
          .put("second", s.second())
          .put("requests", s.requests())
          .put("failures", s.failures())
          .put("p50Micros", s.p50Micros())
          .put("p99Micros", s.p99Micros())
          .put("maxMicros", s.maxMicros());
    }
    if (r.shortfall() == null) {
      e.putNull("shortfall");
    } else {
      e.putObject("shortfall")
          .put("askedRate", r.shortfall().askedRate())
          .put("sentRate", r.shortfall().sentRate())
          .put("unsent", r.shortfall().unsent())
          .put("connectionBound", r.shortfall().connectionBound())
          .put("meanAnswerMicros", r.shortfall().meanAnswerMicros())
          .put("explanation", r.shortfall().describe());
    }
    ArrayNode samples = e.putArray("failureSamples");
    for (FailureSample s : r.samples()) {
      ObjectNode o = samples.addObject();
      o.put("atMillis", s.atMillis());
      if (s.error() != null) {
        o.putNull("status");
        o.put("error", s.error().id());
        o.put("detail", Redaction.redact(s.detail()));
      } else {
        o.put("status", s.status());
        o.putNull("error");
        o.put("body", Redaction.redact(s.body()));
        o.put("truncated", s.truncated());
      }
    }
    return e;
  }

  private static void latency(ObjectNode l, LatencySummary s) {
    l.put("count", s.count())
        .put("min", s.min())
        .put("mean", s.mean())
        .put("stddev", s.stddev())
        .put("p50", s.p50())
        .put("p90", s.p90())
        .put("p95", s.p95())
        .put("p99", s.p99())
        .put("p99_9", s.p999())
        .put("max", s.max());
  }

  private static void diagnosis(ObjectNode d, Diagnosis diag) {
    d.put("availability", diag.availability().name().toLowerCase(Locale.ROOT));
    d.put("slow", diag.slow());
    d.put("headline", diag.headline());
    d.put("explanation", Redaction.redact(diag.explanation()));
    proportion(d.putObject("failureRate"), diag.failureRate());
    ObjectNode failing = d.putObject("failingStatuses");
    diag.failingStatuses().forEach((c, n) -> failing.put(String.valueOf(c), n));
  }

  private static void proportion(ObjectNode o, Proportion p) {
    o.put("count", p.count()).put("n", p.n());
    if (Double.isNaN(p.rate())) {
      o.putNull("rate");
    } else {
      o.put("rate", p.rate());
    }
    o.put("low", p.low()).put("high", p.high()).put("confidence", p.confidence());
  }

  private static void criteria(ArrayNode arr, List<Criterion> criteria) {
    for (Criterion c : criteria) {
      arr.addObject()
          .put("name", c.name())
          .put("subject", Redaction.redact(c.subject()))
          .put("passed", c.passed())
          .put("measured", c.measured())
          .put("detail", Redaction.redact(c.detail()));
    }
  }

  private static void canary(ObjectNode c, CanaryReport r) {
    endpoint(c.putObject("baseline"), r.baseline());
    endpoint(c.putObject("candidate"), r.candidate());
    if (r.errors() != null) {
      ObjectNode e = c.putObject("errors");
      e.put("method", r.errors().method());
      e.put("baselineFailures", r.errors().baselineFailures())
          .put("baselineN", r.errors().baselineN());
      e.put("candidateFailures", r.errors().candidateFailures())
          .put("candidateN", r.errors().candidateN());
      if (Double.isNaN(r.errors().z())) {
        e.putNull("z");
      } else {
        e.put("z", r.errors().z());
      }
      e.put("pGreater", r.errors().pGreater()).put("pTwoSided", r.errors().pTwoSided());
    } else {
      c.putNull("errors");
    }
    if (r.latency() != null) {
      c.putObject("latency")
          .put("test", "Mann-Whitney U")
          .put("nBaseline", r.latency().nBaseline())
          .put("nCandidate", r.latency().nCandidate())
          .put("u", r.latency().u())
          .put("z", r.latency().z())
          .put("pGreater", r.latency().pGreater())
          .put("pTwoSided", r.latency().pTwoSided());
      c.putObject("shiftMicros")
          .put("estimator", "Hodges-Lehmann")
          .put("estimate", r.shift().estimate())
          .put("low", r.shift().low())
          .put("high", r.shift().high())
          .put("confidence", r.shift().confidence())
          .put("bounded", r.shift().bounded());
    } else {
      c.putNull("latency");
      c.putNull("shiftMicros");
    }
    c.put("alpha", r.alpha());
    c.put("toleranceMicros", r.toleranceMicros());
    c.put("decision", r.decision().name());
    ArrayNode reasons = c.putArray("reasons");
    r.reasons().forEach(x -> reasons.add(Redaction.redact(x)));
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
