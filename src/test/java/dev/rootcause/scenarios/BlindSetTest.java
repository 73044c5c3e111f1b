package dev.rootcause.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.model.Evidence;
import dev.rootcause.model.Finding;
import dev.rootcause.model.ScanResult;
import dev.rootcause.model.Severity;
import dev.rootcause.model.SourceLocation;
import dev.rootcause.testing.Scans;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The blind sets ({@code src/test/resources/blind} and {@code blind-2}, the second written after
 * fixes were made against the first, to measure whether they generalize): systems written as other
 * teams would write them, each with an {@code EXPECTED.md} of planted faults and traps. Every fault
 * must be found by one of its rules at one of its locations, and no medium-or-worse finding may
 * point at a trap. Faults listed under "Not found yet" are reported as skipped, with their reason,
 * never passed.
 */
class BlindSetTest {
  private static final List<Path> BLIND_SETS =
      List.of(Path.of("src/test/resources/blind"), Path.of("src/test/resources/blind-2"));

  @TestFactory
  Stream<DynamicNode> everyBlindSystem() throws IOException {
    List<DynamicNode> sets = new ArrayList<>();
    for (Path set : BLIND_SETS) {
      List<DynamicNode> systems = new ArrayList<>();
      try (Stream<Path> dirs = Files.list(set)) {
        for (Path system : dirs.filter(Files::isDirectory).sorted().toList()) {
          systems.add(container(system));
        }
      }
      sets.add(DynamicContainer.dynamicContainer(set.getFileName().toString(), systems));
    }
    return sets.stream();
  }

  private static DynamicContainer container(Path system) throws IOException {
    Expected expected = Expected.read(system.resolve("EXPECTED.md"));
    ScanResult[] result = new ScanResult[1];
    List<DynamicTest> tests = new ArrayList<>();
    tests.add(
        DynamicTest.dynamicTest(
            "scans without rule failures",
            () -> assertThat(scan(system, result).ruleFailures()).isEmpty()));
    for (Expected.Entry fault : expected.faults()) {
      tests.add(
          DynamicTest.dynamicTest(
              "finds " + fault.label(),
              () ->
                  assertThat(found(scan(system, result), fault))
                      .as("%s in %s; findings:%n%s", fault.label(), system, listing(result[0]))
                      .isTrue()));
    }
    for (Expected.Entry missing : expected.notFoundYet()) {
      tests.add(
          DynamicTest.dynamicTest(
              "not found yet: " + missing.label(),
              () ->
                  Assumptions.abort(
                      "not found yet (" + missing.reason() + "): " + missing.label())));
    }
    for (Expected.Entry trap : expected.traps()) {
      tests.add(
          DynamicTest.dynamicTest(
              "stays quiet on trap " + trap.label(),
              () ->
                  assertThat(
                          scan(system, result).findings().stream()
                              .filter(f -> f.severity().atLeast(Severity.MEDIUM))
                              .filter(f -> trap.locations().contains(at(f)))
                              .map(BlindSetTest::line)
                              .toList())
                      .as("trap %s in %s: %s", trap.label(), system, trap.reason())
                      .isEmpty()));
    }
    return DynamicContainer.dynamicContainer(system.getFileName().toString(), tests);
  }

  private static ScanResult scan(Path system, ScanResult[] cache) {
    if (cache[0] == null) {
      cache[0] = Scans.scan(system);
    }
    return cache[0];
  }

  /** One of the fault's rules reports one of its locations, as the place to fix or as evidence. */
  static boolean found(ScanResult result, Expected.Entry fault) {
    for (Finding f : result.findings()) {
      if (!fault.rules().contains(f.ruleId())) {
        continue;
      }
      if (fault.locations().contains(at(f))) {
        return true;
      }
      for (Evidence e : f.related()) {
        if (e.location() instanceof SourceLocation s
            && fault.locations().contains(s.path() + ":" + s.line())) {
          return true;
        }
      }
    }
    return false;
  }

  private static String at(Finding f) {
    return f.primary() instanceof SourceLocation s ? s.path() + ":" + s.line() : "";
  }

  private static String line(Finding f) {
    return f.severity().label() + " " + f.ruleId() + " " + at(f) + "  # " + f.message();
  }

  private static String listing(ScanResult result) {
    return result == null
        ? "(no scan)"
        : result.findings().stream().map(BlindSetTest::line).collect(Collectors.joining("\n"));
  }
}
