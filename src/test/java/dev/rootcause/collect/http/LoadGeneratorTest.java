package dev.rootcause.collect.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootcause.model.probe.EndpointResult;
import dev.rootcause.model.probe.ErrorClass;
import dev.rootcause.model.probe.ProbePlan;
import dev.rootcause.model.probe.ProbeResult;
import dev.rootcause.testing.HttpFixture;
import dev.rootcause.testing.Plans;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The load generator against real HTTP servers on loopback. */
class LoadGeneratorTest {

  private static ProbeResult run(ProbePlan plan) throws InterruptedException {
    return new LoadGenerator().run(plan, p -> {});
  }

  @Test
  void healthyServerAnswersEveryRequestOverKeptAliveConnections() throws Exception {
    Set<Object> connections = ConcurrentHashMap.newKeySet();
    try (HttpFixture server =
        HttpFixture.start()
            .on(
                "/",
                ex -> {
                  connections.add(ex.getRemoteAddress());
                  HttpFixture.send(ex, 200, "ok");
                })) {
      EndpointResult r = run(Plans.closed(List.of(server.url("/")), 4, 200)).endpoints().get(0);
      assertThat(r.requests()).isEqualTo(200);
      assertThat(r.succeeded()).isEqualTo(200);
      assertThat(r.statuses()).containsExactly(Map.entry(200, 200L));
      assertThat(r.errors()).isEmpty();
      assertThat(server.requests()).isEqualTo(200);
      // Four connections carried all 200 requests: keep-alive works.
      assertThat(connections).hasSizeLessThanOrEqualTo(4);
      assertThat(r.latency().count()).isEqualTo(200);
      assertThat(r.successLatencies()).hasSize(200);
      assertThat(r.timeline().stream().mapToLong(s -> s.requests()).sum()).isEqualTo(200);
      assertThat(r.histogram().stream().mapToLong(b -> b.count()).sum()).isEqualTo(200);
    }
  }

  @Test
  void failingResponsesAreCountedByStatusWithTheirBodiesSampled() throws Exception {
    try (HttpFixture server =
        HttpFixture.start().on("/healthz", HttpFixture.status(500, "{\"status\":\"unhealthy\"}"))) {
      EndpointResult r =
          run(Plans.closed(List.of(server.url("/healthz")), 2, 30)).endpoints().get(0);
      assertThat(r.statuses()).containsExactly(Map.entry(500, 30L));
      assertThat(r.succeeded()).isZero();
      assertThat(r.samples()).hasSize(5);
      assertThat(r.samples().get(0).status()).isEqualTo(500);
      assertThat(r.samples().get(0).body()).isEqualTo("{\"status\":\"unhealthy\"}");
    }
  }

  @Test
  void seededRandomFailuresAreCountedExactly() throws Exception {
    Random replay = new Random(3);
    int expectedFailures = 0;
    for (int i = 0; i < 20; i++) {
      expectedFailures += replay.nextBoolean() ? 1 : 0;
    }
    try (HttpFixture server = HttpFixture.start().on("/", HttpFixture.flaky(3))) {
      EndpointResult r = run(Plans.closed(List.of(server.url("/")), 1, 20)).endpoints().get(0);
      assertThat(r.statuses().get(500)).isEqualTo((long) expectedFailures);
      assertThat(r.statuses().get(200)).isEqualTo(20L - expectedFailures);
    }
  }

  @Test
  void refusedConnectionsAreCountedNotThrown() throws Exception {
    String url = "http://127.0.0.1:" + HttpFixture.closedPort() + "/";
    EndpointResult r = run(Plans.closed(List.of(url), 2, 6)).endpoints().get(0);
    assertThat(r.requests()).isEqualTo(6);
    assertThat(r.responses()).isZero();
    assertThat(r.errors()).containsExactly(Map.entry(ErrorClass.CONNECTION_REFUSED, 6L));
    assertThat(r.samples().get(0).error()).isEqualTo(ErrorClass.CONNECTION_REFUSED);
  }

  @Test
  void unknownHostIsADnsErrorForEveryRequest() throws Exception {
    EndpointResult r =
        run(Plans.closed(List.of("http://no-such-host.invalid/"), 1, 3)).endpoints().get(0);
    assertThat(r.errors()).containsExactly(Map.entry(ErrorClass.DNS, 3L));
    assertThat(r.samples().get(0).detail()).contains("no-such-host.invalid");
  }

  @Test
  void aResponseSlowerThanTheTimeoutIsATimeout() throws Exception {
    try (HttpFixture server = HttpFixture.start().on("/", HttpFixture.hang(3_000))) {
      ProbePlan plan =
          Plans.withTimeout(Plans.closed(List.of(server.url("/")), 2, 2), Duration.ofMillis(200));
      EndpointResult r = run(plan).endpoints().get(0);
      assertThat(r.errors()).containsExactly(Map.entry(ErrorClass.TIMEOUT, 2L));
    }
  }

  @Test
  void aConnectionResetMidResponseIsAReset() throws Exception {
    try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread.ofVirtual()
          .start(
              () -> {
                while (!listener.isClosed()) {
                  try (Socket s = listener.accept()) {
                    s.getInputStream().read(new byte[4096]);
                    s.getOutputStream()
                        .write(
                            "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial"
                                .getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                    s.setSoLinger(true, 0);
                  } catch (Exception ignored) {
                    // The test closes the listener.
                  }
                }
              });
      String url = "http://127.0.0.1:" + listener.getLocalPort() + "/";
      EndpointResult r = run(Plans.closed(List.of(url), 1, 3)).endpoints().get(0);
      assertThat(r.responses()).isZero();
      assertThat(r.errors().keySet()).containsAnyOf(ErrorClass.RESET, ErrorClass.CLOSED);
      assertThat(r.errorCount()).isEqualTo(3);
    }
  }

  @Test
  void postBodyAndHeadersReachTheServer() throws Exception {
    AtomicReference<String> seen = new AtomicReference<>();
    try (HttpFixture server =
        HttpFixture.start()
            .on(
                "/api/orders",
                ex -> {
                  String body =
                      new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                  seen.set(
                      ex.getRequestMethod()
                          + " "
                          + ex.getRequestHeaders().getFirst("Content-Type")
                          + " "
                          + body);
                  HttpFixture.send(ex, 201, "{\"id\":1}");
                })) {
      byte[] body = "{\"item\": \"laptop\", \"quantity\": 1}".getBytes(StandardCharsets.UTF_8);
      EndpointResult r =
          run(Plans.post(server.url("/api/orders"), "application/json", body, 3))
              .endpoints()
              .get(0);
      assertThat(r.statuses()).containsExactly(Map.entry(201, 3L));
      assertThat(seen.get())
          .isEqualTo("POST application/json {\"item\": \"laptop\", \"quantity\": 1}");
    }
  }

  @Test
  void chunkedResponsesFromTheServerAreRead() throws Exception {
    try (HttpFixture server =
        HttpFixture.start()
            .on(
                "/",
                ex -> {
                  ex.sendResponseHeaders(200, 0);
                  try (OutputStream out = ex.getResponseBody()) {
                    for (int i = 0; i < 50; i++) {
                      out.write(("line " + i + "\n").getBytes(StandardCharsets.UTF_8));
                      out.flush();
                    }
                  }
                })) {
      EndpointResult r = run(Plans.closed(List.of(server.url("/")), 2, 20)).endpoints().get(0);
      assertThat(r.statuses()).containsExactly(Map.entry(200, 20L));
    }
  }

  @Test
  void openModelSendsTheScheduleAndChargesAStallToEveryRequestBehindIt() throws Exception {
    // One connection, 50 requests/s (one every 20 ms), and a server whose first answer takes
    // 500 ms: the requests scheduled during the stall wait for it, and the open model must count
    // that wait (coordinated omission); a closed model would report 1 slow request, not 20+.
    AtomicReference<Boolean> first = new AtomicReference<>(true);
    try (HttpFixture server =
        HttpFixture.start()
            .on(
                "/",
                ex -> {
                  if (first.getAndSet(false)) {
                    try {
                      Thread.sleep(500);
                    } catch (InterruptedException e) {
                      return;
                    }
                  }
                  HttpFixture.send(ex, 200, "ok");
                })) {
      EndpointResult r = run(Plans.open(List.of(server.url("/")), 1, 40, 50)).endpoints().get(0);
      assertThat(r.requests()).isEqualTo(40);
      long stalled =
          java.util.Arrays.stream(r.successLatencies()).filter(v -> v >= 100_000).count();
      // Requests due at 20, 40, ... 400 ms were sent after 500 ms: at least 100 ms late each.
      assertThat(stalled).isGreaterThanOrEqualTo(20);
    }
  }

  @Test
  void severalUrlsAreEachProbedWithTheirOwnBudget() throws Exception {
    try (HttpFixture server =
        HttpFixture.start()
            .on("/", HttpFixture.ok("ok"))
            .on("/healthz", HttpFixture.status(500, "no"))) {
      ProbeResult r = run(Plans.closed(List.of(server.url("/"), server.url("/healthz")), 2, 10));
      assertThat(r.endpoints())
          .extracting(EndpointResult::url)
          .containsExactly(server.url("/"), server.url("/healthz"));
      assertThat(r.endpoints().get(0).succeeded()).isEqualTo(10);
      assertThat(r.endpoints().get(1).statuses()).containsExactly(Map.entry(500, 10L));
    }
  }

  @Test
  void httpsWorksWithInsecureAndFailsAsTlsWithoutTrust() throws Exception {
    try (HttpFixture server =
        HttpFixture.startTls()
            .on("/", ex -> HttpFixture.send(ex, 200, "secure " + "x".repeat(20_000)))) {
      String url = server.url("/");
      EndpointResult ok =
          run(Plans.insecure(Plans.closed(List.of(url), 2, 10), true)).endpoints().get(0);
      assertThat(ok.statuses()).containsExactly(Map.entry(200, 10L));
      EndpointResult untrusted = run(Plans.closed(List.of(url), 1, 2)).endpoints().get(0);
      assertThat(untrusted.errors()).containsExactly(Map.entry(ErrorClass.TLS, 2L));
      // In plain words, with what to do about it.
      assertThat(untrusted.samples().get(0).detail())
          .isEqualTo("self-signed certificate: use -k/--insecure to accept it");
    }
  }

  @Test
  void aUrlThatCannotBeProbedIsRejectedBeforeAnyLoad() {
    assertThatThrownBy(() -> run(Plans.closed(List.of("ftp://example.com/"), 1, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only http:// and https://");
    assertThatThrownBy(() -> run(Plans.closed(List.of("http://user:secret@host/"), 1, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("secret")
        .hasMessageContaining("<redacted>");
  }

  @Test
  void requestBytesCarryHostLengthAndHeaders() {
    ProbePlan plan =
        Plans.post(
            "http://example.com:8080/api?x=1",
            "application/json",
            "{}".getBytes(StandardCharsets.UTF_8),
            1);
    String req =
        new String(
            LoadGenerator.requestBytes(plan, Target.parse(plan.urls().get(0))),
            StandardCharsets.ISO_8859_1);
    assertThat(req)
        .isEqualTo(
            "POST /api?x=1 HTTP/1.1\r\nContent-Type: application/json\r\n"
                + "Host: example.com:8080\r\nContent-Length: 2\r\n\r\n{}");
  }
}
