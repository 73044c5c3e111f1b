package dev.rootcause.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
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

  @RuleSpec(
      id = "k8s/explains-a-symptom",
      explains = {"runtime/oom-killed"},
      severity = Severity.HIGH,
      kind = FindingKind.ROOT_CAUSE,
      summary = "Explains a symptom",
      symptom = "OOMKilled",
      fix = "Fix it.")
  static final class ExplainsASymptom {}

  @RuleSpec(
      id = "k8s/explains-a-static-rule",
      explains = {"k8s/probe-port-not-exposed"},
      severity = Severity.HIGH,
      kind = FindingKind.ROOT_CAUSE,
      summary = "Explains a static rule",
      symptom = "none",
      fix = "Fix it.")
  static final class ExplainsAStaticRule {}

  @RuleSpec(
      id = "runtime/explains-itself",
      explains = {"runtime/oom-killed"},
      severity = Severity.HIGH,
      kind = FindingKind.ROOT_CAUSE,
      summary = "A symptom explaining one",
      symptom = "none",
      fix = "Fix it.")
  static final class RuntimeExplains {}

  @Test
  void onlyAStaticRuleExplainsAndOnlyRuntimeSymptoms() {
    assertThat(RuleInfos.of(ExplainsASymptom.class).explains())
        .containsExactly("runtime/oom-killed");
    assertThatThrownBy(() -> RuleInfos.of(ExplainsAStaticRule.class))
        .hasMessageContaining("not a runtime rule id");
    assertThatThrownBy(() -> RuleInfos.of(RuntimeExplains.class))
        .hasMessageContaining("a runtime rule explains nothing");
  }
}
