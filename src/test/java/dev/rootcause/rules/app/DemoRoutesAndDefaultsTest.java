package dev.rootcause.rules.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.model.Finding;
import dev.rootcause.model.Severity;
import dev.rootcause.testing.Scans;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Demo routes are named as such at low severity, and a missing timeout says the client's real
 * default.
 */
class DemoRoutesAndDefaultsTest {
  private static final Path FIXTURES = Path.of("src/test/resources/rules");

  private static List<Finding> scan(String ruleId, String kase) {
    return Scans.scan(FIXTURES.resolve(ruleId).resolve(kase), ruleId).findings();
  }

  @Test
  void aSlowDemoRouteIsLowNotAHighRootCause() {
    assertThat(scan("app/sleep-in-handler", "positive/express-simulate-slow-route"))
        .singleElement()
        .extracting(Finding::severity)
        .isEqualTo(Severity.LOW);
  }

  @Test
  void aChaosRouteIsLowNotACriticalRootCause() {
    assertThat(scan("app/random-failure-injection", "positive/flask-chaos-route"))
        .singleElement()
        .extracting(Finding::severity)
        .isEqualTo(Severity.LOW);
  }

  @Test
  void aRealRouteKeepsItsSeverity() {
    assertThat(scan("app/sleep-in-handler", "positive/express-await-timeout"))
        .allMatch(f -> f.severity() == Severity.HIGH);
  }

  @Test
  void fetchIsNotForeverAndAxiosIs() {
    List<String> messages =
        scan("app/outbound-call-without-timeout", "positive/axios-and-fetch-without-timeout")
            .stream()
            .map(Finding::message)
            .toList();
    assertThat(messages)
        .anyMatch(m -> m.contains("fetch (undici) waits up to 300 s"))
        .anyMatch(m -> m.contains("axios waits forever by default (timeout 0)"))
        .noneMatch(m -> m.contains("fetch") && m.contains("forever"));
  }

  @Test
  void requestsUrllibAndGoSayForever() {
    assertThat(scan("app/outbound-call-without-timeout", "positive/requests-without-timeout"))
        .extracting(Finding::message)
        .anyMatch(m -> m.endsWith(": requests waits forever by default"))
        .anyMatch(
            m -> m.endsWith(": urlopen waits forever unless socket.setdefaulttimeout is set"));
    assertThat(scan("app/outbound-call-without-timeout", "positive/go-http-get-default-client"))
        .allMatch(f -> f.message().contains("Go http.Client without Timeout waits forever"));
  }
}
