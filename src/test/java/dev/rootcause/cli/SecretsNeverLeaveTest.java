package dev.rootcause.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.model.Severity;
import dev.rootcause.model.k8s.ConfigData;
import dev.rootcause.model.k8s.Container;
import dev.rootcause.model.k8s.EnvVar;
import dev.rootcause.model.k8s.Workload;
import dev.rootcause.pipeline.BuiltInRules;
import dev.rootcause.rules.Rule;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import dev.rootcause.rules.SystemRule;
import dev.rootcause.testing.Manifests;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A repository full of credentials (Secret data, passwords in env, a database URL with a password,
 * a kubeconfig token, a broken file with a password on the failing line) is scanned into every
 * format; no credential appears in stdout, stderr or a report file. Once with the built-in rules,
 * and once with a careless rule that quotes every value it can reach in the {@code NAME=value} and
 * URL forms that {@code Redaction} promises to catch.
 */
class SecretsNeverLeaveTest {
  private static final String PASSWORD = "hunter2";
  private static final String TOKEN = "s3cr3t-t0ken-value";
  private static final String JWT =
      "eyJhbGciOiJSUzI1NiIsImtpZCI6ImNpIn0.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6Y2kifQ.bG9uZy1zaWduYXR1cmUtYnl0ZXM";
  private static final String API_KEY = "sk_live_51HxYzAbCdEfGhIj";
  private static final String CLIENT_KEY = "LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQo=";

  private static final List<String> SECRETS =
      List.of(PASSWORD, b64(PASSWORD), TOKEN, b64(TOKEN), JWT, API_KEY, CLIENT_KEY);

  @TempDir Path dir;

  @BeforeEach
  void aRepositoryFullOfCredentials() {
    Manifests.write(
        dir,
        "k8s/secret.yaml",
        """
        apiVersion: v1
        kind: Secret
        metadata: {name: db-credentials, namespace: shop}
        type: Opaque
        data:
          password: %s
        stringData:
          api-token: %s
        """
            .formatted(b64(PASSWORD), TOKEN));
    Manifests.write(
        dir,
        "k8s/api.yaml",
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: api
          namespace: shop
          annotations: {rootcause.io/ignore: k8s/missing-resources}
        spec:
          selector: {matchLabels: {app: api}}
          template:
            metadata: {labels: {app: api}}
            spec:
              containers:
                - name: api
                  image: api:2.0.0
                  ports: [{containerPort: 3000}]
                  livenessProbe: {httpGet: {path: /healthz, port: 8080}}
                  env:
                    - name: DB_PASSWORD
                      value: %s
                    - name: DATABASE_URL
                      value: postgres://admin:%s@db:5432/app
                    - name: API_KEY
                      value: %s
                    - name: CHAOS_FAILURE_RATE
                      value: "0.5"
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: api, namespace: shop}
        spec:
          selector: {app: api-v2}
          ports: [{port: 80, targetPort: 3000}]
        """
            .formatted(PASSWORD, PASSWORD, API_KEY));
    Manifests.write(
        dir,
        "deploy/kubeconfig.yaml",
        """
        apiVersion: v1
        kind: Config
        clusters:
          - name: prod
            cluster: {server: "https://ci:%s@k8s.example.com:6443"}
        users:
          - name: ci
            user:
              token: %s
              client-key-data: %s
        contexts:
          - name: prod
            context: {cluster: prod, user: ci}
        current-context: prod
        """
            .formatted(TOKEN, JWT, CLIENT_KEY));
    Manifests.write(
        dir,
        "k8s/broken.yaml",
        """
        apiVersion: v1
        kind: Secret
        metadata: {name: broken}
        stringData:
          password: %s
         token: %s
        """
            .formatted(PASSWORD, TOKEN));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"text", "json", "sarif", "markdown", "html"})
  void builtInRulesLeakNothing(String format) throws IOException {
    Output output = scan(BuiltInRules.all(), format);

    assertThat(output.stdout())
        .as("the scan found things to say")
        .contains("k8s/fault-injection-enabled", "CHAOS_FAILURE_RATE=0.5");
    output.assertNoSecret();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"text", "json", "sarif", "markdown", "html"})
  void aCarelessRuleIsCaughtByRedaction(String format) throws IOException {
    List<Rule> rules = new ArrayList<>(BuiltInRules.all());
    rules.add(new QuotesEveryValue());

    Output output = scan(rules, format);

    assertThat(output.stdout())
        .contains("k8s/test-quotes-every-value")
        .contains("DB_PASSWORD=")
        .contains("postgres://admin:")
        .contains("@db:5432/app");
    output.assertNoSecret();
  }

  private Output scan(List<Rule> rules, String format) throws IOException {
    Path file = dir.resolve("report.out");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), rules)
            .execute(
                "scan",
                dir.toString(),
                "--format",
                format,
                "--format",
                format,
                "--output",
                "-",
                "--output",
                file.toString(),
                "--show-suppressed",
                "--verbose");
    assertThat(exit).as(err.toString()).isIn(ExitCode.FINDINGS.code(), ExitCode.OK.code());
    return new Output(out.toString(), err.toString(), Files.readString(file));
  }

  private record Output(String stdout, String stderr, String file) {
    void assertNoSecret() {
      assertThat(stdout + stderr).as("the broken file is named").contains("k8s/broken.yaml");
      for (String secret : SECRETS) {
        assertThat(stdout).as("stdout").doesNotContain(secret);
        assertThat(stderr).as("stderr").doesNotContain(secret);
        assertThat(file).as("report file").doesNotContain(secret);
      }
    }
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  /** The rule nobody should write: it quotes env values and Secret data in every field. */
  @RuleSpec(
      id = "k8s/test-quotes-every-value",
      severity = Severity.HIGH,
      kind = dev.rootcause.model.FindingKind.ROOT_CAUSE,
      summary = "Quotes values it should not",
      symptom = "secrets in reports",
      fix = "Do not.")
  static final class QuotesEveryValue implements SystemRule {
    @Override
    public void check(RuleContext ctx) {
      for (Workload w : ctx.model().workloads()) {
        for (Container c : w.allContainers().toList()) {
          for (EnvVar e : c.env()) {
            if (e.value() != null) {
              String pair = e.name() + "=" + e.value().reveal();
              ctx.report(e.location(), "env " + pair)
                  .related(e.location(), pair)
                  .symptom("reads " + pair)
                  .subject(pair)
                  .fix("Rotate " + pair + ".");
            }
          }
        }
      }
      for (ConfigData data : ctx.model().configData()) {
        for (ConfigData.Entry entry : data.entries().values()) {
          ctx.report(
              entry.location(),
              data.meta().name() + " holds " + entry.key() + "=" + entry.value().reveal());
        }
      }
    }
  }
}
