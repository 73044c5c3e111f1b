package dev.rootcause.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rootcause.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The incident, slo, budget and report commands end to end, on a store in a temp directory. */
class IncidentCommandTest {
  @TempDir Path dir;
  private String store;

  @BeforeEach
  void setUp() {
    store = dir.resolve("rootcause.db").toString();
  }

  private Cli.Run run(String... args) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 2);
    all[args.length] = "--store";
    all[args.length + 1] = store;
    return Cli.run(all);
  }

  private String open() {
    Cli.Run r =
        run(
            "incident",
            "open",
            "--title",
            "checkout returns 502",
            "--severity",
            "SEV2",
            "--service",
            "checkout",
            "--service",
            "payments",
            "--at",
            "2025-06-12T14:04:00Z");
    assertThat(r.exit()).as(r.err()).isZero();
    return r.out().trim();
  }

  @Test
  void openPrintsTheNewIdAndShowReadsItBackAsJson() throws Exception {
    String id = open();
    assertThat(id).isEqualTo("INC-2025-001");
    assertThat(
            run(
                    "incident",
                    "note",
                    id,
                    "502s from the gateway since 14:02",
                    "--at",
                    "2025-06-12T14:05:00Z")
                .out())
        .startsWith("added a note to INC-2025-001 at 2025-06-12 14:05 UTC (store: jdbc:sqlite:");

    Cli.Run shown = run("incident", "show", id, "--format", "json");
    JsonNode json = new ObjectMapper().readTree(shown.out());
    assertThat(json.path("title").asText()).isEqualTo("checkout returns 502");
    assertThat(json.path("services").toString()).isEqualTo("[\"checkout\",\"payments\"]");
    assertThat(json.path("timeline").get(1).path("text").asText())
        .isEqualTo("502s from the gateway since 14:02");
    assertThat(run("incident", "show", id).out())
        .contains("severity  SEV2", "status    investigating");
  }

  @Test
  void listOpenLeavesOutResolvedIncidents() {
    String first = open();
    String second = open();
    run("incident", "status", first, "resolved", "--at", "2025-06-12T14:10:00Z");

    assertThat(run("incident", "list").out()).contains(first, second);
    assertThat(run("incident", "list", "--open").out()).contains(second).doesNotContain(first);
  }

  @Test
  void writesSayWhatTheyWroteAsJsonForAScript() throws Exception {
    Cli.Run opened =
        run(
            "incident",
            "open",
            "--title",
            "checkout returns 502",
            "--severity",
            "SEV2",
            "--service",
            "checkout",
            "--format",
            "json");
    JsonNode json = new ObjectMapper().readTree(opened.out());
    assertThat(json.path("id").asText())
        .isEqualTo("INC-" + java.time.Year.now(java.time.ZoneOffset.UTC) + "-001");
    assertThat(json.path("written").asBoolean()).isTrue();

    JsonNode dry =
        new ObjectMapper()
            .readTree(
                run(
                        "incident",
                        "status",
                        json.path("id").asText(),
                        "resolved",
                        "--dry-run",
                        "--format",
                        "json")
                    .out());
    assertThat(dry.path("written").asBoolean()).isFalse();
    assertThat(dry.path("message").asText())
        .startsWith("moved " + json.path("id").asText() + " to resolved at ");
  }

  @Test
  void anUnknownIdIsOneLineExitTwoAndWritesNothing() {
    String id = open();
    String before = run("incident", "show", id, "--format", "json").out();

    Cli.Run r = run("incident", "note", "INC-2025-999", "wrong incident");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err().lines())
        .singleElement()
        .asString()
        .startsWith("rootcause: no incident INC-2025-999 in jdbc:sqlite:")
        .endsWith("nothing was written");
    assertThat(run("incident", "show", id, "--format", "json").out()).isEqualTo(before);
  }

  @Test
  void anInvalidTimeIsOneLineExitTwoAndWritesNothing() {
    String id = open();
    String before = run("incident", "show", id, "--format", "json").out();

    Cli.Run r = run("incident", "status", id, "resolved", "--at", "yesterday");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "rootcause: --at: 'yesterday' is not a time (try"
                + " 2025-03-04T10:15:00Z, or -15m for 15 minutes ago)\n");
    assertThat(run("incident", "show", id, "--format", "json").out()).isEqualTo(before);
  }

  @Test
  void aDryRunSaysWhatItWouldWriteAndWritesNothing() {
    String id = open();

    Cli.Run r = run("incident", "status", id, "resolved", "--dry-run");

    assertThat(r.out())
        .startsWith("dry run: would have moved INC-2025-001 to resolved at ")
        .endsWith("; nothing was written\n");
    assertThat(run("incident", "show", id).out()).contains("status    investigating");
  }

  @Test
  void aStoreThatIsNotADatabaseIsOneLineExitTwoAndLeftAsItWas() throws Exception {
    Path notes = dir.resolve("handover.md");
    Files.writeString(notes, "# On-call handover\n\n- checkout flaky overnight\n".repeat(30));
    byte[] before = Files.readAllBytes(notes);
    store = notes.toString();

    Cli.Run r = run("incident", "list");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err().lines())
        .singleElement()
        .asString()
        .contains(notes + " is not a rootcause store");
    assertThat(Files.readAllBytes(notes)).isEqualTo(before);
  }

  @Test
  void theBudgetChargesAResolvedIncidentAndFlagsItForAPostmortem() {
    assertThat(
            run("slo", "set", "url-shortener", "--allowed-downtime", "20m", "--window", "1y").out())
        .startsWith(
            "set the SLO of url-shortener: 20m downtime over 1y, an error budget"
                + " of 20m (store: ");
    String id =
        run(
                "incident",
                "open",
                "--title",
                "500 after v2",
                "--severity",
                "SEV2",
                "--service",
                "url-shortener",
                "--at",
                "-30m")
            .out()
            .trim();
    run("incident", "impact", id, "--impact-start", "-30m", "--impact-end", "-24m");
    run("incident", "status", id, "resolved", "--at", "-24m");

    Cli.Run r = run("budget", "url-shortener");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains(
            "consumed   6m (30.0% used)",
            "remaining  14m",
            "SLA        met",
            id + "  6m  30.0% of the budget  needs a postmortem (over 20% of the budget)");
  }

  @Test
  void badSlosAndServicesWithoutOneAreExitTwo() {
    Cli.Run bad = run("slo", "set", "checkout", "--availability", "101%", "--window", "30d");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("--availability: '101%' is not a percentage");

    Cli.Run none = run("budget", "checkout");
    assertThat(none.exit()).isEqualTo(2);
    assertThat(none.err()).contains("no SLO for checkout");
  }

  @Test
  void aReportNeedsEvidenceAndGoesToTheOutputFile() throws Exception {
    String id = open();
    Cli.Run empty = run("report", id);
    assertThat(empty.exit()).isEqualTo(2);
    assertThat(empty.err()).contains(id + " has no evidence to report from");

    run("incident", "note", id, "gateway times out on payments", "--at", "2025-06-12T14:06:00Z");
    Path out = dir.resolve("postmortem.md");
    Cli.Run r = run("report", id, "--output", out.toString());

    assertThat(r.out()).isEqualTo("wrote the postmortem of " + id + " to " + out + "\n");
    assertThat(Files.readString(out))
        .startsWith("# Postmortem: INC-2025-001: checkout returns 502");
  }
}
