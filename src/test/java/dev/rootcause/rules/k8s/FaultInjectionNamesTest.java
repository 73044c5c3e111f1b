package dev.rootcause.rules.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which environment variable names say that faults are injected. */
class FaultInjectionNamesTest {

  @Test
  void namesOfIntentWithOrWithoutUnderscores() {
    assertThat(FaultInjectionEnabled.namesFaultInjection("CHAOS_FAILURE_RATE")).isTrue();
    assertThat(FaultInjectionEnabled.namesFaultInjection("chaosMonkeyEnabled")).isTrue();
    assertThat(FaultInjectionEnabled.namesFaultInjection("FAULTINJECTION")).isTrue();
    assertThat(FaultInjectionEnabled.namesFaultInjection("INJECTED_LATENCY_MS")).isTrue();
    assertThat(FaultInjectionEnabled.namesFaultInjection("SIMULATE_ERROR")).isTrue();
    assertThat(FaultInjectionEnabled.namesFaultInjection("PROXY_DROP_PERCENT")).isTrue();
    assertThat(FaultInjectionEnabled.namesFaultInjection("packet_loss")).isTrue();
  }

  @Test
  void lookAlikesAreNot() {
    assertThat(FaultInjectionEnabled.namesFaultInjection("ERROR_REPORTING_URL")).isFalse();
    assertThat(FaultInjectionEnabled.namesFaultInjection("RATE_LIMIT")).isFalse();
    assertThat(FaultInjectionEnabled.namesFaultInjection("FAILURE__RATE")).isFalse();
    assertThat(FaultInjectionEnabled.namesFaultInjection("DROP_CAPABILITIES")).isFalse();
  }
}
