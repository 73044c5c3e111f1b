package dev.rootcause.rules;

import dev.rootcause.model.Severity;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code .rootcause.yaml} says about rules: which run ({@code include} empty means all but
 * {@code exclude}), severity overrides, thresholds per rule, and path globs to ignore.
 */
public record RuleSettings(
    Set<String> include,
    Set<String> exclude,
    Map<String, Severity> severity,
    Map<String, Map<String, Long>> thresholds,
    List<String> ignorePaths) {

  public static final RuleSettings DEFAULTS =
      new RuleSettings(Set.of(), Set.of(), Map.of(), Map.of(), List.of());

  public RuleSettings {
    include = Set.copyOf(include);
    exclude = Set.copyOf(exclude);
    severity = Map.copyOf(severity);
    thresholds = Map.copyOf(thresholds);
    ignorePaths = List.copyOf(ignorePaths);
  }

  public boolean enabled(String ruleId) {
    return (include.isEmpty() || include.contains(ruleId)) && !exclude.contains(ruleId);
  }

  public Optional<Severity> severityOf(String ruleId) {
    return Optional.ofNullable(severity.get(ruleId));
  }

  public Optional<Long> threshold(String ruleId, String name) {
    Long v = thresholds.getOrDefault(ruleId, Map.of()).get(name);
    return Optional.ofNullable(v);
  }
}
