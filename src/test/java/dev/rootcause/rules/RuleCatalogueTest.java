package dev.rootcause.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.model.Layer;
import dev.rootcause.model.RuleInfo;
import dev.rootcause.model.app.AppFacts;
import dev.rootcause.pipeline.BuiltInRules;
import dev.rootcause.report.RuleCatalogue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The catalogue is well formed, complete, documented, tested, and its generated docs are fresh. */
class RuleCatalogueTest {
  private final List<RuleInfo> rules = BuiltInRules.all().stream().map(Rule::info).toList();

  @Test
  void registryIsSortedByIdWithoutDuplicates() {
    List<String> ids = rules.stream().map(RuleInfo::id).toList();
    assertThat(ids).doesNotHaveDuplicates().isSorted();
  }

  @Test
  void everyRuleSpecClassIsRegistered() throws IOException {
    Path sources = Path.of("src/main/java/dev/rootcause/rules");
    Set<String> annotated;
    try (var files = Files.walk(sources)) {
      annotated =
          files
              .filter(p -> p.toString().endsWith(".java"))
              .filter(p -> read(p).contains("@RuleSpec("))
              .map(p -> sources.relativize(p).toString().replace('/', '.').replace(".java", ""))
              .map(n -> "dev.rootcause.rules." + n)
              .collect(Collectors.toSet());
    }
    Set<String> registered =
        rules.stream().map(r -> r.ruleClass().getName()).collect(Collectors.toSet());
    assertThat(registered).containsExactlyInAnyOrderElementsOf(annotated);
  }

  @Test
  void ruleClassesLiveInThePackageOfTheirLayer() {
    for (RuleInfo r : rules) {
      assertThat(r.ruleClass().getPackageName())
          .as(r.id())
          .isEqualTo("dev.rootcause.rules." + r.layer().prefix());
    }
  }

  @Test
  void everyRuleHasPositiveAndNegativeFixturesAndALongDoc() {
    for (RuleInfo r : rules) {
      Path dir = RuleFixturesTest.FIXTURES.resolve(r.id());
      assertThat(dir.resolve("positive")).as("positive fixtures of " + r.id()).isDirectory();
      assertThat(dir.resolve("negative")).as("negative fixtures of " + r.id()).isDirectory();
      assertThat(RuleCatalogue.longDoc(r))
          .as("src/main/resources/rules/" + r.id() + ".md")
          .isNotBlank();
    }
  }

  @Test
  void everyAppRuleHasAPositiveFixtureInEachLanguageItClaims() throws IOException {
    for (RuleInfo r : rules) {
      if (r.layer() != Layer.APP) {
        continue;
      }
      Set<AppFacts.Language> covered = EnumSet.noneOf(AppFacts.Language.class);
      try (var cases = Files.list(RuleFixturesTest.FIXTURES.resolve(r.id()).resolve("positive"))) {
        for (Path kase : cases.filter(Files::isDirectory).toList()) {
          covered.addAll(languagesOf(kase, r.id()));
        }
      }
      assertThat(covered)
          .as("languages with a positive fixture of " + r.id())
          .containsAll(r.languages());
    }
  }

  /**
   * The languages a positive case tests: those of the source files holding the rule's markers, or,
   * when the markers sit in a Dockerfile or manifest, those of the case's source files.
   */
  private static Set<AppFacts.Language> languagesOf(Path kase, String ruleId) throws IOException {
    Set<AppFacts.Language> marked = EnumSet.noneOf(AppFacts.Language.class);
    Set<AppFacts.Language> present = EnumSet.noneOf(AppFacts.Language.class);
    try (var files = Files.walk(kase)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        AppFacts.Language language = SOURCE_EXTENSIONS.get(extension(f));
        if (language == null) {
          continue;
        }
        present.add(language);
        if (read(f).contains("expect: " + ruleId)) {
          marked.add(language);
        }
      }
    }
    return marked.isEmpty() ? present : marked;
  }

  private static String extension(Path f) {
    String name = f.getFileName().toString();
    return name.substring(name.lastIndexOf('.') + 1);
  }

  private static final Map<String, AppFacts.Language> SOURCE_EXTENSIONS =
      Map.of(
          "py",
          AppFacts.Language.PYTHON,
          "js",
          AppFacts.Language.JAVASCRIPT,
          "mjs",
          AppFacts.Language.JAVASCRIPT,
          "cjs",
          AppFacts.Language.JAVASCRIPT,
          "ts",
          AppFacts.Language.TYPESCRIPT,
          "go",
          AppFacts.Language.GO,
          "java",
          AppFacts.Language.JAVA);

  @Test
  void generatedRulesDocIsFresh() throws IOException {
    String generated = RuleCatalogue.markdown(rules);
    assertThat(Files.readString(Path.of("docs/rules.md")))
        .as(
            "docs/rules.md is stale: run `java -jar target/rootcause.jar rules --markdown > docs/rules.md`")
        .isEqualTo(generated);
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
