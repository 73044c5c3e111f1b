package dev.rootcause.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rootcause.model.incident.IncidentSeverity;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The incident room over real HTTP on a loopback port: pages, forms, the live part and /api/. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IncidentRoomTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path EXAMPLE = Path.of("examples/url-shortener");

  private Path dir;
  private Room room;
  private String checkout;
  private String search;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    this.dir = dir;
    room = Room.start(dir, null, List.of(EXAMPLE));
    search = room.open("search is slow", IncidentSeverity.SEV3, "search");
    room.resolve(search);
    checkout = room.open("checkout returns 502", IncidentSeverity.SEV2, "checkout", "payments");
    room.incidents.note(checkout, "502s started after the 14:00 deploy", false, null, false);
    room.attachScanOf(checkout, EXAMPLE, dir);
    room.slo("checkout", "99.9%");
  }

  @AfterAll
  void stop() {
    room.close();
  }

  @Test
  void theListShowsOpenIncidentsFirstAndFiltersByServiceAndStatus() throws Exception {
    String all = room.get("/").body();
    assertThat(all).contains(checkout, search);
    assertThat(all.indexOf(checkout)).isLessThan(all.indexOf(search));

    String bySearch = room.get("/?service=search&status=all").body();
    assertThat(bySearch).contains(search).doesNotContain(checkout);

    String resolved = room.get("/?status=resolved").body();
    assertThat(resolved).contains(search).doesNotContain(checkout);
  }

  @Test
  void anUnknownStatusFilterIsABadRequestThatSaysWhy() throws Exception {
    HttpResponse<String> r = room.get("/?status=closed");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("status 'closed' is not open, all");
  }

  @Test
  void theIncidentPageShowsTheTimelineFindingsByLayerWithFileLineAndFixAndTheBudget()
      throws Exception {
    HttpResponse<String> r = room.get("/incidents/" + checkout);
    assertThat(r.statusCode()).isEqualTo(200);
    String page = r.body();
    assertThat(page)
        .contains("checkout returns 502")
        .contains("502s started after the 14:00 deploy")
        .contains("Scan attached:")
        .contains("Root causes")
        .contains("Fix:")
        .contains("application.py:")
        .contains("Error budget")
        .contains("99.9% availability over 30d");
    JsonNode api = JSON.readTree(room.get("/api/incidents/" + checkout).body());
    String firstRule = api.path("rootCauses").get(0).path("ruleId").asText();
    assertThat(page).contains("href=\"/rules/" + firstRule + "\"");
  }

  @Test
  void anUnknownIncidentIsNotFoundOnThePageAndInTheApi() throws Exception {
    assertThat(room.get("/incidents/INC-1999-001").statusCode()).isEqualTo(404);
    HttpResponse<String> api = room.get("/api/incidents/INC-1999-001");
    assertThat(api.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(api.body()).path("error").asText()).startsWith("no incident");
  }

  @Test
  void aNoteAndAStatusChangeFromTheFormsReachTheStoreAndThePage() throws Exception {
    String id = room.open("login fails", IncidentSeverity.SEV2, "auth");
    HttpResponse<String> note =
        room.post("/incidents/" + id + "/notes", Map.of("text", "rolled back auth to v41"));
    assertThat(note.statusCode()).isEqualTo(303);
    assertThat(note.headers().firstValue("Location")).hasValue("/incidents/" + id);
    HttpResponse<String> status =
        room.post(
            "/incidents/" + id + "/status",
            Map.of("status", "monitoring", "message", "error rate back to 0.1%"));
    assertThat(status.statusCode()).isEqualTo(303);

    assertThat(room.incidents.show(id).notes())
        .extracting(e -> e.text())
        .containsExactly("rolled back auth to v41");
    assertThat(room.incidents.show(id).status().label()).isEqualTo("monitoring");
    assertThat(room.get("/incidents/" + id).body())
        .contains("rolled back auth to v41")
        .contains("Status: monitoring: error rate back to 0.1%");
  }

  @Test
  void anEmptyNoteIsRefusedWithTheReasonAndWritesNothing() throws Exception {
    String id = room.open("queue backs up", IncidentSeverity.SEV3, "worker");
    HttpResponse<String> r = room.post("/incidents/" + id + "/notes", Map.of("text", "  "));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("the note is empty");
    assertThat(room.incidents.show(id).notes()).isEmpty();
  }

  @Test
  void theLivePartAnswersNoContentUntilTheStoreChanges() throws Exception {
    String id = room.open("cache stampede", IncidentSeverity.SEV3, "cache");
    String page = room.get("/incidents/" + id).body();
    String revision = attribute(page, "data-revision");
    assertThat(room.get("/incidents/" + id + "/live?page=1&since=" + revision).statusCode())
        .isEqualTo(204);

    // Written from a terminal, not the page: the page still follows.
    room.incidents.note(id, "warmed the cache by hand", false, null, false);
    HttpResponse<String> changed = room.get("/incidents/" + id + "/live?page=1&since=" + revision);
    assertThat(changed.statusCode()).isEqualTo(200);
    assertThat(changed.body()).contains("warmed the cache by hand");
    assertThat(attribute(changed.body(), "data-revision")).isNotEqualTo(revision);
  }

  @Test
  void aLongTimelineIsPagedNewestFirst() throws Exception {
    String id = room.open("disk fills", IncidentSeverity.SEV3, "logs");
    for (int i = 1; i <= Pages.ENTRIES_PER_PAGE + 20; i++) {
      room.incidents.note(id, "reading " + i, false, null, false);
    }
    String first = room.get("/incidents/" + id).body();
    assertThat(first).contains("reading 120").contains("page 1 of 2").doesNotContain(">reading 1<");
    String second = room.get("/incidents/" + id + "?page=2").body();
    assertThat(second).contains(">reading 1<").doesNotContain("reading 120");
  }

  @Test
  void thePostmortemPageShowsTheReportAsHtml() throws Exception {
    String page = room.get("/incidents/" + checkout + "/postmortem").body();
    assertThat(page)
        .contains("<h1>Postmortem: " + checkout)
        .contains("<h2>Root causes</h2>")
        .contains("<table>")
        .contains("Action items");
    String id = room.open("no evidence yet", IncidentSeverity.SEV4, "docs");
    assertThat(room.get("/incidents/" + id + "/postmortem").body())
        .contains("has no evidence to report from");
  }

  @Test
  void thePostmortemFileIsTheHtmlReportWithItsOwnStrictPolicy() throws Exception {
    var file = room.get("/incidents/" + checkout + "/postmortem.html");
    assertThat(file.statusCode()).isEqualTo(200);
    // The same document `report --format html` writes: one file, inline style and SVG charts.
    assertThat(file.body()).startsWith("<!DOCTYPE html>").contains("<style>").contains("<svg");
    String policy = file.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertThat(policy).contains("style-src 'unsafe-inline'").doesNotContain("script-src");
    assertThat(room.get("/incidents/" + checkout + "/postmortem").body())
        .contains("href=\"/incidents/" + checkout + "/postmortem.html\"");
  }

  @Test
  void theServicesPageShowsEachSloAndTheServicesWithoutOne() throws Exception {
    String page = room.get("/services").body();
    assertThat(page).contains("checkout").contains("99.9% availability over 30d");
    assertThat(page.substring(page.indexOf("without an SLO"))).contains("payments", "search");
  }

  @Test
  void theRuleCatalogueIsBrowsable() throws Exception {
    String rules = room.get("/rules").body();
    assertThat(rules).contains("k8s/service-selects-nothing").contains("Kubernetes");
    HttpResponse<String> rule = room.get("/rules/k8s/service-selects-nothing");
    assertThat(rule.statusCode()).isEqualTo(200);
    assertThat(rule.body()).contains("<code>k8s/service-selects-nothing</code>").contains("Fix:");
    assertThat(room.get("/rules/k8s/no-such-rule").statusCode()).isEqualTo(404);
  }

  @Test
  void theApiListsSummariesPagedWithTheirCounts() throws Exception {
    JsonNode list = JSON.readTree(room.get("/api/incidents?status=all&pageSize=2").body());
    assertThat(list.path("pageSize").asInt()).isEqualTo(2);
    assertThat(list.path("total").asInt()).isGreaterThanOrEqualTo(2);
    assertThat(list.path("incidents")).hasSize(2);
    JsonNode first = list.path("incidents").get(0);
    assertThat(first.has("timeline")).isFalse();
    assertThat(first.path("timelineEntries").asInt()).isPositive();
    assertThat(first.path("status").asText()).isNotEqualTo("resolved");

    JsonNode budgets = JSON.readTree(room.get("/api/budgets").body());
    assertThat(budgets.path("budgets").get(0).path("service").asText()).isEqualTo("checkout");
    assertThat(room.get("/api/budgets").headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
  }

  @Test
  void anAllowedFolderIsScannedFromThePageAndItsFindingsAttached() throws Exception {
    String id = room.open("short links 500", IncidentSeverity.SEV2, "url-shortener");
    HttpResponse<String> r = room.post("/incidents/" + id + "/runs", Map.of("target", "0"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
    assertThat(room.incidents.show(id).rootCauses()).isNotEmpty();
    assertThat(room.post("/incidents/" + id + "/runs", Map.of("target", "1")).statusCode())
        .isEqualTo(400);
  }

  @Test
  void staticAssetsComeFromTheJar() throws Exception {
    HttpResponse<String> js = room.get("/static/room.js");
    assertThat(js.statusCode()).isEqualTo(200);
    assertThat(js.body()).contains("data-revision");
    assertThat(room.get("/static/room.css").statusCode()).isEqualTo(200);
  }

  static String attribute(String html, String name) {
    int at = html.indexOf(name + "=\"") + name.length() + 2;
    return html.substring(at, html.indexOf('"', at));
  }
}
