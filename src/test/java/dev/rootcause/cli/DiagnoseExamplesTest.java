package dev.rootcause.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.collect.cluster.DumpClusterReader;
import dev.rootcause.model.Finding;
import dev.rootcause.pipeline.Diagnoser;
import dev.rootcause.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code rootcause diagnose} on the clusters of the example systems of seeds 000, 001, 003 and 004,
 * broken and fixed, each as {@code kubectl get -o yaml} files and as a {@code kubectl cluster-info
 * dump --output-directory} (written by make-more-diagnose-fixtures.py; see the README beside them).
 */
class DiagnoseExamplesTest {
  static final Path ROOT = Path.of("src/test/resources/diagnose/examples");
  static final List<String> LAYOUTS = List.of("get-yaml", "cluster-info-dump");

  static Path dump(String example, String state, String layout) {
    // Seed 002's states were written first, each in one layout; the other is generated from it.
    if (example.equals("cloudmart") && (state + layout).equals("brokenget-yaml")) {
      return ROOT.resolveSibling("seed-002-broken");
    }
    if (example.equals("cloudmart") && (state + layout).equals("fixedcluster-info-dump")) {
      return ROOT.resolveSibling("seed-002-fixed");
    }
    return ROOT.resolve(example + "-" + state).resolve(layout);
  }

  static String asOf(String example, String state) throws Exception {
    return Files.readString(ROOT.resolve(example + "-" + state).resolve("as-of")).strip();
  }

  static Cli.Run diagnose(String example, String state, String layout, String... more)
      throws Exception {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "diagnose",
                "--dump",
                dump(example, state, layout).toString(),
                "--as-of",
                asOf(example, state),
                "--color",
                "never"));
    args.addAll(List.of(more));
    return Cli.run(args.toArray(String[]::new));
  }

  /** Per example, what its broken cluster must say: the rule, the cause and the evidence. */
  static final Map<String, List<String>> BROKEN =
      Map.of(
          // Seed 002 (DiagnoseCommandTest reads its every cause): here, in both layouts. The
          // gateway's missing endpoints and api-service's failing liveness probe are told at the
          // spec field that causes them, read from the cluster's own objects.
          "cloudmart",
          List.of(
              "CRITICAL  k8s/service-selects-nothing  Service production/gateway",
              "Service gateway (LoadBalancer) has no endpoints: its selector app=nginx-gateway"
                  + " matches no pod",
              "runtime/crash-loop-back-off  Deployment production/database-service",
              "runtime/image-pull-back-off  Deployment production/notification-service",
              "k8s/probe-port-not-exposed  Deployment production/api-service container api-service",
              "api-service liveness probe fails 15 times: connection refused on port 8080",
              "runtime/dependency-unreachable  Deployment production/order-service",
              "runtime/oom-killed  Deployment production/auth-service"),
          // Seed 000: the image the Deployment names was never built.
          "sre-assessment",
          List.of(
              "HIGH      runtime/image-pull-back-off  Deployment default/sre-assessment",
              "sre-assessment (2 of 2 pods) ImagePullBackOff on sre-assessment:latest: the"
                  + " registry has no such repository or tag",
              "pull access denied for sre-assessment",
              // The Service is down because its pods cannot pull: a consequence, not a cause.
              "Service default/sre-assessment  runtime/service-without-endpoints, follows from"
                  + " runtime/image-pull-back-off on Deployment default/sre-assessment",
              "3 root causes, 1 consequence"),
          // Seed 001: the readiness probe knocks on port 80, the server listens on 8080; the
          // sidecar's fault injection, the HPA's fixed target and the policy's labels are read
          // from the cluster's own specs.
          "go-service",
          List.of(
              "HIGH      runtime/probe-failing  Deployment default/go-app",
              "DROP_PERCENT=20 is set on container traffic-proxy",
              "network/policy-selects-nothing  NetworkPolicy default/go-app-ingress",
              "hpa/static-average-value  HorizontalPodAutoscaler default/go-app",
              "go-app (2 of 2 pods) readiness probe fails 1641 times: connection refused on port"
                  + " 80: nothing listens there; its log says it listens on 8080",
              // Down because the probe knocks on the wrong port, not because of the chaos flag.
              "Service default/go-app  runtime/service-without-endpoints, follows from"
                  + " k8s/probe-port-not-exposed on Deployment default/go-app"),
          // Seed 003: `/` raises at random.
          "flask-random-500",
          List.of(
              "HIGH      runtime/high-error-rate  Deployment default/buggy-app",
              "buggy-app answers 46 of 135 requests with 5xx (34.1%)",
              "\"HEAD / HTTP/1.1\" 500 -",
              "46 of them beside a traceback ending \"Exception: Random Failure: Simulated"
                  + " production bug\", raised at /app/buggy-app.py line 11 (in home)"),
          // Seed 004: v2 fails every read of the URL file once one was saved.
          "url-shortener",
          List.of(
              "HIGH      runtime/high-error-rate  Deployment production/url-shortener",
              "url-shortener answers 142 of 220 requests with 5xx (64.5%)",
              "\"POST /your-url HTTP/1.1\" 500 265",
              "142 of them beside a traceback ending \"TypeError: the JSON object must be str,"
                  + " bytes or bytearray, not TextIOWrapper\", raised at /app/application.py line 18"
                  + " (in load_urls)",
              "Fix what raises \"TypeError: the JSON object must be str, bytes or bytearray, not"
                  + " TextIOWrapper\" at /app/application.py line 18 (in load_urls)"));

  @ParameterizedTest
  @ValueSource(
      strings = {"cloudmart", "sre-assessment", "go-service", "flask-random-500", "url-shortener"})
  void theBrokenClusterShowsEachRuntimeVisibleRootCauseOfTheSeed(String example) throws Exception {
    for (String layout : LAYOUTS) {
      Cli.Run run = diagnose(example, "broken", layout);

      assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.FINDINGS.code());
      assertThat(run.out()).as(layout).contains(BROKEN.get(example));
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"cloudmart", "sre-assessment", "go-service", "flask-random-500", "url-shortener"})
  void withTheRepositoryTheSymptomIsToldAtTheLineToFix(String example) throws Exception {
    for (String layout : LAYOUTS) {
      Cli.Run run = diagnose(example, "broken", layout, "--repo", "examples/" + example);

      assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.FINDINGS.code());
      if (example.equals("cloudmart")) {
        assertThat(run.out())
            .contains(
                "at        k8s/07-notification-service.yaml:20:18",
                "symptom   notification-service ImagePullBackOff on notification-service:v2.0")
            .doesNotContain("runtime/image-pull-back-off  Deployment");
        // order-service's burst of instant retries is the retry loop of its code.
        assertThat(run.out())
            .contains(
                "MEDIUM    app/retry-without-backoff  app services/order-service",
                "at        services/order-service/server.js:14:3",
                "symptom   order-service retries database without backoff")
            .doesNotContain("runtime/retry-storm  Deployment");
      } else if (example.equals("flask-random-500")) {
        // The traceback's frame (line 11, in home) is the handler whose dice roll is on line 10.
        assertThat(run.out())
            .contains(
                "fix first            1. buggy-app.py:10:5  app .  (app/random-failure-injection)",
                "CRITICAL  app/random-failure-injection  app .",
                "at        buggy-app.py:10:5",
                "symptom   buggy-app answers 46 of 135 requests with 5xx (34.1%)")
            .doesNotContain("HIGH      runtime/high-error-rate");
      } else if (example.equals("url-shortener")) {
        // The traceback's frame /app/application.py line 18 is the line json.loads is given a file.
        assertThat(run.out())
            .contains(
                "fix first            1. application.py:18:16  app .  (app/json-loads-on-file)",
                "at        application.py:18:16",
                "symptom   url-shortener answers 142 of 220 requests with 5xx (64.5%)")
            .doesNotContain("HIGH      runtime/high-error-rate");
      } else if (example.equals("sre-assessment")) {
        // The pull failure joins the scan's finding that no build produces the image.
        assertThat(run.out())
            .contains(
                "CRITICAL  cross/image-not-built  Deployment sre-assessment container"
                    + " sre-assessment",
                "at        k8s/deployment.yaml:19:18",
                "symptom   sre-assessment (2 of 2 pods) ImagePullBackOff on sre-assessment:latest")
            .doesNotContain("runtime/image-pull-back-off  Deployment");
      } else {
        assertThat(run.out())
            .contains(
                "HIGH      cross/port-mismatch  Deployment go-app container go-app",
                // The probe's port is the line to fix, not the EXPOSE beside it.
                "at        k8s/deployment.yaml:27:15",
                "problem   readinessProbe checks port 80, but the app listens on 8080",
                "symptom   go-app (2 of 2 pods) readiness probe fails 1641 times: connection"
                    + " refused on port 80",
                "fix       Set readinessProbe port to 8080.")
            .doesNotContain("runtime/probe-failing  Deployment")
            // The liveness probe's 8080 is where main.go listens: no advice to move it to 80.
            .doesNotContain("k8s/probe-port-not-exposed", "livenessProbe port to 80");
      }
    }
  }

  @Test
  void withoutTheRepositorySeed001sLogTellsWhereTheAppListensAndThatComesFirst() throws Exception {
    for (String layout : LAYOUTS) {
      Cli.Run run = diagnose("go-service", "broken", layout);

      // main.go's "listening on :8080" is the proof: the declared 80 is what is wrong, so moving
      // the passing liveness probe to 80, or the failing readiness probe "to 80", fixes nothing.
      assertThat(run.out())
          .as(layout)
          .contains(
              "fix first            1. Deployment default/go-app  (runtime/probe-failing)",
              "fix       Point the readinessProbe at port 8080, where go-app listens",
              "fix       Declare containerPort 8080 instead of 80 (keep its name)",
              "the app's log says it listens on 8080: \"2025/11/27 09:12:33 listening on :8080\"")
          .doesNotContain("Set livenessProbe port to 80", "Set the readinessProbe port to 80");
      // The sidecar's two chaos variables are one thing to fix first, not two of three lines.
      String screen = run.out().substring(0, run.out().indexOf("\n\n"));
      assertThat(screen.lines().filter(l -> l.contains("k8s/fault-injection-enabled")))
          .as(layout)
          .hasSize(1);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"cloudmart", "sre-assessment", "go-service", "flask-random-500", "url-shortener"})
  void theFixedClusterHasNothingAtMediumOrAboveDespiteItsDecoys(String example) throws Exception {
    for (String layout : LAYOUTS) {
      Cli.Run run = diagnose(example, "fixed", layout, "--fail-on", "medium");

      // A completed Job pod, a rollout's Killing events, one readiness failure at start-up and a
      // pod two seconds old are what a healthy cluster shows.
      assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(ExitCode.OK.code());
      assertThat(run.out())
          .contains(" down, 0 degraded\n", "fix first            nothing at medium or above")
          .startsWith("Diagnosis: 0 of ");
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"cloudmart", "sre-assessment", "go-service", "flask-random-500", "url-shortener"})
  void bothLayoutsOfAStateGiveTheSameFindings(String example) throws Exception {
    for (String state : List.of("broken", "fixed")) {
      List<String> yaml = findings(example, state, "get-yaml");
      List<String> dumped = findings(example, state, "cluster-info-dump");

      assertThat(dumped).as(example + " " + state).isEqualTo(yaml);
      if (state.equals("broken")) {
        assertThat(yaml).isNotEmpty();
      }
    }
  }

  private static List<String> findings(String example, String state, String layout)
      throws Exception {
    String namespace =
        List.of("url-shortener", "cloudmart").contains(example) ? "production" : "default";
    try (DumpClusterReader reader =
        DumpClusterReader.open(dump(example, state, layout), Instant.parse(asOf(example, state)))) {
      return new Diagnoser()
          .diagnose(Diagnoser.read(reader, namespace), Duration.ZERO).findings().stream()
              .map(DiagnoseExamplesTest::withoutContext)
              .toList();
    }
  }

  private static String withoutContext(Finding f) {
    return String.join(
        " ",
        f.ruleId(),
        f.severity().toString(),
        f.subject(),
        f.message(),
        f.fix(),
        f.related().stream().map(e -> e.note()).toList().toString());
  }
}
