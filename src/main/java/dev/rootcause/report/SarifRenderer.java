package dev.rootcause.report;

import com.contrastsecurity.sarif.ArtifactLocation;
import com.contrastsecurity.sarif.Invocation;
import com.contrastsecurity.sarif.LogicalLocation;
import com.contrastsecurity.sarif.Message;
import com.contrastsecurity.sarif.MultiformatMessageString;
import com.contrastsecurity.sarif.Notification;
import com.contrastsecurity.sarif.PhysicalLocation;
import com.contrastsecurity.sarif.PropertyBag;
import com.contrastsecurity.sarif.Region;
import com.contrastsecurity.sarif.ReportingConfiguration;
import com.contrastsecurity.sarif.ReportingDescriptor;
import com.contrastsecurity.sarif.ReportingDescriptorReference;
import com.contrastsecurity.sarif.Result;
import com.contrastsecurity.sarif.Run;
import com.contrastsecurity.sarif.SarifSchema210;
import com.contrastsecurity.sarif.Suppression;
import com.contrastsecurity.sarif.Tool;
import com.contrastsecurity.sarif.ToolComponent;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.rootcause.model.ClusterLocation;
import dev.rootcause.model.CollectionProblem;
import dev.rootcause.model.Coverage;
import dev.rootcause.model.Evidence;
import dev.rootcause.model.Finding;
import dev.rootcause.model.FindingKind;
import dev.rootcause.model.HttpLocation;
import dev.rootcause.model.Location;
import dev.rootcause.model.RuleInfo;
import dev.rootcause.model.ScanResult;
import dev.rootcause.model.Severity;
import dev.rootcause.model.SourceLocation;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SARIF 2.1.0 for code-scanning tools (GitHub, GitLab, IDEs): one rule descriptor per rule run, one
 * result per finding with its file region and every related location, suppressed findings as
 * suppressed results, and skipped files and rule failures as tool execution notifications.
 */
public final class SarifRenderer implements ReportRenderer {
  /** The base every artifact URI is relative to: the scanned root. */
  public static final String SRCROOT = "SRCROOT";

  private static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
          .addMixIn(Result.class, ExplicitResultLevel.class)
          .addMixIn(ReportingConfiguration.class, ExplicitDefaultLevel.class);

  @Override
  public void render(ScanResult result, Writer out) throws IOException {
    Map<String, Integer> ruleIndex = new HashMap<>();
    Set<ReportingDescriptor> rules = new LinkedHashSet<>();
    for (RuleInfo info : result.rulesRun()) {
      ruleIndex.put(info.id(), rules.size());
      rules.add(descriptor(info));
    }
    ToolComponent driver = new ToolComponent();
    driver.setName("rootcause");
    driver.setVersion(Version.get());
    driver.setRules(rules);
    Tool tool = new Tool();
    tool.setDriver(driver);

    List<Result> results = new ArrayList<>();
    result.findings().forEach(f -> results.add(result(f, ruleIndex)));
    for (ScanResult.Suppressed s : result.suppressed()) {
      Suppression suppression = new Suppression();
      suppression.setKind(
          isInSource(s.reason()) ? Suppression.Kind.IN_SOURCE : Suppression.Kind.EXTERNAL);
      suppression.setJustification(Redaction.redact(s.reason()));
      Result r = result(s.finding(), ruleIndex);
      r.setSuppressions(Set.of(suppression));
      results.add(r);
    }

    Run run = new Run();
    run.setTool(tool);
    run.setColumnKind(Run.ColumnKind.UNICODE_CODE_POINTS);
    run.setRedactionTokens(Set.of(Redaction.MASK));
    run.setInvocations(List.of(invocation(result)));
    run.setResults(results);
    SarifSchema210 log = new SarifSchema210();
    log.set$schema(URI.create(SCHEMA));
    log.setVersion(SarifSchema210.Version._2_1_0);
    log.setRuns(List.of(run));
    MAPPER.writeValue(out, log);
    out.write('\n');
    out.flush();
  }

  /**
   * SARIF has three levels that matter; a critical or high root cause blocks a merge. Hardening
   * advice never does: a note, or a warning when it is high or critical. A consequence is a note:
   * its cause is a result of its own at its own level, and one fault is one alert to triage and
   * dismiss, at the place to fix; its severity and kind stay in its properties.
   */
  static Result.Level level(Severity s, FindingKind kind) {
    if (kind == FindingKind.CONSEQUENCE) {
      return Result.Level.NOTE;
    }
    if (kind == FindingKind.HARDENING) {
      return s.atLeast(Severity.HIGH) ? Result.Level.WARNING : Result.Level.NOTE;
    }
    return switch (s) {
      case CRITICAL, HIGH -> Result.Level.ERROR;
      case MEDIUM -> Result.Level.WARNING;
      case LOW, INFO -> Result.Level.NOTE;
    };
  }

  private static ReportingDescriptor descriptor(RuleInfo info) {
    ReportingDescriptor d = new ReportingDescriptor();
    d.setId(info.id());
    d.setName(info.ruleClass().getSimpleName());
    d.setShortDescription(text(info.summary()));
    String doc = RuleCatalogue.longDoc(info).strip();
    d.setFullDescription(multiformat(doc.isEmpty() ? info.summary() + "." : doc));
    // The same page as 'rootcause rules <id>': symptom, fix, thresholds and the explanation.
    d.setHelp(multiformat(RuleCatalogue.help(info).strip()));
    ReportingConfiguration config = new ReportingConfiguration();
    config.setLevel(
        ReportingConfiguration.Level.fromValue(level(info.severity(), info.kind()).value()));
    d.setDefaultConfiguration(config);
    PropertyBag properties = new PropertyBag();
    properties.setTags(new LinkedHashSet<>(List.of(info.layer().prefix())));
    properties.setAdditionalProperty("layer", info.layer().prefix());
    properties.setAdditionalProperty("severity", info.severity().label());
    properties.setAdditionalProperty("kind", info.kind().label());
    properties.setAdditionalProperty("symptom", info.symptom());
    d.setProperties(properties);
    return d;
  }

  private static Result result(Finding f, Map<String, Integer> ruleIndex) {
    Result r = new Result();
    r.setRuleId(f.ruleId());
    Integer index = ruleIndex.get(f.ruleId());
    if (index != null) {
      r.setRuleIndex(index);
    }
    r.setLevel(level(f.severity(), f.kind()));
    String message = Redaction.redact(f.message());
    r.setMessage(message(sentence(message) + " Fix: " + Redaction.redact(f.fix())));
    r.setLocations(List.of(location(f.primary(), null)));
    Set<com.contrastsecurity.sarif.Location> related = new LinkedHashSet<>();
    for (Evidence e : f.related()) {
      com.contrastsecurity.sarif.Location l = location(e.location(), Redaction.redact(e.note()));
      l.setId(related.size() + 1);
      related.add(l);
    }
    if (!related.isEmpty()) {
      r.setRelatedLocations(related);
    }
    PropertyBag properties = new PropertyBag();
    properties.setAdditionalProperty("severity", f.severity().label());
    properties.setAdditionalProperty("kind", f.kind().label());
    properties.setAdditionalProperty("layer", f.layer().prefix());
    properties.setAdditionalProperty("subject", Redaction.redact(f.subject()));
    properties.setAdditionalProperty("symptom", Redaction.redact(f.symptom()));
    properties.setAdditionalProperty(
        "confidence", f.confidence().name().toLowerCase(java.util.Locale.ROOT));
    r.setProperties(properties);
    return r;
  }

  /** A file becomes a physical location; a cluster object or HTTP exchange a logical one. */
  private static com.contrastsecurity.sarif.Location location(Location where, String note) {
    com.contrastsecurity.sarif.Location l = new com.contrastsecurity.sarif.Location();
    if (note != null) {
      l.setMessage(message(note));
    }
    switch (where) {
      case SourceLocation s -> l.setPhysicalLocation(physical(s));
      case ClusterLocation c -> {
        LogicalLocation logical = new LogicalLocation();
        logical.setName(c.name());
        logical.setKind("object");
        logical.setFullyQualifiedName(c.display());
        l.setLogicalLocations(Set.of(logical));
        PropertyBag p = new PropertyBag();
        putIfPresent(p, "context", c.context());
        putIfPresent(p, "namespace", c.namespace());
        putIfPresent(p, "kind", c.kind());
        putIfPresent(p, "name", c.name());
        putIfPresent(p, "fieldPath", c.fieldPath());
        l.setProperties(p);
      }
      case HttpLocation h -> {
        String url = Redaction.redact(h.url());
        LogicalLocation logical = new LogicalLocation();
        logical.setName(h.method() + " " + url);
        logical.setKind("request");
        l.setLogicalLocations(Set.of(logical));
        PropertyBag p = new PropertyBag();
        p.setAdditionalProperty("method", h.method());
        p.setAdditionalProperty("url", url);
        p.setAdditionalProperty("status", h.status());
        p.setAdditionalProperty("latencyMillis", h.latency().toMillis());
        l.setProperties(p);
      }
    }
    return l;
  }

  private static PhysicalLocation physical(SourceLocation s) {
    ArtifactLocation artifact = new ArtifactLocation();
    artifact.setUri(uri(s.path()));
    artifact.setUriBaseId(SRCROOT);
    PhysicalLocation physical = new PhysicalLocation();
    physical.setArtifactLocation(artifact);
    // Line 0 means "the whole file": a region would claim a line that is not the problem.
    if (s.line() > 0) {
      Region region = new Region();
      region.setStartLine(s.line());
      if (s.column() > 0) {
        region.setStartColumn(s.column());
      }
      physical.setRegion(region);
    }
    return physical;
  }

  private static Invocation invocation(ScanResult result) {
    List<Notification> notifications = new ArrayList<>();
    Coverage coverage = result.coverage();
    // What no skipped-file warning below names (templates, unparsed sources), as notes.
    for (Coverage.Unread u : coverage.notedOnly()) {
      Notification note = new Notification();
      note.setLevel(Notification.Level.NOTE);
      note.setMessage(
          message("not read (" + u.reason().label() + "): " + Redaction.redact(u.detail())));
      com.contrastsecurity.sarif.Location l = new com.contrastsecurity.sarif.Location();
      l.setPhysicalLocation(physical(SourceLocation.file(u.path())));
      note.setLocations(Set.of(l));
      notifications.add(note);
    }
    for (CollectionProblem p : result.skipped()) {
      Notification n = new Notification();
      n.setLevel(Notification.Level.WARNING);
      n.setMessage(message("skipped: " + Redaction.redact(p.message())));
      com.contrastsecurity.sarif.Location l = new com.contrastsecurity.sarif.Location();
      l.setPhysicalLocation(physical(p.location()));
      n.setLocations(Set.of(l));
      notifications.add(n);
    }
    for (ScanResult.RuleFailure failure : result.ruleFailures()) {
      Notification n = new Notification();
      n.setLevel(Notification.Level.ERROR);
      n.setMessage(
          message(
              "rule "
                  + failure.ruleId()
                  + " failed on "
                  + failure.subject()
                  + ": "
                  + Redaction.redact(failure.error())
                  + " (please report this)"));
      ReportingDescriptorReference rule = new ReportingDescriptorReference();
      rule.setId(failure.ruleId());
      n.setAssociatedRule(rule);
      notifications.add(n);
    }
    Invocation invocation = new Invocation();
    invocation.setExecutionSuccessful(
        result.ruleFailures().isEmpty() && (!coverage.known() || coverage.readSomethingRelevant()));
    if (coverage.known()) {
      // What was read, for a code-scanning UI that shows only results: an empty run that read
      // nothing must not look like a clean one.
      PropertyBag properties = new PropertyBag();
      properties.setAdditionalProperty(
          "coverage",
          coverage.readSomethingRelevant()
              ? coverage.line()
              : "Nothing checked: "
                  + coverage.nothingReadReason(result.root())
                  + ". "
                  + coverage.line());
      properties.setAdditionalProperty("filesRead", coverage.filesRead());
      properties.setAdditionalProperty("filesNotRead", coverage.notRead().size());
      invocation.setProperties(properties);
    }
    if (!notifications.isEmpty()) {
      invocation.setToolExecutionNotifications(notifications);
    }
    return invocation;
  }

  /** Annotations and comments live in the scanned files; anything else is external config. */
  private static boolean isInSource(String reason) {
    return reason.contains("rootcause.io/ignore") || reason.contains("rootcause:ignore");
  }

  /** A relative URI reference: spaces and non-ASCII characters percent-encoded, '/' kept. */
  static String uri(String path) {
    try {
      return new URI(null, null, path, null).toASCIIString();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("path " + path + " cannot be a URI", e);
    }
  }

  private static String sentence(String s) {
    return s.endsWith(".") || s.endsWith("!") || s.endsWith("?") ? s : s + ".";
  }

  private static void putIfPresent(PropertyBag bag, String key, String value) {
    if (value != null && !value.isEmpty()) {
      bag.setAdditionalProperty(key, value);
    }
  }

  private static Message message(String text) {
    Message m = new Message();
    m.setText(text);
    return m;
  }

  private static MultiformatMessageString text(String text) {
    MultiformatMessageString m = new MultiformatMessageString();
    m.setText(text);
    return m;
  }

  /**
   * Rule docs are Markdown; SARIF viewers render {@code markdown} and fall back to {@code text}.
   */
  private static MultiformatMessageString multiformat(String markdown) {
    MultiformatMessageString m = text(markdown);
    m.setMarkdown(markdown);
    return m;
  }

  /**
   * The POJOs omit a level equal to SARIF's default ("warning"), but a result's level must be
   * explicit: absent, a consumer would take the rule's default, which a severity override changes.
   */
  private abstract static class ExplicitResultLevel {
    @JsonInclude(JsonInclude.Include.NON_NULL)
    Result.Level level;
  }

  /** Same for the rule's default level, so every descriptor states it. */
  private abstract static class ExplicitDefaultLevel {
    @JsonInclude(JsonInclude.Include.NON_NULL)
    ReportingConfiguration.Level level;
  }
}
