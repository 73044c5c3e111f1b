package dev.rootcause.pipeline;

import dev.rootcause.model.Finding;
import dev.rootcause.model.ScanResult;
import dev.rootcause.model.SystemModel;
import dev.rootcause.rules.RuleEngine;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs the rules over each system a tree deploys (see {@code SystemSplit}) and joins the outcomes:
 * what files shared by several systems say (a root Dockerfile, a base several overlays include) is
 * reported once.
 */
final class Systems {
  private Systems() {}

  static RuleEngine.Outcome run(RuleEngine engine, SystemModel whole, List<SystemModel> systems) {
    if (systems.size() <= 1) {
      return engine.run(whole);
    }
    List<Finding> findings = new ArrayList<>();
    Set<List<Object>> seen = new HashSet<>();
    Set<ScanResult.Suppressed> suppressed = new LinkedHashSet<>();
    Set<ScanResult.RuleFailure> failures = new LinkedHashSet<>();
    RuleEngine.Outcome first = null;
    for (SystemModel system : systems) {
      RuleEngine.Outcome outcome = engine.run(system);
      first = first == null ? outcome : first;
      // A line several systems share (a base two overlays include) is one fix: reported once.
      Set<List<Object>> here = new HashSet<>();
      for (Finding f : outcome.findings()) {
        List<Object> key = List.of(f.ruleId(), f.primary());
        if (!seen.contains(key)) {
          findings.add(f);
          here.add(key);
        }
      }
      seen.addAll(here);
      suppressed.addAll(outcome.suppressed());
      failures.addAll(outcome.failures());
    }
    findings.sort(RuleEngine.REPORT_ORDER);
    return new RuleEngine.Outcome(
        findings, List.copyOf(suppressed), List.copyOf(failures), first.rulesRun());
  }
}
