package dev.rootcause.rules;

import dev.rootcause.model.ScanResult;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.model.ClusterLocation;
import dev.rootcause.model.Finding;
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
 * expect:} comment on the line before it, and every marker must be found. Strict both ways. A
 * case holding cluster state is run on that state (see {@link ClusterFixtures}).
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
            tests.add(DynamicTest.dynamicTest(ruleId + " " + polarity + "/" + kase.getFileName(),
                () -> check(ruleId, polarity, kase)));
          }
        }
      }
    }
    return tests.stream();
  }

  static void check(String ruleId, String polarity, Path kase) {
    List<Markers.Expected> expected = Markers.read(kase).stream()
        .filter(e -> e.ruleId().equals(ruleId)).toList();
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
    Map<String, Finding> actual = new TreeMap<>();
    for (Finding f : findings) {
      // A finding on a cluster object is marked on its line in the dump the case holds.
      SourceLocation at = f.primary() instanceof ClusterLocation object
          ? ClusterFixtures.locate(kase, object) : null;
      if (at == null) {
        assertThat(f.primary()).as("finding has a file location: " + f).isInstanceOf(SourceLocation.class);
        at = (SourceLocation) f.primary();
      }
      actual.put(f.ruleId() + " " + at.path() + ":" + at.line(), f);
    }
    Map<String, Markers.Expected> wanted = new TreeMap<>();
    expected.forEach(e -> wanted.put(e.key(), e));
    assertThat(actual.keySet())
        .as("findings of %s in %s (messages: %s)", ruleId, kase, actual.values().stream().map(Finding::message).toList())
        .containsExactlyInAnyOrderElementsOf(wanted.keySet());
    for (Markers.Expected e : expected) {
      if (e.contains() != null) {
        assertThat(actual.get(e.key()).message()).as(e.key()).contains(e.contains());
      }
    }
    for (Finding f : findings) {
      assertThat(f.fix()).as("fix of " + f.ruleId()).endsWith(".");
      assertThat(f.symptom()).isNotBlank();
    }
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isDirectory).sorted().toList();
    }
  }
}
