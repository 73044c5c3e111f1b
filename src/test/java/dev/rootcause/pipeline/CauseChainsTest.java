package dev.rootcause.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.model.incident.CauseChain;
import dev.rootcause.model.incident.Incident;
import dev.rootcause.model.incident.IncidentSeverity;
import dev.rootcause.model.incident.RootCause;
import dev.rootcause.model.incident.Status;
import dev.rootcause.model.incident.TimelineEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

class CauseChainsTest {
  private static RootCause cause(String rule, String layer, String path, int line, String... pods) {
    return new RootCause(
        rule, "high", layer, path, line, rule + " message", "fix it", "", "", List.of(pods), 100);
  }

  private static Incident incident(List<RootCause> causes, TimelineEntry... entries) {
    return new Incident(
        "INC-1",
        "orders fail",
        IncidentSeverity.SEV1,
        Status.RESOLVED,
        List.of("gateway"),
        0,
        0,
        0,
        List.of(entries),
        causes);
  }

  @Test
  void aServiceWithoutEndpointsGoesUnderTheCrashLoopOnTheSamePod() {
    RootCause env =
        cause("cross/required-env-missing", "cross", "k8s/db.yaml", 19, "Pod prod/db-7f-h5");
    RootCause noEndpoints =
        cause(
            "runtime/service-without-endpoints",
            "runtime",
            "Service prod/db .spec.selector",
            0,
            "Pod prod/db-7f-h5");

    List<CauseChain> chains = CauseChains.of(incident(List.of(noEndpoints, env)));

    assertThat(chains).hasSize(1);
    assertThat(chains.get(0).cause()).isEqualTo(env);
    assertThat(chains.get(0).consequences()).containsExactly(noEndpoints);
  }

  @Test
  void aRuntimeSymptomNoFindingWithALineNamesStaysARootCause() {
    // The trap: two symptoms on the same pod explain nothing about each other.
    RootCause crash =
        cause("runtime/crash-loop-back-off", "runtime", "Pod prod/a", 0, "Pod prod/a");
    RootCause noEndpoints =
        cause("runtime/service-without-endpoints", "runtime", "Service prod/a", 0, "Pod prod/a");
    RootCause unrelated = cause("k8s/memory-limit-too-low", "k8s", "k8s/b.yaml", 9, "Pod prod/b");

    List<CauseChain> chains = CauseChains.of(incident(List.of(crash, noEndpoints, unrelated)));

    assertThat(chains).extracting(CauseChain::cause).containsExactly(crash, noEndpoints, unrelated);
    assertThat(chains).allMatch(c -> c.consequences().isEmpty());
  }

  @Test
  void aFixIsPairedOnlyWithAVerifyRunAfterItsCauseWasFound() {
    RootCause early = cause("k8s/a", "k8s", "a.yaml", 1);
    RootCause late =
        new RootCause("k8s/b", "high", "k8s", "b.yaml", 2, "m", "f", "", "", List.of(), 500);
    TimelineEntry verify =
        new TimelineEntry(
            300,
            TimelineEntry.Kind.EVIDENCE,
            null,
            "Fix verified: all 1 criteria passed (success=100% 100% (20/20))");

    List<CauseChain> chains = CauseChains.of(incident(List.of(early, late), verify));

    assertThat(chains.get(0).verification().passed()).isTrue();
    assertThat(chains.get(0).verification().criteria()).startsWith("all 1 criteria passed");
    assertThat(chains.get(1).verification()).isNull();
  }
}
