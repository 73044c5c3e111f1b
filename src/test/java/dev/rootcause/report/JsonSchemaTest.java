package dev.rootcause.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Layer;
import dev.rootcause.model.ScanResult;
import dev.rootcause.model.Severity;
import dev.rootcause.testing.Cli;
import dev.rootcause.testing.JsonSchemas;
import dev.rootcause.testing.Scans;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/scan-result.schema.json} is what {@code rootcause schema} prints, and the JSON report
 * conforms to it: every field the renderer writes is described, with the right type.
 */
class JsonSchemaTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path DOC = Path.of("docs/scan-result.schema.json");

  @Test
  void docsCopyIsWhatTheToolPrints() throws IOException {
    Cli.Run run = Cli.run("schema");

    assertThat(run.exit()).isZero();
    assertThat(Files.readString(DOC))
        .as(
            "docs/scan-result.schema.json is stale: run `rootcause schema >"
                + " docs/scan-result.schema.json`")
        .isEqualTo(run.out());
  }

  @Test
  void theSchemaIsItselfValidDraft07() throws IOException {
    JsonNode schema = JSON.readTree(JsonRenderer.schema());
    JsonSchema metaSchema =
        JsonSchemas.of("{\"$ref\": \"http://json-schema.org/draft-07/schema#\"}");

    assertThat(JsonSchemas.errors(metaSchema, schema)).isEmpty();
    assertThat(schema.at("/properties/schemaVersion/const").asInt())
        .isEqualTo(JsonRenderer.SCHEMA_VERSION);
  }

  @Test
  void aRealScanConformsToTheSchema() throws IOException {
    ScanResult scanned = Scans.scan(Path.of("src/test/resources/golden/repo"));
    assertThat(scanned.findings()).isNotEmpty();
    assertThat(scanned.suppressed()).isNotEmpty();
    assertThat(scanned.problems()).isNotEmpty();

    assertThat(JsonSchemas.errors(schema(), render(scanned))).isEmpty();
  }

  @Test
  void everyKindOfLocationAndARuleFailureConformToTheSchema() throws IOException {
    assertThat(JsonSchemas.errors(schema(), render(GoldenReportsTest.result()))).isEmpty();
  }

  @Test
  void aDiagnosisWithConsequencesConformsToTheSchema() throws IOException {
    Cli.Run run =
        Cli.run(
            "diagnose",
            "--dump",
            "src/test/resources/diagnose/seed-002-broken",
            "--as-of",
            "2025-02-11T16:52:00Z",
            "--format",
            "json");
    JsonNode report = JSON.readTree(run.out());

    assertThat(JsonSchemas.errors(schema(), report)).isEmpty();
    assertThat(report.at("/summary/byKind/consequence").asInt()).isEqualTo(3);
    List<String> consequences = new ArrayList<>();
    report
        .get("findings")
        .forEach(
            f -> {
              if ("consequence".equals(f.get("kind").asText())) {
                consequences.add(f.at("/related/0/note").asText());
              }
            });
    assertThat(consequences)
        .contains(
            "follows from runtime/crash-loop-back-off on Deployment"
                + " production/database-service");
  }

  @Test
  void aFieldTheSchemaDoesNotDescribeFailsValidation() throws IOException {
    // Why the tests above can fail: the schema closes every object, so a new field must be added.
    ObjectNode report = (ObjectNode) render(GoldenReportsTest.result());
    ((ObjectNode) report.at("/findings/0")).put("owner", "team-a");

    assertThat(JsonSchemas.errors(schema(), report)).anyMatch(e -> e.contains("owner"));
  }

  @Test
  void severityLayerAndKindEnumsListEveryValueTheModelHas() throws IOException {
    JsonNode schema = JSON.readTree(JsonRenderer.schema());

    assertThat(strings(schema.at("/definitions/severity/enum")))
        .containsExactlyElementsOf(Arrays.stream(Severity.values()).map(Severity::label).toList());
    assertThat(strings(schema.at("/definitions/layer/enum")))
        .containsExactlyElementsOf(Arrays.stream(Layer.values()).map(Layer::prefix).toList());
    assertThat(strings(schema.at("/definitions/kind/enum")))
        .containsExactlyElementsOf(
            Arrays.stream(FindingKind.values()).map(FindingKind::label).toList());
  }

  private static JsonSchema schema() {
    return JsonSchemas.of(JsonRenderer.schema());
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static JsonNode render(ScanResult result) throws IOException {
    StringWriter out = new StringWriter();
    new JsonRenderer().render(result, out);
    return JSON.readTree(out.toString());
  }
}
