package dev.rootcause.model.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.model.SourceLocation;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkloadSemanticsTest {

  @Test
  void percentagesRoundAsTheControllersDo() {
    IntOrPercent quarter = IntOrPercent.parse("25%");
    assertThat(quarter.of(3, false)).isZero(); // maxUnavailable rounds down
    assertThat(quarter.of(3, true)).isEqualTo(1); // maxSurge rounds up
    assertThat(IntOrPercent.parse("2").of(10, false)).isEqualTo(2);
    assertThat(IntOrPercent.parse("one")).isNull();
    assertThat(IntOrPercent.parse("0%").isZero()).isTrue();
  }

  @Test
  void programsOfAShellScriptAreEachCommandsFirstWord() {
    assertThat(
            StockImages.programs(
                List.of("sh", "-c", "until curl -fs http://api:8080/; do sleep 2; done && bash x")))
        .containsExactly("sh", "curl", "sleep", "bash");
    assertThat(StockImages.programs(List.of("/bin/bash", "-c", "echo hi")))
        .containsExactly("/bin/bash", "echo");
    assertThat(StockImages.programs(List.of("redis-cli", "ping"))).containsExactly("redis-cli");
  }

  @Test
  void stockImagesLackOnlyWhatTheyCertainlyLack() {
    SourceLocation at = SourceLocation.of("a.yaml", 1);
    assertThat(StockImages.lacks(ImageRef.parse("busybox:1.36", at), "bash")).isPresent();
    assertThat(StockImages.lacks(ImageRef.parse("busybox:1.36", at), "wget")).isEmpty();
    assertThat(StockImages.lacks(ImageRef.parse("python:3.12-alpine", at), "bash")).isPresent();
    assertThat(StockImages.lacks(ImageRef.parse("nginx:1.25-alpine", at), "curl")).isEmpty();
    assertThat(StockImages.lacks(ImageRef.parse("gcr.io/distroless/static", at), "sh")).isPresent();
    assertThat(StockImages.lacks(ImageRef.parse("ghcr.io/acme/app:alpine", at), "bash")).isEmpty();
  }

  @Test
  void initWaitsTellLookupsFromConnections() {
    Container init =
        new Container(
            "wait",
            ImageRef.parse("busybox", null),
            null,
            List.of(),
            List.of(),
            List.of(),
            ResourceSpec.none(),
            null,
            null,
            null,
            SecuritySettings.none(),
            List.of("sh", "-c"),
            List.of(
                "until nslookup db.data.svc.cluster.local; do sleep 1; done;"
                    + " until nc -z cache 6379; do sleep 1; done; wget -qO- http://api:8080/ready"),
            true,
            SourceLocation.of("a.yaml", 1));
    assertThat(InitWaits.of(init))
        .extracting(c -> c.host() + " " + c.program() + " " + c.connects())
        .containsExactly(
            "db.data.svc.cluster.local nslookup false", "cache nc true", "api wget true");
  }

  @Test
  void schedulerEventSortsCountedReasons() {
    assertThat(
            Scheduling.event(
                List.of(
                    List.of("node(s) had untolerated taint {a: }"),
                    List.of(Scheduling.SELECTOR),
                    List.of(Scheduling.SELECTOR))))
        .isEqualTo(
            "0/3 nodes are available: 1 node(s) had untolerated taint {a: },"
                + " 2 node(s) didn't match Pod's node affinity/selector.");
  }
}
