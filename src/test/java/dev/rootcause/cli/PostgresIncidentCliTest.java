package dev.rootcause.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.testing.Cli;
import dev.rootcause.testing.HttpFixture;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A team's shared store: the CLI on a real PostgreSQL through its JDBC URL, with the driver and
 * Flyway's PostgreSQL support the jar ships (main scope, not test scope).
 */
class PostgresIncidentCliTest {
  private static EmbeddedPostgres postgres;
  private static String url;

  @BeforeAll
  static void start() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    url = postgres.getJdbcUrl("postgres", "postgres");
  }

  @AfterAll
  static void stop() throws Exception {
    postgres.close();
  }

  private static Cli.Run run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--store");
    all.add(url);
    Cli.Run r = Cli.run(all.toArray(String[]::new));
    return r;
  }

  @Test
  void anIncidentIsKeptProbedBudgetedAndReportedOnPostgres() throws Exception {
    assertThat(run("slo", "set", "checkout", "--allowed-downtime", "20m", "--window", "1y").exit())
        .isZero();
    // Absolute times: each command would resolve a relative one against its own "now".
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String id =
        run(
                "incident",
                "open",
                "--title",
                "checkout 500",
                "--severity",
                "SEV1",
                "--service",
                "checkout",
                "--at",
                now.minusSeconds(600).toString(),
                "--impact-start",
                now.minusSeconds(720).toString())
            .out()
            .trim();
    assertThat(id).matches("INC-\\d{4}-001");
    try (HttpFixture broken = HttpFixture.start().on("/", HttpFixture.brokenRelease())) {
      Cli.Run probe =
          run(
              "probe",
              broken.url("/"),
              "--requests",
              "10",
              "--concurrency",
              "1",
              "--incident",
              id,
              "--record",
              "checkout",
              "--incident-at",
              now.minusSeconds(540).toString());
      assertThat(probe.err()).contains("attached 1 probe measurement(s) and 1 timeline entry");
    }
    assertThat(
            run("incident", "status", id, "resolved", "--at", now.minusSeconds(360).toString())
                .exit())
        .isZero();

    Cli.Run budget = run("budget", "checkout");
    Cli.Run report = run("report", id, "--format", "html");

    assertThat(budget.exit()).as(budget.err()).isZero();
    // 6 minutes of impact, every measured request bad: 6m of the 20m budget.
    assertThat(budget.out()).contains("consumed   6m (30.0% used)", "needs a postmortem");
    assertThat(report.exit()).as(report.err()).isZero();
    assertThat(report.out()).contains("<h2>Impact</h2>", "First failing probe: ");
    assertThat(run("incident", "note", "INC-1999-001", "x").err())
        .contains("no incident INC-1999-001 in jdbc:postgresql:");
  }
}
