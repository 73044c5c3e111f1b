package dev.rootcause.rules.docker;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.docker.ContainerPaths;
import dev.rootcause.model.docker.Dockerfile;
import dev.rootcause.model.docker.Stage;
import dev.rootcause.rules.DockerfileRule;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code java app.jar}: without {@code -jar}, java reads the jar's name as a main class. */
@RuleSpec(
    id = "docker/jar-started-as-class",
    severity = Severity.CRITICAL,
    kind = FindingKind.ROOT_CAUSE,
    summary = "java is given a jar file without -jar, so it looks for a class named after the jar",
    symptom =
        "container exits at once with Error: Could not find or load main class app.jar"
            + " (ClassNotFoundException: app.jar); CrashLoopBackOff",
    fix = "Put -jar before the jar: ENTRYPOINT [\"java\", \"-jar\", \"app.jar\"].")
public final class JarStartedAsClass implements DockerfileRule {
  /** Options that name what to run some other way: then a jar argument is not the main class. */
  private static final Set<String> LAUNCH_MODES =
      Set.of("-jar", "-cp", "-classpath", "--class-path", "-m", "--module", "--source");

  private static final Set<String> WITH_VALUE = Set.of("-p", "--module-path", "--add-modules");

  @Override
  public void check(Dockerfile dockerfile, RuleContext ctx) {
    Stage last = dockerfile.finalStage().orElse(null);
    List<String> words = last == null ? List.of() : last.startsWith();
    if (words.isEmpty()
        || !ContainerPaths.fileName(words.get(0)).equals("java")
        || words.stream().anyMatch(LAUNCH_MODES::contains)) {
      return;
    }
    for (int i = 1; i < words.size(); i++) {
      String w = words.get(i);
      if (WITH_VALUE.contains(w)) {
        i++;
      } else if (!w.startsWith("-")) {
        if (w.endsWith(".jar")) {
          report(last, words, i, ctx);
        }
        return; // the first operand is the main class
      }
    }
  }

  private static void report(Stage last, List<String> words, int at, RuleContext ctx) {
    String jar = words.get(at);
    Stage.Command command = last.entrypoint() != null ? last.entrypoint() : last.cmd();
    String keyword = command == last.entrypoint() ? "ENTRYPOINT" : "CMD";
    List<String> fixed = new ArrayList<>(words);
    fixed.add(at, "-jar");
    var finding =
        ctx.report(
                command.location(),
                keyword
                    + " runs java "
                    + String.join(" ", words.subList(1, words.size()))
                    + " without -jar, so java looks for a main class named "
                    + jar)
            .symptom(
                "container exits at once with Error: Could not find or load main class "
                    + jar
                    + " (ClassNotFoundException: "
                    + jar
                    + "); CrashLoopBackOff");
    if (command.shellForm() || last.entrypoint() != null && last.cmd() != null) {
      finding.fix(
          "Put -jar before "
              + jar
              + ": java "
              + String.join(" ", fixed.subList(1, fixed.size()))
              + ".");
    } else {
      finding.fix(
          "Put -jar before " + jar + ": " + keyword + " " + Stage.Command.execForm(fixed) + ".");
    }
  }
}
