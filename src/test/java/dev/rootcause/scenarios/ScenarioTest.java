package dev.rootcause.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.model.Finding;
import dev.rootcause.model.FindingKind;
import dev.rootcause.model.ScanResult;
import dev.rootcause.model.SourceLocation;
import dev.rootcause.report.TextRenderer;
import dev.rootcause.testing.Scans;
import java.io.IOException;
import java.io.StringWriter;
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
 * seed's engineers found (and each further real fault), one per line: {@code rule-id path:line
 * kind}. The scan must report exactly those, each as a root cause or as hardening advice: every
 * root cause, and nothing that is not a fault. The first screen of each shows its root causes
 * before any hardening item.
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
        tests.add(
            DynamicTest.dynamicTest(
                name, () -> check(example, EXPECTED.resolve(name + ".expected"))));
      }
    }
    return tests.stream();
  }

  private static void check(Path example, Path expectedFile) throws IOException {
    assertThat(expectedFile).as("every example has an expectations file").exists();
    List<String> expected =
        Files.readAllLines(expectedFile).stream()
            .map(l -> l.replaceAll("#.*", "").trim())
            .filter(l -> !l.isEmpty())
            .map(l -> String.join(" ", l.split("\\s+")))
            .toList();
    assertThat(expected).as("expectations are unique").doesNotHaveDuplicates();
    ScanResult result = Scans.scan(example);
    assertThat(result.ruleFailures()).isEmpty();
    assertThat(
            result.problems().stream()
                .filter(p -> p.kind() == dev.rootcause.model.CollectionProblem.Kind.SKIPPED))
        .as("every file of a scenario is read")
        .isEmpty();
    Map<String, Finding> actual = new TreeMap<>();
    for (Finding f : result.findings()) {
      SourceLocation at = (SourceLocation) f.primary();
      actual.put(f.ruleId() + " " + at.path() + ":" + at.line() + " " + f.kind().label(), f);
    }
    String report =
        actual.entrySet().stream()
            .map(e -> e.getKey() + "  # " + e.getValue().message())
            .collect(Collectors.joining("\n"));
    assertThat(actual.keySet())
        .as("findings on %s:%n%s", example, report)
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  @TestFactory
  Stream<DynamicTest> firstScreenShowsRootCausesBeforeHardening() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(EXAMPLES)) {
      for (Path example : dirs.filter(Files::isDirectory).sorted().toList()) {
        tests.add(
            DynamicTest.dynamicTest(
                example.getFileName().toString(), () -> checkFirstScreen(example)));
      }
    }
    return tests.stream();
  }

  /**
   * Every root cause is printed in full, each before the hardening line; hardening findings are
   * only counted there, per rule, and never printed in full without --all.
   */
  private static void checkFirstScreen(Path example) throws IOException {
    ScanResult result = Scans.scan(example);
    StringWriter text = new StringWriter();
    new TextRenderer(false, false).render(result, text);
    List<String> lines = text.toString().lines().toList();
    int hardeningLine = lines.size();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("Hardening:")) {
        hardeningLine = i;
        break;
      }
    }
    List<Finding> hardening =
        result.findings().stream().filter(f -> f.kind() == FindingKind.HARDENING).toList();
    assertThat(hardeningLine < lines.size())
        .as("a hardening line on %s", example)
        .isEqualTo(!hardening.isEmpty());
    List<String> screen = lines.subList(0, hardeningLine);
    for (Finding f : result.findings()) {
      String at = "    at        " + f.primary().display();
      boolean shown =
          screen.stream().anyMatch(l -> l.equals(at))
              && screen.stream().anyMatch(l -> l.contains("  " + f.ruleId() + "  "));
      if (f.rootCause()) {
        assertThat(shown)
            .as("root cause %s at %s before the hardening line", f.ruleId(), f.primary().display())
            .isTrue();
      } else {
        assertThat(screen)
            .as("hardening is not listed in full")
            .noneMatch(l -> l.contains("  " + f.ruleId() + "  "));
        assertThat(lines.get(hardeningLine)).contains(f.ruleId());
      }
    }
  }
}
