package dev.rootcause.testing;

import dev.rootcause.collect.TextFiles;
import dev.rootcause.model.ScanResult;
import dev.rootcause.pipeline.BuiltInRules;
import dev.rootcause.pipeline.InputException;
import dev.rootcause.pipeline.Scanner;
import dev.rootcause.rules.Rule;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Runs the real pipeline on a folder, with all rules or just one. */
public final class Scans {
  private Scans() {}

  public static ScanResult scan(Path root) {
    return scan(root, BuiltInRules.all());
  }

  public static ScanResult scan(Path root, String onlyRuleId) {
    List<Rule> rules =
        BuiltInRules.all().stream().filter(r -> r.info().id().equals(onlyRuleId)).toList();
    if (rules.isEmpty()) {
      throw new IllegalArgumentException("no built-in rule " + onlyRuleId);
    }
    return scan(root, rules);
  }

  public static ScanResult scan(Path root, List<Rule> rules) {
    try {
      return new Scanner(rules).scan(root, new Scanner.Options(null, TextFiles.DEFAULT_MAX_BYTES));
    } catch (IOException | InputException e) {
      throw new AssertionError("scan of " + root + " failed: " + e.getMessage(), e);
    }
  }
}
