package dev.rootcause.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code diagnose} narrowed to one object or a label selector, and {@code --save-dump}: a redacted
 * folder that reads back to the same findings.
 */
class DiagnoseSelectionTest {
  static final Path BROKEN = Path.of("src/test/resources/diagnose/seed-002-broken");
  static final String AS_OF = "2025-02-11T16:52:00Z";

  private static Cli.Run diagnose(String... args) {
    List<String> all =
        new java.util.ArrayList<>(
            List.of("diagnose", "--dump", BROKEN.toString(), "--as-of", AS_OF, "--color", "never"));
    all.addAll(List.of(args));
    return Cli.run(all.toArray(String[]::new));
  }

  private static List<String> headlines(Cli.Run run) {
    return run.out()
        .lines()
        .filter(l -> l.matches("  (CRITICAL|HIGH|MEDIUM|LOW|INFO) .*"))
        .toList();
  }

  @Test
  void oneDeploymentIsDiagnosedWithWhatItCalls() {
    Cli.Run run = diagnose("deploy/order-service");

    assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.FINDINGS.code());
    assertThat(headlines(run))
        .containsExactly(
            "  HIGH      runtime/dependency-unreachable  Deployment production/order-service",
            "  MEDIUM    runtime/retry-storm  Deployment production/order-service");
  }

  @Test
  void aServiceIsDiagnosedWithThePodsBehindIt() {
    Cli.Run run = diagnose("svc/database-service");

    // The Service has no endpoint because its only pod crash-loops: both are told, nothing else,
    // the Service as the crash loop's consequence.
    assertThat(headlines(run))
        .hasSize(2)
        .anyMatch(
            l -> l.contains("runtime/crash-loop-back-off  Deployment production/database-service"))
        .anyMatch(
            l ->
                l.contains(
                    "Service production/database-service  runtime/service-without-endpoints,"
                        + " follows from runtime/crash-loop-back-off"));
  }

  @Test
  void aLabelSelectorKeepsThePodsItMatches() {
    Cli.Run run = diagnose("-l", "app in (auth-service,api-service)");

    assertThat(headlines(run))
        .anyMatch(l -> l.contains("runtime/oom-killed  Deployment production/auth-service"))
        .anyMatch(l -> l.contains("k8s/probe-port-not-exposed  Deployment production/api-service"))
        .noneMatch(l -> l.contains("database-service") || l.contains("gateway"));
  }

  @Test
  void anObjectThatWasNotReadIsBadInputNamingWhatWas() {
    Cli.Run run = diagnose("deploy/paymnets");

    assertThat(run.exit()).isEqualTo(ExitCode.USAGE.code());
    assertThat(run.err().strip())
        .isEqualTo(
            "rootcause: deploy/paymnets: no Deployment of that name was read (read: api-service,"
                + " auth-service, database-service, gateway, notification-service, order-service)");
    assertThat(diagnose("nodes/x").err()).contains("give one object as KIND/NAME");
    assertThat(diagnose("-l", "app in prod").err()).contains("expected (a,b) after in");
  }

  @Test
  void aSavedDumpReadsBackToTheSameFindingsWithoutItsSecrets(@TempDir Path dir) throws Exception {
    // A log line with a bearer token, an env value with a password: neither may be saved.
    Path source = dir.resolve("source");
    copyTree(BROKEN, source);
    Path log = source.resolve("production/order-service-84c9b7f6d5-t9wbn/logs.txt");
    String secretLine =
        "2025-02-11T16:51:21.000Z debug calling payments with Authorization: Bearer"
            + " eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJvcmRlcnMifQ.c2lnbmF0dXJlLXNlY3JldA";
    Files.writeString(log, Files.readString(log).replace("==== END", secretLine + "\n==== END"));
    Path pods = source.resolve("pods.yaml");
    Files.writeString(
        pods,
        Files.readString(pods)
            .replaceFirst(
                "value: \"3002\"",
                "value: \"3002\"\n      - name: DB_PASSWORD\n        value: hunter2-prod"));
    Path saved = dir.resolve("saved");

    Cli.Run first =
        Cli.run(
            "diagnose",
            "--dump",
            source.toString(),
            "--as-of",
            AS_OF,
            "--color",
            "never",
            "--save-dump",
            saved.toString());
    Cli.Run again = Cli.run("diagnose", "--dump", saved.toString(), "--color", "never");

    assertThat(first.exit()).as(first.err()).isEqualTo(ExitCode.FINDINGS.code());
    assertThat(Files.isRegularFile(saved.resolve("production/pods.json"))).isTrue();
    assertThat(
            Files.isRegularFile(
                saved.resolve("production/order-service-84c9b7f6d5-t9wbn/logs.txt")))
        .isTrue();
    // Read back without --as-of: the saved pods file carries the instant it was read as of.
    assertThat(again.exit()).as(again.err()).isEqualTo(first.exit());
    assertThat(withoutSummary(again.out())).isEqualTo(withoutSummary(first.out()));
    String everything = allText(saved);
    assertThat(everything)
        .doesNotContain("hunter2-prod", "eyJzdWIiOiJvcmRlcnMifQ", "last-applied-configuration")
        .contains("calling payments with Authorization");
  }

  @Test
  void aSavedConfigMapKeepsItsConfigFilesReadableAndItsSecretsOut(@TempDir Path dir)
      throws Exception {
    // The Envoy sidecar's cluster: a password in a ConfigMap value whose key names it, and a JWT
    // inside the envoy.yaml the proxy rule reads.
    Path source = dir.resolve("source");
    copyTree(Path.of("src/test/resources/diagnose-config/envoy-sidecar-broken"), source);
    Path configMaps = source.resolve("shop/configmaps.json");
    String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjaGVja291dCJ9.c2lnbmVkLWJ5LWlkcA";
    Files.writeString(
        configMaps,
        Files.readString(configMaps)
            .replaceFirst("\"data\": \\{", "\"data\": {\n\"DB_PASSWORD\": \"Tr0ub4dor-prod\",")
            .replace(
                "stat_prefix: ingress_http\\n",
                "stat_prefix: ingress_http\\n                # x-internal-auth: " + jwt + "\\n"));
    Path saved = dir.resolve("saved");
    String asOf = "2025-03-04T09:30:00Z";

    Cli.Run first =
        Cli.run(
            "diagnose",
            "--dump",
            source.toString(),
            "--as-of",
            asOf,
            "--color",
            "never",
            "--save-dump",
            saved.toString());
    Cli.Run again = Cli.run("diagnose", "--dump", saved.toString(), "--color", "never");

    assertThat(Files.readString(configMaps)).contains("Tr0ub4dor-prod", jwt);
    assertThat(headlines(first))
        .singleElement()
        .asString()
        .contains("cross/proxy-upstream-port-undeclared");
    assertThat(withoutSummary(again.out())).isEqualTo(withoutSummary(first.out()));
    String savedConfigMaps = Files.readString(saved.resolve("shop/configmaps.json"));
    assertThat(savedConfigMaps)
        .doesNotContain("Tr0ub4dor-prod", "eyJzdWIiOiJjaGVja291dCJ9")
        .contains("\"DB_PASSWORD\" : \"<redacted>\"", "port_value: 8000");
  }

  /** The findings as printed, less the summary line that names where they were read. */
  private static List<String> withoutSummary(String out) {
    return out.lines()
        .filter(l -> !l.contains(" in dump "))
        .map(l -> l.replaceAll("dump [^ ]+", "dump"))
        .toList();
  }

  private static String allText(Path dir) throws Exception {
    StringBuilder sb = new StringBuilder();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        sb.append(Files.readString(f));
      }
    }
    return sb.toString();
  }

  private static void copyTree(Path from, Path to) throws Exception {
    dev.rootcause.collect.cluster.DumpShapesTest.copyTree(from, to);
  }
}
