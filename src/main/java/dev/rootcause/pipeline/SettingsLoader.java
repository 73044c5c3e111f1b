package dev.rootcause.pipeline;

import dev.rootcause.collect.yaml.YamlNode;
import dev.rootcause.collect.yaml.YamlNode.Mapping;
import dev.rootcause.collect.yaml.YamlReader;
import dev.rootcause.model.CollectionProblem;
import dev.rootcause.model.RuleInfo;
import dev.rootcause.model.Severity;
import dev.rootcause.model.SourceLocation;
import dev.rootcause.rules.RuleSettings;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code .rootcause.yaml}. Strict: an unknown key, rule id or threshold is an error naming
 * the file and line, because a typo in a suppression would otherwise silently do nothing.
 *
 * <pre>
 * rules:
 *   exclude: [docker/heavy-base-image]
 *   severity: {k8s/missing-resources: low}
 * thresholds:
 *   k8s/probe-timing-too-aggressive: {minInitialDelaySeconds: 10}
 * ignorePaths: ["legacy/**"]
 * </pre>
 */
public final class SettingsLoader {
  private static final Set<String> TOP_KEYS = Set.of("rules", "thresholds", "ignorePaths");
  private static final Set<String> RULE_KEYS = Set.of("include", "exclude", "severity");

  private final Map<String, RuleInfo> catalogue;

  public SettingsLoader(List<RuleInfo> catalogue) {
    this.catalogue = new LinkedHashMap<>();
    catalogue.forEach(r -> this.catalogue.put(r.id(), r));
  }

  public RuleSettings load(Path file, String displayPath) throws InputException {
    String text;
    try {
      text = Files.readString(file);
    } catch (CharacterCodingException e) {
      throw new InputException(displayPath + ": config is not UTF-8 text; convert it to UTF-8");
    } catch (IOException e) {
      throw new InputException(displayPath + ": cannot read config: " + e.getMessage());
    }
    YamlReader.Result read = YamlReader.read(displayPath, text);
    if (!read.problems().isEmpty()) {
      // Not "skipped": a config that cannot be read stops the scan.
      CollectionProblem problem = read.problems().get(0);
      throw new InputException(problem.location().display() + ": " + problem.message());
    }
    if (read.documents().isEmpty()
        || read.documents().get(0).root() instanceof YamlNode.Scalar s && s.isNull()) {
      return RuleSettings.DEFAULTS;
    }
    if (!(read.documents().get(0).root() instanceof Mapping root)) {
      throw new InputException(
          displayPath + ": config must be a mapping of rules, thresholds, ignorePaths");
    }
    checkKeys(root, TOP_KEYS);
    Set<String> include = new HashSet<>();
    Set<String> exclude = new HashSet<>();
    Map<String, Severity> severity = new HashMap<>();
    Map<String, Map<String, Long>> thresholds = new HashMap<>();
    if (root.has("rules")) {
      Mapping rules = mapping(root, "rules");
      checkKeys(rules, RULE_KEYS);
      include.addAll(ruleIds(rules, "include"));
      exclude.addAll(ruleIds(rules, "exclude"));
      if (rules.has("severity")) {
        for (Mapping.Entry e : mapping(rules, "severity").entries().values()) {
          knownRule(e.key(), e.keyLocation());
          try {
            severity.put(e.key(), Severity.parse(scalar(e).value()));
          } catch (IllegalArgumentException ex) {
            throw new InputException(e.keyLocation().display() + ": " + ex.getMessage());
          }
        }
      }
    }
    if (root.has("thresholds")) {
      for (Mapping.Entry rule : mapping(root, "thresholds").entries().values()) {
        RuleInfo info = knownRule(rule.key(), rule.keyLocation());
        if (!(rule.value() instanceof Mapping values)) {
          throw new InputException(
              rule.keyLocation().display()
                  + ": thresholds of "
                  + rule.key()
                  + " must be a mapping of name: number");
        }
        Map<String, Long> named = new HashMap<>();
        for (Mapping.Entry t : values.entries().values()) {
          if (info.thresholds().stream().noneMatch(d -> d.name().equals(t.key()))) {
            throw new InputException(
                t.keyLocation().display()
                    + ": "
                    + rule.key()
                    + " has no threshold '"
                    + t.key()
                    + "' (it has: "
                    + info.thresholds().stream().map(RuleInfo.Threshold::name).toList()
                    + ")");
          }
          String value = scalar(t).value();
          try {
            named.put(t.key(), Long.parseLong(value));
          } catch (NumberFormatException ex) {
            throw new InputException(
                t.keyLocation().display()
                    + ": threshold "
                    + t.key()
                    + " must be a whole number, not '"
                    + value
                    + "'");
          }
        }
        thresholds.put(rule.key(), named);
      }
    }
    List<String> ignorePaths = root.has("ignorePaths") ? root.strings("ignorePaths") : List.of();
    return new RuleSettings(include, exclude, severity, thresholds, ignorePaths);
  }

  private RuleInfo knownRule(String id, SourceLocation where) throws InputException {
    RuleInfo info = catalogue.get(id);
    if (info == null) {
      throw new InputException(
          where.display()
              + ": unknown rule '"
              + id
              + "' (run 'rootcause rules' for the catalogue)");
    }
    return info;
  }

  private Set<String> ruleIds(Mapping m, String key) throws InputException {
    Set<String> ids = new HashSet<>();
    if (!m.has(key)) {
      return ids;
    }
    if (!(m.get(key).orElseThrow() instanceof YamlNode.Sequence list)) {
      throw new InputException(
          m.locationOf(key).display() + ": '" + key + "' must be a list of rule ids");
    }
    for (YamlNode item : list.items()) {
      // Each id's own position, so a typo in a long list is found at once.
      if (!(item instanceof YamlNode.Scalar s) || s.value() == null) {
        throw new InputException(item.location().display() + ": expected a rule id");
      }
      knownRule(s.value(), s.location());
      ids.add(s.value());
    }
    return ids;
  }

  private static void checkKeys(Mapping m, Set<String> allowed) throws InputException {
    for (Mapping.Entry e : m.entries().values()) {
      if (!allowed.contains(e.key())) {
        throw new InputException(
            e.keyLocation().display()
                + ": unknown key '"
                + e.key()
                + "' (expected one of "
                + allowed.stream().sorted().toList()
                + ")");
      }
    }
  }

  private static Mapping mapping(Mapping parent, String key) throws InputException {
    return parent
        .map(key)
        .orElseThrow(
            () ->
                new InputException(
                    parent.locationOf(key).display() + ": '" + key + "' must be a mapping"));
  }

  private static YamlNode.Scalar scalar(Mapping.Entry e) throws InputException {
    if (e.value() instanceof YamlNode.Scalar s && s.value() != null) {
      return s;
    }
    throw new InputException(e.keyLocation().display() + ": '" + e.key() + "' needs a value");
  }
}
