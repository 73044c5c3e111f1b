package dev.rootcause.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.collect.cluster.DumpShapesTest;
import dev.rootcause.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A container the runtime could not start is diagnosed from its status message, and that message is
 * redacted like a log line: a command written as one string ({@code command: ["/app/fx-rates
 * --db=postgres://ledger:pw@..."]}) puts its credentials into containerd's message.
 */
class DiagnoseStartErrorTest {
  private static final String SECRET = "S3cr3t-ledger-pw";
  private static final String AS_OF = "2025-06-03T14:20:00Z";

  @ParameterizedTest
  @ValueSource(strings = {"text", "json", "markdown", "sarif"})
  void theRuntimesMessageNamesTheEntrypointAndNoOutputHoldsItsCredentials(
      String format, @TempDir Path dir) throws Exception {
    Path source = dir.resolve("source");
    DumpShapesTest.copyTree(BlindDiagnoseTest.ROOT.resolve("containerd-ip-logs"), source);
    Path state = source.resolve("state.yaml");
    String command = "/app/fx-rates --db=postgres://ledger:" + SECRET + "@10.100.0.12:5432/ledger";
    Files.writeString(
        state,
        Files.readString(state)
            .replace(
                "exec: \"/app/fx-rates\": stat /app/fx-rates:",
                "exec: \"" + command + "\": stat " + command + ":"));
    assertThat(Files.readString(state)).contains(SECRET);
    Path saved = dir.resolve("saved");

    Cli.Run run =
        Cli.run(
            "diagnose",
            "--dump",
            source.toString(),
            "-A",
            "--as-of",
            AS_OF,
            "--format",
            format,
            "--save-dump",
            saved.toString());

    assertThat(run.exit()).as(run.err()).isEqualTo(1);
    assertThat(run.out()).contains("/app/fx-rates --db=postgres://ledger:").doesNotContain(SECRET);
    assertThat(run.err()).doesNotContain(SECRET);
    StringBuilder everything = new StringBuilder();
    try (Stream<Path> files = Files.walk(saved)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        everything.append(Files.readString(f));
      }
    }
    assertThat(everything.toString()).contains("StartError").doesNotContain(SECRET);
  }
}
