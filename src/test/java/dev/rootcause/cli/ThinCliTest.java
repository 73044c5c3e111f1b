package dev.rootcause.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The commands reach the outside world only through the use cases in {@code pipeline}: no command
 * opens a collector or a load generator itself. {@code VerifyCommand} still opens cluster readers
 * until the {@code Verifier} use case takes that over.
 */
class ThinCliTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.rootcause.cli");

  @Test
  void commandsImportNoCollector() {
    noClasses()
        .that()
        .resideInAPackage("dev.rootcause.cli..")
        .and()
        .doNotHaveSimpleName("VerifyCommand")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.rootcause.collect..")
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
}
