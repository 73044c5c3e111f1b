package dev.rootcause.rules.docker;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.docker.ContainerPaths;
import dev.rootcause.model.docker.Dockerfile;
import dev.rootcause.model.docker.Stage;
import dev.rootcause.rules.DockerfileRule;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import java.util.List;

/** A distroless runtime image already starts the interpreter, so the CMD names it a second time. */
@RuleSpec(
    id = "docker/interpreter-named-twice",
    severity = Severity.CRITICAL,
    kind = FindingKind.ROOT_CAUSE,
    summary = "CMD names the interpreter that the distroless image's ENTRYPOINT already starts",
    symptom =
        "container exits at once: node runs a script named node (Error: Cannot find module"
            + " '/app/node'); CrashLoopBackOff",
    fix =
        "Give CMD only the interpreter's arguments: CMD [\"server.js\"], not CMD [\"node\","
            + " \"server.js\"].")
public final class InterpreterNamedTwice implements DockerfileRule {

  @Override
  public void check(Dockerfile dockerfile, RuleContext ctx) {
    Stage last = dockerfile.finalStage().orElse(null);
    if (last == null
        || last.entrypoint() != null
        || last.cmd() == null
        || last.cmd().shellForm()
        || last.cmd().argv().isEmpty()) {
      return; // an ENTRYPOINT of its own replaces the interpreter
    }
    String interpreter = dockerfile.baseImage(last).entrypointInterpreter();
    List<String> argv = last.cmd().argv();
    if (interpreter == null || !sameProgram(ContainerPaths.fileName(argv.get(0)), interpreter)) {
      return;
    }
    int skip = interpreter.equals("java") && argv.size() > 1 && argv.get(1).equals("-jar") ? 2 : 1;
    List<String> rest = argv.subList(skip, argv.size());
    String runs =
        interpreter + (interpreter.equals("java") ? " -jar " : " ") + String.join(" ", argv);
    ctx.report(
            last.cmd().location(),
            "CMD starts with "
                + argv.get(0)
                + ", but FROM "
                + dockerfile.lineage(last).get(0).baseImage()
                + " already has ENTRYPOINT "
                + interpreter
                + (interpreter.equals("java") ? " -jar" : "")
                + ": the container runs "
                + runs)
        .symptom(symptom(interpreter, argv.get(0), last.workdir()))
        .fix("Drop the interpreter from CMD: CMD " + Stage.Command.execForm(rest) + ".");
  }

  private static boolean sameProgram(String program, String interpreter) {
    return switch (interpreter) {
      case "node" -> program.equals("node") || program.equals("nodejs");
      case "python3" -> program.startsWith("python");
      default -> program.equals(interpreter);
    };
  }

  private static String symptom(String interpreter, String first, String workdir) {
    String path = ContainerPaths.resolve(workdir == null ? "/" : workdir, first);
    return switch (interpreter) {
      case "node" ->
          "container exits at once with Error: Cannot find module '" + path + "'; CrashLoopBackOff";
      case "python3" ->
          "container exits at once with python3: can't open file '"
              + path
              + "': [Errno 2] No such file or directory; CrashLoopBackOff";
      default ->
          "container exits at once with Error: Unable to access jarfile "
              + first
              + "; CrashLoopBackOff";
    };
  }
}
