package dev.rootcause.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input to the incident commands: each is one line naming what is wrong, exit 2, and the store
 * as it was (its incidents and SLOs read back the same, or its file's bytes unchanged).
 */
class IncidentBadInputTest {
  @TempDir Path dir;
  private Path db;
  private String id;

  @BeforeEach
  void aStoreWithOneIncidentAndOneSlo() {
    db = dir.resolve("rootcause.db");
    id =
        run(
                "incident",
                "open",
                "--title",
                "checkout 502",
                "--severity",
                "SEV2",
                "--service",
                "checkout",
                "--at",
                "2025-06-12T14:04:00Z")
            .out()
            .trim();
    run("slo", "set", "checkout", "--availability", "99.9%", "--window", "30d");
    run("incident", "note", id, "502s from the gateway", "--at", "2025-06-12T14:05:00Z");
  }

  private Cli.Run run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--store");
    all.add(db.toString());
    return Cli.run(all.toArray(String[]::new));
  }

  private String state() {
    return run("incident", "show", id, "--format", "json").out()
        + run("budget", "--format", "json").out();
  }

  /** Runs the command and checks it is one line on stderr, exit 2, and changed nothing. */
  private String refused(String... args) {
    String before = state();
    Cli.Run r = run(args);
    assertThat(r.exit()).as(r.err()).isEqualTo(2);
    assertThat(r.err().lines()).singleElement().asString().startsWith("rootcause: ");
    assertThat(state()).isEqualTo(before);
    return r.err();
  }

  @Test
  void anUnknownIdOnEveryCommandThatTakesOne() {
    assertThat(refused("incident", "status", "INC-2025-404", "resolved"))
        .contains("no incident INC-2025-404");
    assertThat(refused("incident", "impact", "INC-2025-404", "--impact-start", "-10m"))
        .contains("no incident INC-2025-404");
    assertThat(refused("report", "INC-2025-404")).contains("no incident INC-2025-404");
    assertThat(refused("incident", "show", "INC-2025-404")).contains("no incident INC-2025-404");
  }

  @Test
  void anInvalidDurationNamesItsOption() {
    assertThat(refused("slo", "set", "checkout", "--availability", "99%", "--window", "3x"))
        .contains("--window: '3x' is not a duration (try 20m, 6h, 30d or 1y)");
    assertThat(refused("slo", "set", "checkout", "--allowed-downtime", "ten", "--window", "1y"))
        .contains("--allowed-downtime: 'ten' is not a duration");
  }

  @Test
  void anInvalidSloSaysWhatAValidOneLooksLike() {
    assertThat(refused("slo", "set", "checkout", "--latency", "p95>2s", "--window", "30d"))
        .contains("--latency: 'p95>2s' is not a latency objective (try \"p95<2s\"");
    assertThat(refused("slo", "set", "checkout", "--latency", "success>=99%", "--window", "30d"))
        .contains("is not a latency objective");
    assertThat(
            refused(
                "slo",
                "set",
                "checkout",
                "--availability",
                "99.9%",
                "--latency",
                "p95<2s",
                "--window",
                "30d"))
        .contains("give one of --availability (99.9%), --allowed-downtime (20m) or --latency");
  }

  @Test
  void anInvalidTimeOrAnEmptyImpactWindow() {
    assertThat(refused("incident", "impact", id, "--impact-start", "yesterday"))
        .contains("--impact-start: 'yesterday' is not a time");
    assertThat(refused("incident", "impact", id)).contains("give --impact-start, --impact-end");
    assertThat(refused("incident", "impact", id, "--impact-start", "-5m", "--impact-end", "-10m"))
        .contains("--impact-end is before --impact-start");
  }

  @Test
  void aReportOfAnIncidentWithNoEvidence() {
    String bare =
        run("incident", "open", "--title", "quiet", "--severity", "SEV4", "--service", "x")
            .out()
            .trim();
    assertThat(refused("report", bare, "--format", "html"))
        .contains(bare + " has no evidence to report from");
  }

  @Test
  void aStoreFromANewerSchemaIsRefusedWithItsBytesUnchanged() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "INSERT INTO flyway_schema_history (installed_rank, version, description, type,"
              + " script, checksum, installed_by, execution_time, success) VALUES (99, '99',"
              + " 'from the future', 'SQL', 'V99__from_the_future.sql', 0, 'test', 1, 1)");
    }
    byte[] before = Files.readAllBytes(db);

    Cli.Run r = run("incident", "note", id, "late note");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err().lines())
        .singleElement()
        .asString()
        .contains("has schema version 99, newer than this rootcause knows");
    assertThat(Files.readAllBytes(db)).isEqualTo(before);
  }

  @Test
  void theImpactWindowIsWrittenToTheTimeline() {
    Cli.Run r =
        run(
            "incident",
            "impact",
            id,
            "--impact-start",
            "2025-06-12T14:02:00Z",
            "--impact-end",
            "2025-06-12T14:08:00Z");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .startsWith(
            "set the impact window of "
                + id
                + ": Impact window set: from 2025-06-12T14:02:00Z to 2025-06-12T14:08:00Z (6m)");
    assertThat(run("incident", "show", id).out())
        .contains("Impact window set: from 2025-06-12T14:02:00Z to 2025-06-12T14:08:00Z (6m)");
  }
}
