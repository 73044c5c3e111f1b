package dev.rootcause.model.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.model.ClusterLocation;
import dev.rootcause.testing.Pods;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Service an address in a log belongs to: its ClusterIP, or a pod it selects. */
class ServiceAddressesTest {
  private static final Map<String, String> PG = Map.of("app.kubernetes.io/name", "postgresql");

  private static PodState pod(String name, Map<String, String> labels, String ip) {
    return new PodState(
        "payments",
        name,
        "Running",
        true,
        Pods.T0,
        labels,
        List.of(),
        new ClusterLocation(Pods.CONTEXT, "payments", "Pod", name, ".status"),
        ip);
  }

  private static ServiceState service(String name, Map<String, String> selector, String ip) {
    return new ServiceState(
        "payments", name, "ClusterIP", selector, List.of(5432), true, 1, List.of(), ip);
  }

  private final ServiceAddresses addresses =
      new ServiceAddresses(
          new ClusterState(
              Pods.CONTEXT,
              "test",
              "payments",
              Duration.ZERO,
              false,
              List.of(
                  new PodSnapshot(
                      Pods.T0,
                      List.of(
                          pod("postgres-postgresql-0", PG, "10.4.1.9"),
                          pod("batch-7f9c-x2k4", Map.of("app", "batch"), "10.4.1.30")))),
              Pods.T0,
              List.of(),
              new ClusterObjects(
                  List.of(),
                  List.of(),
                  List.of(
                      service("postgres", PG, "10.96.0.12"), service("metrics", Map.of(), "None")),
                  List.of())));

  @Test
  void aClusterIpWithItsPortIsTheServiceThatHasIt() {
    assertThat(addresses.of("10.96.0.12:5432", "payments"))
        .isEqualTo(
            new ServiceAddresses.Target(
                new ServiceRef("payments", "postgres"), "the ClusterIP of Service postgres"));
    assertThat(addresses.of("10.96.0.12", "other").ref())
        .isEqualTo(new ServiceRef("payments", "postgres"));
  }

  @Test
  void aPodIpIsTheServiceThatSelectsThePod() {
    assertThat(addresses.of("10.4.1.9:5432", "payments"))
        .isEqualTo(
            new ServiceAddresses.Target(
                new ServiceRef("payments", "postgres"),
                "the IP of pod postgres-postgresql-0, behind Service postgres"));
  }

  @Test
  void aHostNameIsResolvedAsClusterDnsDoes() {
    assertThat(addresses.of("postgres.payments.svc:5432", "web"))
        .isEqualTo(new ServiceAddresses.Target(new ServiceRef("payments", "postgres"), null));
  }

  @Test
  void anIpNoServiceOwnsIsAnExternalHostNotAService() {
    // The traps: a managed database outside the cluster, a pod that is gone (its IP is in no
    // pod of the state), a pod no Service selects, and addresses that are no IPv4.
    assertThat(addresses.of("10.20.30.40:5432", "payments")).isNull();
    assertThat(addresses.of("10.4.1.77:8080", "payments")).isNull();
    assertThat(addresses.of("10.4.1.30:8080", "payments")).isNull();
    assertThat(addresses.of("[::1]:5432", "payments")).isNull();
    assertThat(addresses.of("10.96.0.12.5:5432", "payments")).isNull();
    assertThat(addresses.of("1000.96.0.12", "payments")).isNull();
  }
}
