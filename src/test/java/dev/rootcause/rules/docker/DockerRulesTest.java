package dev.rootcause.rules.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.collect.Facts;
import dev.rootcause.collect.FileKind;
import dev.rootcause.collect.SourceFile;
import dev.rootcause.collect.docker.DockerfileCollector;
import dev.rootcause.model.Confidence;
import dev.rootcause.model.Evidence;
import dev.rootcause.model.Finding;
import dev.rootcause.model.ScanResult;
import dev.rootcause.model.SourceLocation;
import dev.rootcause.model.SystemModel;
import dev.rootcause.model.app.AppFacts;
import dev.rootcause.rules.RuleEngine;
import dev.rootcause.rules.RuleSettings;
import dev.rootcause.testing.Scans;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the fixture markers cannot say: confidence, evidence, suppression, and what never leaks. */
class DockerRulesTest {
  private static final Path FIXTURES = Path.of("src/test/resources/rules/docker");

  private static Finding only(String ruleId, String kase) {
    ScanResult result = Scans.scan(FIXTURES.resolve(ruleId.substring(7)).resolve(kase), ruleId);
    assertThat(result.findings()).hasSize(1);
    return result.findings().get(0);
  }

  @Test
  void httpsUrlFromAManifestIsNamedButNeverShown() {
    Finding f = only("docker/missing-ca-certificates", "positive/https-url-set-by-the-deployment");
    String everything =
        f.message() + f.fix() + f.symptom() + f.related().stream().map(Evidence::note).toList();
    assertThat(everything).contains("PROVIDER_URL").doesNotContain("sandbox.provider.example.com");
    assertThat(f.related())
        .extracting(e -> e.location().display())
        .containsExactly("k8s/payments.yaml:19:15");
    assertThat(f.fix())
        .isEqualTo(
            "Copy the bundle into the final stage: COPY --from=build"
                + " /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/.");
  }

  @Test
  void aBinaryThatCouldComeFromTheContextIsOnlyLikelyMissing() {
    Finding seed =
        only("docker/copy-from-missing-path", "positive/seed-001-binary-built-elsewhere");
    assertThat(seed.confidence()).isEqualTo(Confidence.LIKELY);
    assertThat(seed.message()).contains("unless main is committed to the build context");
    assertThat(seed.fix())
        .isEqualTo(
            "Copy what stage builder builds: COPY --from=builder"
                + " /go/src/app/server /app (or build it with -o /go/src/app/main).");
    Finding renamed = only("docker/copy-from-missing-path", "positive/output-folder-renamed");
    assertThat(renamed.confidence()).isEqualTo(Confidence.CERTAIN);
    assertThat(renamed.related())
        .extracting(Evidence::note)
        .containsExactly("stage build (FROM golang:1.22-alpine)", "go build -o /out/api");
  }

  @Test
  void rootImageRunByAWorkloadCarriesTheContainerAsEvidence() {
    Finding f = only("docker/runs-as-root", "positive/deployment-without-security-context");
    assertThat(f.confidence()).as("linked as the only Dockerfile").isEqualTo(Confidence.LIKELY);
    assertThat(f.related())
        .extracting(e -> e.location().display())
        .containsExactly("k8s/deployment.yaml:17:11");
  }

  @Test
  void runAsNonRootWithoutUidIsRaisedToHigh() {
    Finding f = only("docker/runs-as-root", "positive/run-as-non-root-without-uid");
    assertThat(f.severity()).isEqualTo(dev.rootcause.model.Severity.HIGH);
    assertThat(f.symptom()).startsWith("CreateContainerConfigError");
  }

  @Test
  void explicitRootUserIsToldToSwitchBack() {
    Finding f = only("docker/runs-as-root", "positive/explicit-root-user");
    assertThat(f.fix())
        .isEqualTo(
            "Switch back with USER node once the steps that need root are done (after the RUN at"
                + " line 13).");
  }

  @Test
  void ignoreCommentSuppressesTheFindingVisibly() {
    ScanResult result =
        Scans.scan(
            FIXTURES.resolve("runs-as-root/negative/suppressed-by-comment"), "docker/runs-as-root");
    assertThat(result.findings()).isEmpty();
    assertThat(result.suppressed())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.finding().ruleId()).isEqualTo("docker/runs-as-root");
              assertThat(s.reason()).isEqualTo("rootcause:ignore comment at Dockerfile:2");
            });
  }

  @Test
  void wrongBinarySaysWhatToStartAndHowItFails() {
    Finding f = only("docker/entrypoint-not-built", "positive/seed-001-cmd-wrong-binary");
    assertThat(f.fix()).isEqualTo("Start /app/server in CMD, or copy the file to /app/main.");
    assertThat(f.symptom())
        .isEqualTo(
            "container exits at once with exec: \"./main\": no such file or directory;"
                + " CrashLoopBackOff");
    Finding script = only("docker/entrypoint-not-built", "positive/python-script-not-copied");
    assertThat(script.symptom())
        .isEqualTo("container exits at once: python cannot open /srv/app.py; CrashLoopBackOff");
    assertThat(script.fix())
        .isEqualTo(
            "Copy app.py into the final stage at /srv/app.py, or start the path it is copied to.");
  }

  @Test
  void shellFormOnScratchGetsAnExecFormFix() {
    Finding f = only("docker/entrypoint-not-built", "positive/shell-form-on-scratch");
    assertThat(f.fix()).isEqualTo("Use the exec form: CMD [\"/server\", \"--port\", \"8080\"].");
  }

  @Test
  void aShellCommandLineIsNeverQuoted(@TempDir Path repo) throws IOException {
    Files.writeString(
        repo.resolve("Dockerfile"),
        """
        FROM scratch
        COPY bin/server /server
        CMD /server --db-password hunter2
        """);
    ScanResult result = Scans.scan(repo, "docker/entrypoint-not-built");
    assertThat(result.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.message()).startsWith("CMD /server is in shell form");
              assertThat(f.message() + f.fix()).doesNotContain("hunter2");
            });
  }

  @Test
  void anHttpsCallInTheCodeCountsAsTls() {
    String dockerfile =
        """
        FROM golang:1.22 AS build
        WORKDIR /src
        COPY . .
        RUN CGO_ENABLED=0 go build -o /out/billing .

        FROM scratch
        COPY --from=build /out/billing /billing
        ENTRYPOINT ["/billing"]
        """;
    SourceLocation call = SourceLocation.of("billing/stripe.go", 42);
    AppFacts https =
        app(new AppFacts.OutboundCall("https://api.stripe.com/v1/charges", null, true, call));
    Finding f = onlyFinding(scanWithApp(dockerfile, https));
    assertThat(f.message()).endsWith("HTTPS calls: the code calls an https:// URL");
    assertThat(f.message()).doesNotContain("stripe");
    assertThat(f.related()).extracting(Evidence::location).containsExactly(call);

    AppFacts plain = app(new AppFacts.OutboundCall("http://ledger:8080/entries", null, true, call));
    assertThat(scanWithApp(dockerfile, plain).findings()).isEmpty();
  }

  private static AppFacts app(AppFacts.OutboundCall call) {
    return new AppFacts(
        "billing",
        AppFacts.Language.GO,
        "net/http",
        "main.go",
        List.of(),
        List.of(),
        List.of(),
        List.of(call),
        List.of());
  }

  private static ScanResult scanWithApp(String dockerfile, AppFacts app) {
    Facts facts = new Facts();
    new DockerfileCollector()
        .collect(
            new SourceFile(
                Path.of("billing/Dockerfile"),
                "billing/Dockerfile",
                FileKind.DOCKERFILE,
                dockerfile.length()),
            dockerfile,
            facts);
    facts.model().app(app);
    SystemModel model = facts.model().build();
    RuleEngine engine = new RuleEngine(List.of(new MissingCaCertificates()), RuleSettings.DEFAULTS);
    RuleEngine.Outcome outcome = engine.run(model);
    return new ScanResult(
        "repo",
        outcome.findings(),
        outcome.suppressed(),
        List.of(),
        outcome.failures(),
        outcome.rulesRun(),
        new ScanResult.Inventory(1, 0, 0, 1, 0, 1, 0),
        Duration.ZERO);
  }

  private static Finding onlyFinding(ScanResult result) {
    assertThat(result.ruleFailures()).isEmpty();
    assertThat(result.findings()).hasSize(1);
    return result.findings().get(0);
  }
}
