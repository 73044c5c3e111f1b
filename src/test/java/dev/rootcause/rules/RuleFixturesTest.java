package dev.rootcause.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.model.ClusterLocation;
import dev.rootcause.model.Finding;
import dev.rootcause.model.ScanResult;
import dev.rootcause.model.SourceLocation;
import dev.rootcause.testing.ClusterFixtures;
import dev.rootcause.testing.Markers;
import dev.rootcause.testing.Scans;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * One runner for every rule fixture: {@code src/test/resources/rules/<layer>/<rule>/{positive,
 * negative}/<case>/} is scanned with that rule alone; every finding must be marked by an {@code
 * expect:} comment on the line before it, and every marker must be found. Strict both ways. A case
 * holding cluster state is run on that state (see {@link ClusterFixtures}).
 */
class RuleFixturesTest {
  static final Path FIXTURES = Path.of("src/test/resources/rules");

  @TestFactory
  Stream<DynamicTest> everyFixtureCase() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path layer : list(FIXTURES)) {
      for (Path rule : list(layer)) {
        String ruleId = layer.getFileName() + "/" + rule.getFileName();
        for (String polarity : List.of("positive", "negative")) {
          Path dir = rule.resolve(polarity);
          if (!Files.isDirectory(dir)) {
            continue;
          }
          for (Path kase : list(dir)) {
            tests.add(
                DynamicTest.dynamicTest(
                    ruleId + " " + polarity + "/" + kase.getFileName(),
                    () -> check(ruleId, polarity, kase)));
          }
        }
      }
    }
    return tests.stream();
  }

  /** The runner itself is strict: two markers on one line need two findings there, not one. */
  @org.junit.jupiter.api.Test
  void twoMarkersOnOneLineNeedTwoFindings(@org.junit.jupiter.api.io.TempDir Path kase)
      throws IOException {
    Path single = FIXTURES.resolve("k8s/service-selects-nothing/positive/label-value-differs");
    String yaml = Files.readString(single.resolve("gateway.yaml"));
    String twice =
        yaml.replace(
            "# expect: k8s/service-selects-nothing",
            "# expect: k8s/service-selects-nothing\n# expect: k8s/service-selects-nothing");
    Files.writeString(kase.resolve("gateway.yaml"), twice);

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> check("k8s/service-selects-nothing", "positive", kase))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("k8s/service-selects-nothing gateway.yaml:31");
  }

  static void check(String ruleId, String polarity, Path kase) {
    List<Markers.Expected> expected =
        Markers.read(kase).stream().filter(e -> e.ruleId().equals(ruleId)).toList();
    if (polarity.equals("negative")) {
      assertThat(expected).as("negative cases carry no markers").isEmpty();
    } else {
      assertThat(expected).as("a positive case marks at least one finding").isNotEmpty();
    }
    List<Finding> findings;
    if (ClusterFixtures.holdsClusterState(kase)) {
      RuleEngine.Outcome outcome = ClusterFixtures.run(kase, ruleId);
      assertThat(outcome.failures()).as("rule crashed").isEmpty();
      findings = outcome.findings();
    } else {
      ScanResult result = Scans.scan(kase, ruleId);
      assertThat(result.ruleFailures()).as("rule crashed").isEmpty();
      findings = result.findings();
    }
    // Multisets, not sets: two findings expected on one line must be two found.
    Map<String, List<Finding>> actual = new TreeMap<>();
    for (Finding f : findings) {
      // A finding on a cluster object is marked on its line in the dump the case holds.
      SourceLocation at =
          f.primary() instanceof ClusterLocation object
              ? ClusterFixtures.locate(kase, object)
              : null;
      if (at == null) {
        assertThat(f.primary())
            .as("finding has a file location: " + f)
            .isInstanceOf(SourceLocation.class);
        at = (SourceLocation) f.primary();
      }
      actual
          .computeIfAbsent(f.ruleId() + " " + at.path() + ":" + at.line(), k -> new ArrayList<>())
          .add(f);
    }
    Map<String, List<Markers.Expected>> wanted = new TreeMap<>();
    expected.forEach(e -> wanted.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(e));
    assertThat(counts(actual))
        .as(
            "findings of %s in %s (messages: %s)",
            ruleId, kase, findings.stream().map(Finding::message).toList())
        .isEqualTo(counts(wanted));
    wanted.forEach(
        (key, marks) -> {
          List<String> messages =
              new ArrayList<>(actual.get(key).stream().map(Finding::message).toList());
          for (Markers.Expected e : marks) {
            if (e.contains() == null) {
              continue;
            }
            // Each marker's fragment must be in a finding of its own on that line.
            String match =
                messages.stream().filter(m -> m.contains(e.contains())).findFirst().orElse(null);
            assertThat(match)
                .as("%s: a finding containing \"%s\" among %s", key, e.contains(), messages)
                .isNotNull();
            messages.remove(match);
          }
        });
    for (Finding f : findings) {
      assertThat(f.fix()).as("fix of " + f.ruleId()).endsWith(".");
      assertThat(f.symptom()).isNotBlank();
    }
  }

  private static Map<String, Integer> counts(Map<String, ? extends List<?>> byKey) {
    Map<String, Integer> counts = new TreeMap<>();
    byKey.forEach((k, v) -> counts.put(k, v.size()));
    return counts;
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isDirectory).sorted().toList();
    }
  }
}
