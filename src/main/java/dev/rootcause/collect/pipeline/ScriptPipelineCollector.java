package dev.rootcause.collect.pipeline;

import dev.rootcause.collect.Facts;
import dev.rootcause.collect.FileCollector;
import dev.rootcause.collect.FileKind;
import dev.rootcause.collect.SourceFile;
import dev.rootcause.model.SourceLocation;
import dev.rootcause.model.pipeline.ContainerRun;
import dev.rootcause.model.pipeline.Pipeline;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads plain deploy scripts ({@code deploy.sh}) and Makefiles as {@link Pipeline}s: a team that
 * ships with {@code ./deploy.sh} or {@code make deploy} has a pipeline as surely as one with
 * Jenkins, and the same delivery rules apply to it. A shell script is one stage; a Makefile has one
 * stage per target, its recipe lines the steps. Only files that deploy, check or roll back
 * something become pipelines, so build helpers stay out of the model.
 */
public final class ScriptPipelineCollector implements FileCollector {

  @Override
  public boolean accepts(FileKind kind) {
    return kind == FileKind.SHELL || kind == FileKind.MAKEFILE;
  }

  @Override
  public void collect(SourceFile file, String text, Facts facts) {
    String path = file.path();
    String name = path.substring(path.lastIndexOf('/') + 1);
    boolean makefile = file.kind() == FileKind.MAKEFILE;
    List<Pipeline.Stage> stages =
        makefile
            ? targets(path, text)
            : List.of(
                new Pipeline.Stage(
                    name,
                    new SourceLocation(path, 1, 0),
                    ShellLines.steps(path, text, 1),
                    List.of()));
    boolean delivers =
        stages.stream()
            .flatMap(s -> s.steps().stream())
            .anyMatch(s -> s.kind() != Pipeline.StepKind.OTHER);
    List<ContainerRun> runs = DockerRuns.in(stages);
    if (delivers || !runs.isEmpty()) {
      facts
          .model()
          .pipeline(
              new Pipeline(
                  path,
                  makefile ? "Makefile" : "deploy script",
                  stages,
                  runs,
                  HttpChecks.in(stages),
                  PortForwards.in(stages)));
    }
  }

  /**
   * One stage per rule of the Makefile, with its tab-indented recipe lines (make's echo and
   * error-ignore prefixes dropped). Variable assignments, conditionals and includes end a recipe.
   * Variables with a literal value ({@code IMAGE ?= orders}) are expanded; others stay as written.
   */
  private static List<Pipeline.Stage> targets(String path, String text) {
    List<Pipeline.Stage> stages = new ArrayList<>();
    String[] lines = text.replace("\r\n", "\n").split("\n", -1);
    Map<String, String> vars = literalVariables(lines);
    String target = null;
    int targetLine = 0;
    StringBuilder recipe = new StringBuilder();
    int recipeLine = 0;
    for (int i = 0; i <= lines.length; i++) {
      String line = i < lines.length ? lines[i] : "";
      if (target != null && line.startsWith("\t")) {
        if (recipe.isEmpty()) {
          recipeLine = i + 1;
        }
        recipe.append(expand(stripPrefixes(line.substring(1)), vars)).append('\n');
        continue;
      }
      if (target != null && (line.isBlank() || line.startsWith("#")) && i < lines.length) {
        // A blank or comment line inside a recipe keeps the recipe open, as make does.
        if (!recipe.isEmpty()) {
          recipe.append('\n');
        }
        continue;
      }
      if (target != null) {
        List<Pipeline.Step> steps =
            recipe.isEmpty() ? List.of() : ShellLines.steps(path, recipe.toString(), recipeLine);
        stages.add(
            new Pipeline.Stage(target, new SourceLocation(path, targetLine, 0), steps, List.of()));
        target = null;
        recipe.setLength(0);
      }
      String rule = ruleName(line);
      if (rule != null) {
        target = rule;
        targetLine = i + 1;
      }
    }
    return stages;
  }

  /** The first target of a rule line ({@code deploy: build}), or null for anything else. */
  private static String ruleName(String line) {
    if (line.isEmpty() || Character.isWhitespace(line.charAt(0)) || line.startsWith("#")) {
      return null;
    }
    int colon = line.indexOf(':');
    if (colon <= 0
        || line.startsWith("=", colon + 1)
        || line.startsWith(":=", colon + 1)
        || line.substring(0, colon).contains("=")) {
      return null;
    }
    String names = line.substring(0, colon).strip();
    if (names.isEmpty() || names.startsWith(".")) {
      return null;
    }
    return names.split("\\s+")[0];
  }

  /**
   * {@code NAME = value}, {@code ?=}, {@code :=}, {@code ::=} assignments whose value has no {@code
   * $}.
   */
  private static Map<String, String> literalVariables(String[] lines) {
    Map<String, String> vars = new HashMap<>();
    for (String line : lines) {
      if (line.startsWith("\t") || line.startsWith("#")) {
        continue;
      }
      String l = line.startsWith("export ") ? line.substring(7) : line;
      int eq = l.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String name = l.substring(0, eq).replaceAll("[?:+!]+$", "").strip();
      String value = l.substring(eq + 1).strip();
      if (l.charAt(eq - 1) == '+' || l.charAt(eq - 1) == '!' || !name.matches("[A-Za-z0-9_.-]+")) {
        continue;
      }
      if (value.contains("$")) {
        vars.remove(name);
      } else if (l.charAt(eq - 1) != '?' || !vars.containsKey(name)) {
        vars.put(name, value);
      }
    }
    return vars;
  }

  private static String expand(String recipeLine, Map<String, String> vars) {
    String out = recipeLine;
    for (Map.Entry<String, String> v : vars.entrySet()) {
      out =
          out.replace("$(" + v.getKey() + ")", v.getValue())
              .replace("${" + v.getKey() + "}", v.getValue());
    }
    return out;
  }

  private static String stripPrefixes(String recipeLine) {
    String s = recipeLine.strip();
    while (!s.isEmpty() && "@-+".indexOf(s.charAt(0)) >= 0) {
      s = s.substring(1).strip();
    }
    return s;
  }
}
