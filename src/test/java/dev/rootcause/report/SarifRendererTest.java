package dev.rootcause.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rootcause.model.Confidence;
import dev.rootcause.model.Finding;
import dev.rootcause.model.FindingKind;
import dev.rootcause.model.ScanResult;
import dev.rootcause.model.Severity;
import dev.rootcause.model.SourceLocation;
import dev.rootcause.testing.JsonSchemas;
import dev.rootcause.testing.Scans;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SARIF output is valid SARIF 2.1.0 and carries what code-scanning tools need. */
class SarifRendererTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyBranchOfTheRendererIsValidSarif() throws IOException {
    JsonNode sarif = render(GoldenReportsTest.result());

    assertThat(JsonSchemas.errors(JsonSchemas.sarif(), sarif)).isEmpty();
  }

  @Test
  void theSchemaCheckRejectsWhatSarifForbids() throws IOException {
    // Guards the two tests around it: a schema that failed to load would accept anything.
    ObjectNode broken = (ObjectNode) render(GoldenReportsTest.result());
    ((ObjectNode) broken.at("/runs/0/results/0")).put("level", "fatal");

    assertThat(JsonSchemas.errors(JsonSchemas.sarif(), broken)).isNotEmpty();
  }

  @Test
  void aRealScanIsValidSarif() throws IOException {
    ScanResult scanned = Scans.scan(Path.of("src/test/resources/rules"));
    assertThat(scanned.findings()).as("the rule fixtures hold findings").isNotEmpty();

    assertThat(JsonSchemas.errors(JsonSchemas.sarif(), render(scanned))).isEmpty();
  }

  @Test
  void oneDescriptorPerRuleRunWithItsDocs() throws IOException {
    ScanResult result = GoldenReportsTest.result();
    JsonNode rules = render(result).at("/runs/0/tool/driver/rules");

    assertThat(rules).hasSize(result.rulesRun().size());
    JsonNode probe = descriptor(rules, "k8s/probe-port-not-exposed");
    assertThat(probe.path("name").asText()).isEqualTo("ProbePortNotExposed");
    assertThat(probe.at("/shortDescription/text").asText())
        .isEqualTo("Probe checks a port the container does not declare");
    assertThat(probe.at("/fullDescription/markdown").asText()).contains("8080");
    assertThat(probe.at("/help/markdown").asText()).contains("- Fix: Point the probe");
    assertThat(probe.at("/defaultConfiguration/level").asText()).isEqualTo("error");
    assertThat(probe.at("/properties/layer").asText()).isEqualTo("k8s");
    assertThat(probe.at("/properties/symptom").asText()).contains("CrashLoopBackOff");
    // A medium hardening rule is a note by default: advice must not block a merge.
    JsonNode liveness = descriptor(rules, "k8s/missing-liveness-probe");
    assertThat(liveness.at("/defaultConfiguration/level").asText()).isEqualTo("note");
    assertThat(liveness.at("/properties/kind").asText()).isEqualTo("hardening");
    assertThat(probe.at("/properties/kind").asText()).isEqualTo("root-cause");
  }

  @Test
  void hardeningIsANoteOrAWarningNeverAnError() throws IOException {
    for (Severity s : Severity.values()) {
      Finding advice = hardening(finding(s, SourceLocation.of("a.yaml", 3)));
      JsonNode r = render(single(advice)).at("/runs/0/results/0");
      assertThat(r.path("level").asText())
          .as("%s hardening", s)
          .isEqualTo(s.atLeast(Severity.HIGH) ? "warning" : "note");
      assertThat(r.at("/properties/kind").asText()).isEqualTo("hardening");
    }
    JsonNode cause =
        render(single(finding(Severity.HIGH, SourceLocation.of("a.yaml", 3))))
            .at("/runs/0/results/0");
    assertThat(cause.path("level").asText()).isEqualTo("error");
    assertThat(cause.at("/properties/kind").asText()).isEqualTo("root-cause");
  }

  @Test
  void aConsequenceIsANoteThatKeepsItsSeverityAndKindInItsProperties() throws IOException {
    // Its cause is a result of its own at its own level: one fault, one alert to triage.
    Finding down =
        as(finding(Severity.CRITICAL, SourceLocation.of("a.yaml", 3)), FindingKind.CONSEQUENCE);
    JsonNode r = render(single(down)).at("/runs/0/results/0");

    assertThat(r.path("level").asText()).isEqualTo("note");
    assertThat(r.at("/properties/kind").asText()).isEqualTo("consequence");
    assertThat(r.at("/properties/severity").asText()).isEqualTo("critical");
  }

  private static Finding hardening(Finding f) {
    return as(f, FindingKind.HARDENING);
  }

  private static Finding as(Finding f, FindingKind kind) {
    return new Finding(
        f.ruleId(),
        f.severity(),
        f.subject(),
        f.symptom(),
        f.message(),
        f.primary(),
        f.related(),
        f.fix(),
        f.confidence(),
        kind);
  }

  @Test
  void resultsPointAtRelativeFilesWithRealRegions() throws IOException {
    JsonNode results = render(GoldenReportsTest.result()).at("/runs/0/results");
    JsonNode probe = result(results, "k8s/probe-port-not-exposed");

    JsonNode physical = probe.at("/locations/0/physicalLocation");
    assertThat(physical.at("/artifactLocation/uri").asText()).isEqualTo("k8s/api.yaml");
    assertThat(physical.at("/artifactLocation/uriBaseId").asText()).isEqualTo("SRCROOT");
    assertThat(physical.at("/region/startLine").asInt()).isEqualTo(25);
    assertThat(physical.at("/region/startColumn").asInt()).isEqualTo(15);
    assertThat(probe.path("level").asText()).isEqualTo("error");
    assertThat(probe.at("/message/text").asText())
        .isEqualTo(
            "livenessProbe checks port 8080, but container api declares 3000 ('http')."
                + " Fix: Set livenessProbe port to 3000 (or 'http').");
    assertThat(probe.at("/relatedLocations/0/message/text").asText())
        .isEqualTo("containerPort 3000 ('http')");
    assertThat(probe.at("/relatedLocations/0/physicalLocation/region/startLine").asInt())
        .isEqualTo(21);
  }

  @Test
  void wholeFileEvidenceHasNoRegionAndLineOnlyEvidenceNoColumn() throws IOException {
    JsonNode related =
        result(
                render(GoldenReportsTest.result()).at("/runs/0/results"),
                "runtime/liveness-endpoint-fails")
            .path("relatedLocations");

    JsonNode lineOnly = related.get(1).path("physicalLocation");
    assertThat(lineOnly.at("/region/startLine").asInt()).isEqualTo(24);
    assertThat(lineOnly.at("/region").has("startColumn")).isFalse();
    JsonNode wholeFile = related.get(2).path("physicalLocation");
    assertThat(wholeFile.at("/artifactLocation/uri").asText()).isEqualTo("k8s/api.yaml");
    assertThat(wholeFile.has("region")).isFalse();
  }

  @Test
  void clusterAndHttpLocationsAreLogicalWithTheirFieldsAsProperties() throws IOException {
    JsonNode finding =
        result(
            render(GoldenReportsTest.result()).at("/runs/0/results"),
            "runtime/liveness-endpoint-fails");

    JsonNode primary = finding.at("/locations/0");
    assertThat(primary.has("physicalLocation")).isFalse();
    assertThat(primary.at("/logicalLocations/0/name").asText()).isEqualTo("api-7f9c4-x2x1z");
    assertThat(primary.at("/properties/namespace").asText()).isEqualTo("shop");
    assertThat(primary.at("/properties/fieldPath").asText())
        .isEqualTo(".spec.containers[0].livenessProbe");
    JsonNode http = finding.at("/relatedLocations/0");
    assertThat(http.at("/properties/status").asInt()).isEqualTo(500);
    assertThat(http.at("/properties/url").asText()).isEqualTo("http://10.0.3.7:3000/healthz");
    assertThat(http.at("/message/text").asText()).isEqualTo("answered 500 | Internal Server Error");
  }

  @Test
  void mediumIsAnExplicitWarningEvenThoughSarifDefaultsToIt() throws IOException {
    // A severity override can make a result's level differ from its rule's default level.
    ScanResult result = single(finding(Severity.MEDIUM, SourceLocation.of("a.yaml", 3)));

    JsonNode r = render(result).at("/runs/0/results/0");

    assertThat(r.path("level").asText()).isEqualTo("warning");
    assertThat(
            render(single(finding(Severity.LOW, SourceLocation.of("a.yaml", 3))))
                .at("/runs/0/results/0/level")
                .asText())
        .isEqualTo("note");
  }

  @Test
  void suppressedFindingsAreResultsWithTheirJustification() throws IOException {
    JsonNode results = render(GoldenReportsTest.result()).at("/runs/0/results");
    JsonNode suppressed = null;
    for (JsonNode r : results) {
      if (r.path("ruleId").asText().equals("k8s/missing-liveness-probe")
          && r.at("/locations/0/physicalLocation/artifactLocation/uri")
              .asText()
              .equals("k8s/db.yaml")) {
        suppressed = r;
      }
    }
    assertThat(suppressed).as("the suppressed finding on k8s/db.yaml").isNotNull();

    assertThat(suppressed.at("/suppressions/0/kind").asText()).isEqualTo("inSource");
    assertThat(suppressed.at("/suppressions/0/justification").asText())
        .isEqualTo("rootcause.io/ignore annotation on StatefulSet shop/db (k8s/db.yaml:1:1)");
  }

  @Test
  void skippedFilesAndRuleFailuresAreExecutionNotifications() throws IOException {
    JsonNode invocation = render(GoldenReportsTest.result()).at("/runs/0/invocations/0");

    assertThat(invocation.path("executionSuccessful").asBoolean(true)).isFalse();
    JsonNode notes = invocation.path("toolExecutionNotifications");
    assertThat(notes).hasSize(2);
    assertThat(notes.get(0).at("/message/text").asText()).startsWith("skipped: malformed YAML");
    assertThat(notes.get(0).at("/locations/0/physicalLocation/artifactLocation/uri").asText())
        .isEqualTo("k8s/broken.yaml");
    assertThat(notes.get(0).at("/locations/0/physicalLocation/region/startLine").asInt())
        .isEqualTo(6);
    assertThat(notes.get(1).path("level").asText()).isEqualTo("error");
    assertThat(notes.get(1).at("/associatedRule/id").asText())
        .isEqualTo("k8s/probe-port-not-exposed");
  }

  @Test
  void aCleanRunSucceededAndHasNoNotifications() throws IOException {
    JsonNode invocation =
        render(single(finding(Severity.HIGH, SourceLocation.of("a.yaml", 1))))
            .at("/runs/0/invocations/0");

    assertThat(invocation.path("executionSuccessful").asBoolean(false)).isTrue();
    assertThat(invocation.has("toolExecutionNotifications")).isFalse();
  }

  @Test
  void pathsAreEncodedAsRelativeUris(@TempDir Path dir) throws IOException {
    // Without a UTF-8 locale the JVM cannot name such a folder (PosixLocaleTest covers that case).
    assumeTrue(
        Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"))
            .newEncoder()
            .canEncode("ü"),
        "file names are not UTF-8 in this locale");
    Path folder = Files.createDirectories(dir.resolve("deploy dir/ünïcode"));
    Files.writeString(
        folder.resolve("api.yaml"),
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: api}
        spec:
          template:
            spec:
              containers:
                - name: api
                  image: api:1
        """);
    JsonNode sarif = render(Scans.scan(dir));

    assertThat(
            sarif
                .at("/runs/0/results/0/locations/0/physicalLocation/artifactLocation/uri")
                .asText())
        .isEqualTo("deploy%20dir/%C3%BCn%C3%AFcode/api.yaml");
    assertThat(JsonSchemas.errors(JsonSchemas.sarif(), sarif)).isEmpty();
  }

  private static JsonNode descriptor(JsonNode rules, String id) {
    for (JsonNode r : rules) {
      if (r.path("id").asText().equals(id)) {
        return r;
      }
    }
    throw new AssertionError("no descriptor " + id + " in " + rules);
  }

  private static JsonNode result(JsonNode results, String ruleId) {
    for (JsonNode r : results) {
      if (r.path("ruleId").asText().equals(ruleId)) {
        return r;
      }
    }
    throw new AssertionError("no result " + ruleId + " in " + results);
  }

  private static Finding finding(Severity severity, SourceLocation at) {
    return new Finding(
        "k8s/missing-resources",
        severity,
        "Deployment api container api",
        "evictions",
        "container api sets no requests.cpu",
        at,
        List.of(),
        "Set requests.",
        Confidence.CERTAIN,
        FindingKind.ROOT_CAUSE);
  }

  private static ScanResult single(Finding f) {
    return new ScanResult(
        "repo",
        List.of(f),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        new ScanResult.Inventory(1, 1, 0, 0, 0, 0, 0),
        Duration.ZERO);
  }

  static JsonNode render(ScanResult result) throws IOException {
    StringWriter out = new StringWriter();
    new SarifRenderer().render(result, out);
    return JSON.readTree(out.toString());
  }
}
