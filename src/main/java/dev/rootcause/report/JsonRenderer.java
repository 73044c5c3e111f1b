package dev.rootcause.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rootcause.model.ClusterLocation;
import dev.rootcause.model.CollectionProblem;
import dev.rootcause.model.Coverage;
import dev.rootcause.model.Evidence;
import dev.rootcause.model.Finding;
import dev.rootcause.model.FindingKind;
import dev.rootcause.model.HttpLocation;
import dev.rootcause.model.Location;
import dev.rootcause.model.ScanResult;
import dev.rootcause.model.Severity;
import dev.rootcause.model.SourceLocation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The machine-readable report. Its shape is versioned ({@code schemaVersion}) and described by the
 * JSON Schema {@link #schema()} returns ({@code rootcause schema}, copied to {@code
 * docs/scan-result.schema.json}); fields are only ever added.
 */
public final class JsonRenderer implements ReportRenderer {
  public static final int SCHEMA_VERSION = 1;
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

  /** The resource holding the JSON Schema of this output. */
  static final String SCHEMA_RESOURCE = "/schema/scan-result.schema.json";

  /** The JSON Schema (draft-07) this renderer's output conforms to. */
  public static String schema() {
    try (InputStream in = JsonRenderer.class.getResourceAsStream(SCHEMA_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(SCHEMA_RESOURCE + " is missing from the build");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void render(ScanResult result, Writer out) throws IOException {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("schemaVersion", SCHEMA_VERSION);
    root.putObject("tool").put("name", "rootcause").put("version", Version.get());
    root.put("root", result.root());
    ObjectNode summary = root.putObject("summary");
    summary.put("findings", result.findings().size());
    ObjectNode bySeverity = summary.putObject("bySeverity");
    for (Severity s : Severity.values()) {
      bySeverity.put(s.label(), result.count(s));
    }
    ObjectNode byKind = summary.putObject("byKind");
    for (FindingKind k : FindingKind.values()) {
      byKind.put(k.label(), result.findings().stream().filter(f -> f.kind() == k).count());
    }
    summary.put("suppressed", result.suppressed().size());
    summary.put("filesScanned", result.inventory().filesScanned());
    summary.put("filesSkipped", result.skipped().size());
    summary.put("rulesRun", result.rulesRun().size());
    summary.put("elapsedMillis", result.elapsed().toMillis());
    if (result.coverage().known()) {
      root.set("coverage", coverage(result.coverage()));
    }
    ArrayNode findings = root.putArray("findings");
    result.findings().forEach(f -> findings.add(finding(f)));
    ArrayNode suppressed = root.putArray("suppressed");
    result
        .suppressed()
        .forEach(
            s -> suppressed.add(finding(s.finding()).put("reason", Redaction.redact(s.reason()))));
    ArrayNode problems = root.putArray("problems");
    for (CollectionProblem p : result.problems()) {
      problems
          .addObject()
          .put("kind", p.kind().name().toLowerCase(Locale.ROOT))
          .put("message", Redaction.redact(p.message()))
          .set("location", location(p.location()));
    }
    ArrayNode failures = root.putArray("ruleFailures");
    result
        .ruleFailures()
        .forEach(
            r ->
                failures
                    .addObject()
                    .put("ruleId", r.ruleId())
                    .put("subject", Redaction.redact(r.subject()))
                    .put("error", Redaction.redact(r.error())));
    MAPPER.writeValue(out, root);
    out.write('\n');
    out.flush();
  }

  private static ObjectNode coverage(Coverage c) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("complete", c.complete());
    n.put("relevantRead", c.readSomethingRelevant());
    n.put("filesFound", c.filesFound());
    n.put("filesRead", c.filesRead());
    n.putObject("read")
        .put("manifests", c.manifests())
        .put("dockerfiles", c.dockerfiles())
        .put("sourceFiles", c.sourceFiles())
        .put("other", c.otherFiles());
    ArrayNode notRead = n.putArray("notRead");
    for (Coverage.Unread u : c.notRead()) {
      notRead
          .addObject()
          .put("path", u.path())
          .put("reason", u.reason().name().toLowerCase(Locale.ROOT).replace('_', '-'))
          .put("detail", Redaction.redact(u.detail()));
    }
    n.put("ignoredByConfig", c.ignoredByConfig());
    return n;
  }

  static ObjectNode finding(Finding f) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("ruleId", f.ruleId());
    n.put("severity", f.severity().label());
    n.put("kind", f.kind().label());
    n.put("layer", f.layer().prefix());
    n.put("confidence", f.confidence().name().toLowerCase(Locale.ROOT));
    n.put("subject", Redaction.redact(f.subject()));
    n.put("symptom", Redaction.redact(f.symptom()));
    n.put("message", Redaction.redact(f.message()));
    n.put("fix", Redaction.redact(f.fix()));
    n.set("location", location(f.primary()));
    ArrayNode related = n.putArray("related");
    for (Evidence e : f.related()) {
      ObjectNode r = related.addObject();
      r.set("location", location(e.location()));
      r.put("note", Redaction.redact(e.note()));
    }
    return n;
  }

  static ObjectNode location(Location location) {
    ObjectNode n = MAPPER.createObjectNode();
    switch (location) {
      case SourceLocation s -> {
        n.put("type", "file").put("path", s.path());
        if (s.line() > 0) {
          n.put("line", s.line());
        }
        if (s.column() > 0) {
          n.put("column", s.column());
        }
      }
      case ClusterLocation c ->
          n.put("type", "cluster")
              .put("context", c.context())
              .put("namespace", c.namespace())
              .put("kind", c.kind())
              .put("name", c.name())
              .put("fieldPath", c.fieldPath());
      case HttpLocation h ->
          n.put("type", "http")
              .put("method", h.method())
              .put("url", Redaction.redact(h.url()))
              .put("status", h.status())
              .put("latencyMillis", h.latency().toMillis());
    }
    return n;
  }
}
