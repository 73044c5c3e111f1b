package dev.rootcause.rules;

import dev.rootcause.model.Layer;
import dev.rootcause.model.Severity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** A rule's validated metadata, read once from its {@link RuleSpec}. */
public record RuleInfo(
    String id,
    Layer layer,
    Severity severity,
    String summary,
    String symptom,
    String fix,
    List<Threshold> thresholds,
    Class<?> ruleClass) {

  private static final Pattern ID = Pattern.compile("[a-z0-9]+/[a-z0-9]+(-[a-z0-9]+)*");

  /** A tunable number and its default. */
  public record Threshold(String name, long defaultValue, String description) {}

  public RuleInfo {
    thresholds = List.copyOf(thresholds);
  }

  /** Reads and validates the annotation; a malformed spec is a programming error. */
  public static RuleInfo of(Class<?> ruleClass) {
    RuleSpec spec = ruleClass.getAnnotation(RuleSpec.class);
    if (spec == null) {
      throw new IllegalStateException(ruleClass.getName() + " has no @RuleSpec");
    }
    String where = ruleClass.getSimpleName() + " (" + spec.id() + ")";
    check(ID.matcher(spec.id()).matches(), where + ": id must be layer/kebab-case");
    Layer layer = Layer.ofRuleId(spec.id());
    check(!spec.summary().isBlank() && !spec.summary().endsWith("."),
        where + ": summary must be non-empty with no trailing period");
    check(!spec.symptom().isBlank(), where + ": symptom is required");
    check(spec.fix().endsWith("."), where + ": fix must end with a period");
    Map<String, Threshold> thresholds = new LinkedHashMap<>();
    for (RuleSpec.Threshold t : spec.thresholds()) {
      check(thresholds.put(t.name(), new Threshold(t.name(), t.value(), t.description())) == null,
          where + ": duplicate threshold " + t.name());
    }
    return new RuleInfo(spec.id(), layer, spec.severity(), spec.summary(), spec.symptom(),
        spec.fix(), List.copyOf(thresholds.values()), ruleClass);
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalStateException(message);
    }
  }

  /** The long explanation's resource: {@code /rules/k8s/probe-port-not-exposed.md}. */
  public String docResource() {
    return "/rules/" + id + ".md";
  }
}
