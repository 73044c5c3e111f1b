package dev.rootcause.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.model.Finding;
import dev.rootcause.model.SourceLocation;
import dev.rootcause.model.ScanResult;
import dev.rootcause.testing.Scans;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Each seed's broken system, rebuilt as a realistic repository under {@code examples/}, is scanned
 * with every rule. {@code src/test/resources/scenarios/<example>.expected} lists each finding the
 * seed's engineers found (and each further real fault), one per line: {@code rule-id path:line}.
 * The scan must report exactly those: every root cause, and nothing that is not a fault.
 */
class ScenarioTest {
  private static final Path EXAMPLES = Path.of("examples");
  private static final Path EXPECTED = Path.of("src/test/resources/scenarios");

  @TestFactory
  Stream<DynamicTest> everyExample() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(EXAMPLES)) {
      for (Path example : dirs.filter(Files::isDirectory).sorted().toList()) {
        String name = example.getFileName().toString();
        tests.add(DynamicTest.dynamicTest(name, () -> check(example, EXPECTED.resolve(name + ".expected"))));
      }
    }
    return tests.stream();
  }

  private static void check(Path example, Path expectedFile) throws IOException {
    assertThat(expectedFile).as("every example has an expectations file").exists();
    List<String> expected = Files.readAllLines(expectedFile).stream()
        .map(l -> l.replaceAll("#.*", "").trim())
        .filter(l -> !l.isEmpty())
        .map(l -> String.join(" ", l.split("\\s+")))
        .toList();
    assertThat(expected).as("expectations are unique").doesNotHaveDuplicates();
    ScanResult result = Scans.scan(example);
    assertThat(result.ruleFailures()).isEmpty();
    assertThat(result.problems().stream()
            .filter(p -> p.kind() == dev.rootcause.model.CollectionProblem.Kind.SKIPPED))
        .as("every file of a scenario is read").isEmpty();
    Map<String, Finding> actual = new TreeMap<>();
    for (Finding f : result.findings()) {
      SourceLocation at = (SourceLocation) f.primary();
      actual.put(f.ruleId() + " " + at.path() + ":" + at.line(), f);
    }
    String report = actual.entrySet().stream()
        .map(e -> e.getKey() + "  # " + e.getValue().message())
        .collect(Collectors.joining("\n"));
    assertThat(actual.keySet()).as("findings on %s:%n%s", example, report)
        .containsExactlyInAnyOrderElementsOf(expected);
  }
}
