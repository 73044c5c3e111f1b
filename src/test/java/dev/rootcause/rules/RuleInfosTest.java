package dev.rootcause.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RuleInfosTest {
  @Test
  void ruleIdsAreLayerSlashKebabCase() {
    assertThat(RuleInfos.isRuleId("k8s/probe-port-not-exposed")).isTrue();
    assertThat(RuleInfos.isRuleId("app/sleep-in-handler")).isTrue();
    assertThat(RuleInfos.isRuleId("runtime/oom2")).isTrue();
    assertThat(RuleInfos.isRuleId("k8s/Probe-port")).isFalse();
    assertThat(RuleInfos.isRuleId("k8s/probe--port")).isFalse();
    assertThat(RuleInfos.isRuleId("k8s/-probe")).isFalse();
    assertThat(RuleInfos.isRuleId("k8s/probe-")).isFalse();
    assertThat(RuleInfos.isRuleId("k-8s/probe")).isFalse();
    assertThat(RuleInfos.isRuleId("probe-port")).isFalse();
    assertThat(RuleInfos.isRuleId("k8s/probe/port")).isFalse();
    assertThat(RuleInfos.isRuleId("/probe")).isFalse();
    assertThat(RuleInfos.isRuleId("k8s/")).isFalse();
  }
}
