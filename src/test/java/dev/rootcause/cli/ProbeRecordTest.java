package dev.rootcause.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rootcause.testing.Cli;
import dev.rootcause.testing.HttpFixture;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code probe --record SERVICE} against a real server on loopback that fails one request in four,
 * and {@code budget} replaying the burn-rate alerts over what was recorded.
 */
class ProbeRecordTest {
  @TempDir Path dir;

  private Cli.Run run(String... args) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 2);
    all[args.length] = "--store";
    all[args.length + 1] = dir.resolve("rootcause.db").toString();
    return Cli.run(all);
  }

  @Test
  void oneInFourFailingAgainst99_9PercentBurns250xAndBothAlertsFireAtTheFirstRecordedRun()
      throws Exception {
    AtomicInteger n = new AtomicInteger();
    try (HttpFixture server =
        HttpFixture.start()
            .on(
                "/",
                ex -> HttpFixture.send(ex, n.incrementAndGet() % 4 == 0 ? 503 : 200, "checkout"))) {
      assertThat(run("slo", "set", "checkout", "--availability", "99.9%", "--window", "30d").exit())
          .isZero();
      for (int k = 0; k < 3; k++) {
        Cli.Run r =
            run(
                "probe",
                server.url("/"),
                "--requests",
                "20",
                "--concurrency",
                "1",
                "--record",
                "checkout");
        assertThat(r.err()).contains("attached 1 probe measurement(s) recorded for checkout");
      }

      Cli.Run budget = run("budget", "checkout", "--format", "json");

      assertThat(budget.exit()).as(budget.err()).isZero();
      JsonNode b = new ObjectMapper().readTree(budget.out()).path("budgets").get(0);
      // 3 runs x 20 requests, 5 of each 20 bad: 15/60 = 0.25; 0.25 / 0.001 = 250x.
      assertThat(b.path("measuredRequests").asLong()).isEqualTo(60);
      JsonNode page = b.path("alerts").get(0);
      assertThat(page.path("name").asText()).isEqualTo("page");
      assertThat(page.path("fired").asBoolean()).isTrue();
      assertThat(page.path("longBurn").asDouble()).isCloseTo(250.0, within(1e-6));
      assertThat(b.path("alerts").get(1).path("fired").asBoolean()).isTrue();
      assertThat(run("budget", "checkout").out())
          .contains("alerts     replayed over 60 recorded requests")
          .contains("page (1h and 5m over 14.4x): would have fired at ");
    }
  }

  @Test
  void aBlankServiceToRecordForIsExitTwoBeforeAnyRequest() throws Exception {
    try (HttpFixture server = HttpFixture.start().on("/", HttpFixture.ok("ok"))) {
      Cli.Run r = run("probe", server.url("/"), "--requests", "5", "--record", " ");

      assertThat(r.exit()).isEqualTo(2);
      assertThat(r.err()).isEqualTo("rootcause: --record: name the service the probe measures\n");
      assertThat(server.requests()).isZero();
    }
  }
}
