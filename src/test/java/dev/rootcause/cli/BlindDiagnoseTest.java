package dev.rootcause.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rootcause.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code rootcause diagnose} on the blind set: cluster states written the way other teams' clusters
 * look (their runtimes, log libraries and kubectl habits), each with an EXPECTED.md whose
 * "Expected" rows must be found (the rule, on the object, saying the cause) and whose "Decoys" must
 * raise nothing at medium or above. Rows under "Not found yet" are skipped, by name, with a reason.
 */
class BlindDiagnoseTest {
  static final Path ROOT = Path.of("src/test/resources/diagnose/blind");
  private static final Set<String> MEDIUM_OR_ABOVE = Set.of("medium", "high", "critical");

  static Stream<String> states() throws IOException {
    try (Stream<Path> s = Files.list(ROOT)) {
      return s
          .filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .sorted()
          .toList()
          .stream();
    }
  }

  /** One row of an EXPECTED.md table, split at its pipes. */
  private static List<List<String>> rows(String expected, String section) {
    List<List<String>> out = new ArrayList<>();
    boolean in = false;
    for (String line : expected.split("\n")) {
      if (line.startsWith("## ")) {
        in = line.substring(3).strip().equals(section);
      } else if (in && line.startsWith("| ") && !line.startsWith("|---")) {
        List<String> cells = new ArrayList<>();
        for (String c : line.strip().substring(1, line.strip().length() - 1).split("\\|")) {
          cells.add(c.strip());
        }
        if (!cells.get(0).equals("rule") && !cells.get(0).equals("subject")) {
          out.add(cells);
        }
      }
    }
    return out;
  }

  private static JsonNode findings(String state) throws Exception {
    Path dir = ROOT.resolve(state);
    Cli.Run run =
        Cli.run(
            "diagnose",
            "--dump",
            dir.toString(),
            "-A",
            "--as-of",
            Files.readString(dir.resolve("as-of")).strip(),
            "--format",
            "json");
    assertThat(run.exit()).as(run.err()).isIn(0, 1);
    return new ObjectMapper().readTree(run.out()).path("findings");
  }

  /** Whether a finding is the rule's, or carries it as a symptom the join merged into it. */
  private static boolean ofRule(JsonNode f, String rule) {
    if (f.path("ruleId").asText().equals(rule)) {
      return true;
    }
    for (JsonNode r : f.path("related")) {
      if (r.path("note").asText().equals(rule + " observed here")) {
        return true;
      }
    }
    return false;
  }

  private static String said(JsonNode f) {
    // A symptom joined to its cause is told as the merged finding's symptom.
    StringBuilder b =
        new StringBuilder(f.path("message").asText())
            .append('\n')
            .append(f.path("symptom").asText());
    f.path("related").forEach(r -> b.append('\n').append(r.path("note").asText()));
    return b.toString().toLowerCase(java.util.Locale.ROOT);
  }

  @ParameterizedTest
  @MethodSource("states")
  void namesEachExpectedCauseAndStaysQuietOnItsDecoys(String state) throws Exception {
    String expected = Files.readString(ROOT.resolve(state).resolve("EXPECTED.md"));
    JsonNode findings = findings(state);
    List<List<String>> pairs = rows(expected, "Expected");
    assertThat(pairs).as(state + ": EXPECTED.md lists its expected causes").isNotEmpty();
    for (List<String> pair : pairs) {
      String rule = pair.get(0);
      String subject = pair.get(1);
      String says = pair.get(2).toLowerCase(java.util.Locale.ROOT);
      boolean found = false;
      for (JsonNode f : findings) {
        found |=
            ofRule(f, rule)
                && f.path("subject").asText().startsWith(subject)
                && said(f).contains(says);
      }
      assertThat(found)
          .as("%s: %s on %s saying %s, in %s", state, rule, subject, says, findings)
          .isTrue();
    }
    for (List<String> decoy : rows(expected, "Decoys")) {
      for (JsonNode f : findings) {
        if (f.path("subject").asText().startsWith(decoy.get(0))) {
          assertThat(f.path("severity").asText())
              .as("%s: decoy %s (%s) raised %s", state, decoy.get(0), decoy.get(1), f)
              .isNotIn(MEDIUM_OR_ABOVE);
        }
      }
    }
  }
}
