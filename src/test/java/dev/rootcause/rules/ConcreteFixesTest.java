package dev.rootcause.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.model.Finding;
import dev.rootcause.model.ScanResult;
import dev.rootcause.report.Format;
import dev.rootcause.report.RenderOptions;
import dev.rootcause.report.Renderers;
import dev.rootcause.testing.Scans;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fixes and subjects of the autoscaling, network and service-discovery rules name concrete
 * values, and no output format ever carries a connection string's password.
 */
class ConcreteFixesTest {
  private static final Path FIXTURES = RuleFixturesTest.FIXTURES;

  private static List<Finding> scan(String ruleId, String kase) {
    return Scans.scan(FIXTURES.resolve(ruleId).resolve(kase), ruleId).findings();
  }

  private static String fix(String ruleId, String kase) {
    List<Finding> findings = scan(ruleId, kase);
    assertThat(findings).hasSize(1);
    return findings.get(0).fix();
  }

  @Test
  void unknownServiceHostPointsAtTheServiceAndPort() {
    assertThat(fix("k8s/unknown-service-host", "positive/seed-002-database-url"))
        .isEqualTo("Point env DATABASE_URL at database-service:8080.");
    assertThat(fix("k8s/unknown-service-host", "positive/client-uses-target-port"))
        .isEqualTo(
            "Point env ORDER_SERVICE_URL (envFrom ConfigMap api-config) at order-service:80.");
    assertThat(fix("k8s/unknown-service-host", "positive/redis-deployment-without-service"))
        .isEqualTo("Create a Service named redis selecting Deployment web/redis pods.");
    assertThat(scan("k8s/unknown-service-host", "positive/seed-002-database-url").get(0).subject())
        .isEqualTo("Deployment production/order-service container order-service");
  }

  @Test
  void passwordsInConnectionStringsNeverReachAnyOutput() throws IOException {
    ScanResult result =
        Scans.scan(FIXTURES.resolve("k8s/unknown-service-host/positive/postgres-url-in-secret"));
    assertThat(result.findings()).extracting(Finding::ruleId).contains("k8s/unknown-service-host");
    for (Format format : Renderers.SCAN.formats()) {
      StringWriter out = new StringWriter();
      Renderers.SCAN.renderer(format, RenderOptions.PLAIN).render(result, out);
      assertThat(out.toString())
          .as(format.label())
          .contains("db:5432")
          .doesNotContain("Sup3r-s3cret")
          .doesNotContain("orders:Sup3r");
    }
  }

  @Test
  void networkFixesNameTheLabelsAndPorts() {
    assertThat(
            fix(
                "network/policy-blocks-service-traffic",
                "positive/gateway-admitted-by-wrong-label"))
        .isEqualTo(
            "Change the rule's from.podSelector to app: gateway (the labels of Deployment"
                + " production/gateway), or add that peer beside it.");
    assertThat(fix("network/policy-blocks-service-traffic", "positive/egress-locked-to-auth"))
        .isEqualTo(
            "Add an egress rule to NetworkPolicy production/api-egress: to podSelector app:"
                + " order-service, port 3002.");
    assertThat(fix("network/policy-selects-nothing", "positive/pod-selector-label-typo"))
        .isEqualTo(
            "If it is meant for Deployment production/api-service, change the podSelector to"
                + " app: api-service.");
    assertThat(fix("network/egress-blocks-dns", "positive/egress-without-port-53"))
        .startsWith(
            "Add an egress rule to NetworkPolicy production/order-service-egress: to"
                + " namespaceSelector kubernetes.io/metadata.name: kube-system");
  }

  @Test
  void autoscalingFixesComputeTheNumbers() {
    assertThat(fix("hpa/static-average-value", "positive/seed-001-average-value-500m"))
        .isEqualTo(
            "Set target type: Utilization, averageUtilization: 70 (70% of the 300m request is"
                + " 210m per pod).");
    assertThat(fix("hpa/target-missing", "positive/name-typo"))
        .isEqualTo("Set scaleTargetRef to kind: Deployment, name: orders-api.");
    assertThat(fix("hpa/target-has-no-requests", "positive/sidecar-without-cpu-request"))
        .isEqualTo("Add resources.requests.cpu to container log-shipper.");
    assertThat(fix("hpa/replicas-override-autoscaler", "positive/deployment-replicas-with-hpa"))
        .isEqualTo("Remove replicas: 2 from Deployment go-app; HPA go-app keeps at least 2 pods.");
  }
}
