package dev.rootcause;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The layers of docs/architecture.md: cli on top; report and pipeline below it; rules over the
 * model; collect beside rules, producing the model. The model does no I/O; rules touch no files.
 */
class ArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.rootcause");

  @Test
  void modelDependsOnNothingOfOurs() {
    noClasses()
        .that()
        .resideInAPackage("dev.rootcause.model..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.rootcause.collect..",
            "dev.rootcause.rules..",
            "dev.rootcause.report..",
            "dev.rootcause.cli..",
            "dev.rootcause.pipeline..")
        .check(CLASSES);
  }

  @Test
  void modelDoesNoIo() {
    noClasses()
        .that()
        .resideInAPackage("dev.rootcause.model..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("java.nio.file..", "java.net..", "java.sql..")
        .check(CLASSES);
  }

  @Test
  void rulesNeverReadTheOutsideWorld() {
    noClasses()
        .that()
        .resideInAPackage("dev.rootcause.rules..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.rootcause.collect..",
            "dev.rootcause.report..",
            "dev.rootcause.cli..",
            "dev.rootcause.pipeline..",
            "java.nio.file..",
            "java.net..",
            "java.sql..",
            "org.treesitter..",
            "org.snakeyaml..")
        .check(CLASSES);
  }

  @Test
  void collectorsKnowNothingOfRulesOrReports() {
    noClasses()
        .that()
        .resideInAPackage("dev.rootcause.collect..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.rootcause.rules..",
            "dev.rootcause.report..",
            "dev.rootcause.cli..",
            "dev.rootcause.pipeline..")
        .check(CLASSES);
  }

  @Test
  void reportsOnlyFormat() {
    noClasses()
        .that()
        .resideInAPackage("dev.rootcause.report..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.rootcause.collect..", "dev.rootcause.cli..", "dev.rootcause.pipeline..")
        .check(CLASSES);
  }

  @Test
  void theCliReachesTheWorldOnlyThroughUseCases() {
    // Commands parse options, call pipeline, render: no collector, reader or load generator.
    noClasses()
        .that()
        .resideInAPackage("dev.rootcause.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.rootcause.collect..")
        .check(CLASSES);
  }

  @Test
  void theWebLayerReachesTheWorldOnlyThroughUseCases() {
    // serve sits beside cli, above pipeline: pages call the same use cases as commands.
    noClasses()
        .that()
        .resideInAPackage("dev.rootcause.serve..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.rootcause.collect..", "dev.rootcause.cli..")
        .check(CLASSES);
  }

  @Test
  void onlyTheCliUsesTheWebLayer() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "dev.rootcause.model..",
            "dev.rootcause.rules..",
            "dev.rootcause.collect..",
            "dev.rootcause.report..",
            "dev.rootcause.pipeline..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.rootcause.serve..")
        .check(CLASSES);
  }

  @Test
  void noCommandLooksUpMethodsByReflection() {
    noClasses()
        .that()
        .resideInAPackage("dev.rootcause.cli..")
        .should()
        .callMethod(Class.class, "getMethod", String.class, Class[].class)
        .check(CLASSES);
  }

  @Test
  void rulesAskTheModelAndTokenizeNothing() {
    // Shell, code and config text are parsed once by collectors; a rule reads facts, not text.
    noClasses()
        .that()
        .resideInAPackage("dev.rootcause.rules..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("java.util.regex..")
        .orShould()
        .callMethod(String.class, "matches", String.class)
        .orShould()
        .callMethod(String.class, "replaceAll", String.class, String.class)
        .orShould()
        .callMethod(String.class, "split", String.class)
        .check(CLASSES);
  }

  @Test
  void theModelJudgesNothingAboutAClusterAndMakesNoFindings() {
    // Findings are made by rules through RuleContext; the model only answers questions.
    noClasses()
        .that()
        .resideInAPackage("dev.rootcause.model..")
        .and()
        .doNotHaveSimpleName("Finding")
        .should()
        .callConstructorWhere(
            com.tngtech.archunit.core.domain.JavaConstructorCall.Predicates.target(
                com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner(
                    com.tngtech.archunit.base.DescribedPredicate.describe(
                        "Finding", c -> c.getName().equals("dev.rootcause.model.Finding")))))
        .check(CLASSES);
  }

  @Test
  void noMainSourceFileIsOverAThousandLines() throws java.io.IOException {
    // A class that long does several jobs; split it by job before it grows further.
    try (java.util.stream.Stream<java.nio.file.Path> files =
        java.nio.file.Files.walk(java.nio.file.Path.of("src/main/java"))) {
      java.util.List<String> tooLong =
          files
              .filter(p -> p.toString().endsWith(".java"))
              .filter(p -> lines(p) > 1000)
              .map(p -> p + " (" + lines(p) + " lines)")
              .toList();
      org.assertj.core.api.Assertions.assertThat(tooLong).isEmpty();
    }
  }

  private static long lines(java.nio.file.Path file) {
    try (java.util.stream.Stream<String> lines = java.nio.file.Files.lines(file)) {
      return lines.count();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void onlyMainExits() {
    noClasses()
        .that()
        .doNotHaveFullyQualifiedName("dev.rootcause.cli.Main")
        .should()
        .callMethod(System.class, "exit", int.class)
        .check(CLASSES);
  }
}
