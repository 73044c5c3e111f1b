package dev.rootcause.rules;

import dev.rootcause.model.Layer;
import dev.rootcause.model.RuleInfo;
import dev.rootcause.model.app.AppFacts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns a rule class's {@link RuleSpec} into its validated {@link RuleInfo}. */
public final class RuleInfos {
  private RuleInfos() {}

  /** Reads and validates the annotation; a malformed spec is a programming error. */
  public static RuleInfo of(Class<?> ruleClass) {
    RuleSpec spec = ruleClass.getAnnotation(RuleSpec.class);
    if (spec == null) {
      throw new IllegalStateException(ruleClass.getName() + " has no @RuleSpec");
    }
    String where = ruleClass.getSimpleName() + " (" + spec.id() + ")";
    check(isRuleId(spec.id()), where + ": id must be layer/kebab-case");
    Layer layer = Layer.ofRuleId(spec.id());
    check(
        !spec.summary().isBlank() && !spec.summary().endsWith("."),
        where + ": summary must be non-empty with no trailing period");
    check(!spec.symptom().isBlank(), where + ": symptom is required");
    check(spec.fix().endsWith("."), where + ": fix must end with a period");
    check(spec.kind() != null, where + ": kind is required");
    Map<String, RuleInfo.Threshold> thresholds = new LinkedHashMap<>();
    for (RuleSpec.Threshold t : spec.thresholds()) {
      check(
          thresholds.put(t.name(), new RuleInfo.Threshold(t.name(), t.value(), t.description()))
              == null,
          where + ": duplicate threshold " + t.name());
    }
    List<AppFacts.Language> languages = List.of(spec.languages());
    check(languages.size() == Set.copyOf(languages).size(), where + ": a language is listed twice");
    check(
        layer == Layer.APP ? !languages.isEmpty() : languages.isEmpty(),
        where + ": an app rule names the languages it covers, and only an app rule does");
    List<String> explains = List.of(spec.explains());
    check(
        explains.isEmpty() || layer != Layer.RUNTIME, where + ": a runtime rule explains nothing");
    for (String symptom : explains) {
      check(
          isRuleId(symptom) && Layer.ofRuleId(symptom) == Layer.RUNTIME,
          where + ": explains " + symptom + ", which is not a runtime rule id");
    }
    check(explains.size() == Set.copyOf(explains).size(), where + ": a symptom is listed twice");
    return new RuleInfo(
        spec.id(),
        layer,
        spec.severity(),
        spec.kind(),
        spec.summary(),
        spec.symptom(),
        spec.fix(),
        List.copyOf(thresholds.values()),
        languages,
        explains,
        ruleClass);
  }

  /** {@code layer/kebab-case}: lower-case words of letters and digits, one hyphen between them. */
  static boolean isRuleId(String id) {
    int slash = id.indexOf('/');
    return slash > 0
        && slash == id.lastIndexOf('/')
        && isWord(id.substring(0, slash), false)
        && isWord(id.substring(slash + 1), true);
  }

  private static boolean isWord(String s, boolean hyphens) {
    if (s.isEmpty() || s.startsWith("-") || s.endsWith("-") || s.contains("--")) {
      return false;
    }
    return s.chars()
        .allMatch(c -> c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || hyphens && c == '-');
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalStateException(message);
    }
  }
}
