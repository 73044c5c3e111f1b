package dev.rootcause.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.model.ClusterLocation;
import dev.rootcause.model.Confidence;
import dev.rootcause.model.Finding;
import dev.rootcause.model.FindingKind;
import dev.rootcause.model.RuleInfo;
import dev.rootcause.model.Severity;
import dev.rootcause.model.SourceLocation;
import dev.rootcause.model.cluster.SourceFrame;
import dev.rootcause.rules.Rule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A runtime symptom whose log names the frame that raised it joins the static finding in that file
 * and function, and nothing when the frame leads nowhere certain.
 */
class FrameJoinTest {
  static final Scanner.Options OPTIONS = new Scanner.Options(null, 8L << 20);
  static final List<RuleInfo> CATALOGUE = BuiltInRules.all().stream().map(Rule::info).toList();

  private static final String TWO_HANDLERS =
      """
      import random

      from flask import Flask, abort, jsonify

      app = Flask(__name__)


      @app.route("/")
      def home():
          orders = load_orders()
          return jsonify(orders[0])


      @app.route("/checkout")
      def checkout():
          if random.random() < 0.3:
              abort(500)
          return jsonify({"ok": True})


      def load_orders():
          return []
      """;

  @TempDir Path repo;

  private List<Finding> joined(SourceFrame frame) throws Exception {
    Scanner.Model built = new Scanner().model(repo, OPTIONS);
    List<Finding> findings = new ArrayList<>(new Scanner().scan(repo, OPTIONS).findings());
    findings.add(symptom(frame));
    Set<String> files;
    try (var walk = Files.walk(repo)) {
      files =
          Set.copyOf(
              walk.filter(Files::isRegularFile)
                  .map(p -> repo.relativize(p).toString().replace('\\', '/'))
                  .toList());
    }
    return new SymptomJoin(CATALOGUE, built.model(), files).join(findings, null);
  }

  private static Finding symptom(SourceFrame frame) {
    return new Finding(
        "runtime/high-error-rate",
        Severity.HIGH,
        "Deployment production/shop",
        "intermittent 500s",
        "shop answers 40 of 120 requests with 5xx",
        new ClusterLocation(
            "kind-dev", "production", "Deployment", "shop", ".spec.containers{shop}"),
        List.of(),
        "Fix what raises it.",
        Confidence.CERTAIN,
        FindingKind.ROOT_CAUSE,
        frame);
  }

  private static List<Finding> about(List<Finding> findings, String rule) {
    return findings.stream().filter(f -> f.ruleId().equals(rule)).toList();
  }

  @Test
  void aFrameInTheFunctionOfTheFindingJoinsItAtItsLine() throws Exception {
    Files.writeString(repo.resolve("shop.py"), TWO_HANDLERS);

    // abort(500) raises inside checkout, on the line below the dice roll.
    List<Finding> findings = joined(new SourceFrame("/srv/shop.py", 17, "checkout"));

    assertThat(about(findings, "runtime/high-error-rate")).isEmpty();
    assertThat(about(findings, "app/random-failure-injection"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.primary()).isEqualTo(new SourceLocation("shop.py", 16, 5));
              assertThat(f.symptom()).contains("40 of 120 requests");
            });
  }

  @Test
  void aFindingInTheSameFileButAnotherFunctionStaysApart() throws Exception {
    Files.writeString(repo.resolve("shop.py"), TWO_HANDLERS);

    // home fails on its own (an empty list), not because of checkout's dice.
    List<Finding> findings = joined(new SourceFrame("/srv/shop.py", 11, "home"));

    assertThat(about(findings, "runtime/high-error-rate")).hasSize(1);
    assertThat(about(findings, "app/random-failure-injection"))
        .singleElement()
        .satisfies(f -> assertThat(f.symptom()).doesNotContain("40 of 120"));
  }

  @Test
  void aFileNameTwiceInAMonorepoWithNoBuildLinkToDecideJoinsNothing() throws Exception {
    for (String service : List.of("billing", "shop")) {
      Files.createDirectories(repo.resolve("services").resolve(service));
      Files.writeString(repo.resolve("services").resolve(service).resolve("app.py"), TWO_HANDLERS);
    }

    List<Finding> findings = joined(new SourceFrame("/app/app.py", 17, "checkout"));

    assertThat(about(findings, "runtime/high-error-rate")).hasSize(1);
    assertThat(about(findings, "app/random-failure-injection"))
        .hasSize(2)
        .allSatisfy(f -> assertThat(f.symptom()).doesNotContain("40 of 120"));
  }

  @Test
  void theLongestPathEndingUniqueInTheRepositoryDecidesBetweenTwoFilesOfOneName() throws Exception {
    for (String service : List.of("billing", "shop")) {
      Files.createDirectories(repo.resolve("services").resolve(service));
      Files.writeString(repo.resolve("services").resolve(service).resolve("app.py"), TWO_HANDLERS);
    }

    List<Finding> findings = joined(new SourceFrame("/srv/shop/app.py", 17, "checkout"));

    assertThat(about(findings, "app/random-failure-injection"))
        .filteredOn(f -> f.symptom().contains("40 of 120 requests"))
        .singleElement()
        .satisfies(
            f ->
                assertThat(((SourceLocation) f.primary()).path())
                    .isEqualTo("services/shop/app.py"));
  }
}
