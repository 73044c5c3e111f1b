package dev.rootcause.rules.cross;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.model.Finding;
import dev.rootcause.model.Severity;
import dev.rootcause.testing.Scans;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The proxy-timeout fix names the setting, its new value above the handler's longest wait, and the
 * route; a wait that only sometimes passes the timeout is not every request's 504.
 */
class ProxyTimeoutFixTest {
  private static final Path CASES =
      Path.of("src/test/resources/rules/cross/proxy-timeout-below-handler-latency/positive");

  private static List<Finding> findings(String kase) {
    return Scans.scan(CASES.resolve(kase), "cross/proxy-timeout-below-handler-latency").findings();
  }

  @Test
  void fixesNameTheSettingAndAValueAboveTheLongestWait() {
    assertThat(findings("envoy-configmap-sidecar-python").get(0).fix())
        .isEqualTo(
            "Set timeout: 4s on the route / (the handler waits up to 2 s), or take time.sleep(2)"
                + " out of GET /reports/monthly.");
    assertThat(findings("nginx-conf-copied-spring").get(0).fix())
        .startsWith("Set proxy_read_timeout 13s; in location /api/ (the handler waits up to 8 s)");
    assertThat(findings("ingress-nginx-annotation-python").get(0).fix())
        .startsWith(
            "Set nginx.ingress.kubernetes.io/proxy-read-timeout: \"16\" on Ingress data/exports");
  }

  @Test
  void aWaitPastTheTimeoutOnlySometimesIsMedium() {
    assertThat(findings("envoy-file-beside-compose-node"))
        .singleElement()
        .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.MEDIUM));
    assertThat(findings("envoy-default-timeout-go-service"))
        .singleElement()
        .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.HIGH));
  }
}
