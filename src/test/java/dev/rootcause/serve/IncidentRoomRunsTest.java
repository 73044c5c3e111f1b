package dev.rootcause.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.rootcause.model.incident.Incident;
import dev.rootcause.model.incident.IncidentSeverity;
import dev.rootcause.model.incident.TimelineEntry;
import dev.rootcause.testing.Cli;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Probes and verifications run from the incident page against a real HTTP server on loopback that
 * answers 503 to every fourth request, the way a service with one bad replica in four does.
 */
class IncidentRoomRunsTest {
  private HttpServer flaky;
  private final AtomicInteger hits = new AtomicInteger();
  private String url;
  private Room room;

  @BeforeEach
  void start(@TempDir Path dir) throws Exception {
    flaky = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    flaky.createContext(
        "/",
        exchange -> {
          int n = hits.incrementAndGet();
          byte[] body =
              (n % 4 == 0 ? "upstream unavailable" : "ok").getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(n % 4 == 0 ? 503 : 200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    flaky.start();
    url = "http://127.0.0.1:" + flaky.getAddress().getPort() + "/api/orders";
    room = Room.start(dir, null, List.of(), List.of(url));
  }

  @AfterEach
  void stop() {
    room.close();
    flaky.stop(0);
  }

  @Test
  void theIncidentPageOffersAProbeAndAVerifyOfEachAllowedUrl() throws Exception {
    String id = room.open("orders fail now and then", IncidentSeverity.SEV2, "orders");
    String page = room.get("/incidents/" + id).body();
    assertThat(page).contains("probe " + url).contains("verify " + url);
    assertThat(page).contains("No probe measured this incident yet").doesNotContain("<svg");
  }

  @Test
  void aProbeFromThePageSendsBoundedLoadAndKeepsTheFailingRunAsEvidence() throws Exception {
    String id = room.open("orders fail now and then", IncidentSeverity.SEV2, "orders");
    HttpResponse<String> r = room.post("/incidents/" + id + "/runs", Map.of("target", "0"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
    // The request chose nothing but the index: the load is the server's fixed, small one.
    assertThat(hits.get()).isEqualTo(Runs.PROBE_REQUESTS);
    Incident incident = room.incidents.show(id);
    assertThat(texts(incident)).anyMatch(t -> t.startsWith("First failing probe: " + url));
    // The samples kept are the ones the incident's chart and postmortem read.
    assertThat(room.get("/incidents/" + id + "/postmortem.html").body())
        .contains("Error rate and latency");
    String page = room.get("/incidents/" + id).body();
    String chart = page.substring(page.indexOf("<figure class=\"chart\""));
    chart = chart.substring(0, chart.indexOf("</figure>"));
    assertThat(chart)
        .contains("<svg", "aria-label=\"error rate and p95\"", "12 of 50 failed", "1 run(s)")
        // style-src 'self' blocks inline styles: the chart must need none.
        .doesNotContain("style=", "<script");
  }

  @Test
  void aVerifyFromThePageSaysTheFixIsNotVerifiedWhileRequestsStillFail() throws Exception {
    String id = room.open("orders fail now and then", IncidentSeverity.SEV2, "orders");
    HttpResponse<String> r = room.post("/incidents/" + id + "/runs", Map.of("target", "1"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
    assertThat(hits.get()).isEqualTo(Runs.VERIFY_REQUESTS);
    assertThat(texts(room.incidents.show(id)))
        .anyMatch(t -> t.startsWith("Fix not verified") && t.contains("success"));
  }

  @Test
  void aRunTheOperatorDidNotAllowIsRefusedWithoutSendingAnything() throws Exception {
    String id = room.open("orders fail now and then", IncidentSeverity.SEV2, "orders");
    for (String target : List.of("2", "-1", url, "http://127.0.0.1:1/", "../etc")) {
      HttpResponse<String> r = room.post("/incidents/" + id + "/runs", Map.of("target", target));
      assertThat(r.statusCode()).as(target).isEqualTo(400);
      assertThat(r.body()).contains("operator allowed");
    }
    assertThat(hits.get()).isZero();
    assertThat(room.incidents.show(id).timeline()).hasSize(1);
  }

  @Test
  void anAllowRunThatIsNeitherAFolderNorAUrlWithAHostExitsTwoWithOneLine(@TempDir Path dir) {
    for (String bad : List.of(dir.resolve("missing").toString(), "http://", "https:///healthz")) {
      Cli.Run r = Cli.run("serve", "--port", "0", "--allow-run", bad);
      assertThat(r.exit()).as(bad).isEqualTo(2);
      assertThat(r.err().strip().lines()).as(bad).hasSize(1);
      assertThat(r.err()).contains("--allow-run");
      assertThat(r.out()).isEmpty();
    }
  }

  private static List<String> texts(Incident i) {
    return i.timeline().stream().map(TimelineEntry::text).toList();
  }
}
