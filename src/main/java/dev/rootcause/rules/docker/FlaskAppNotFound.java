package dev.rootcause.rules.docker;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.docker.ContainerPaths;
import dev.rootcause.model.docker.Dockerfile;
import dev.rootcause.model.docker.Stage;
import dev.rootcause.model.docker.StageContents;
import dev.rootcause.model.k8s.Container;
import dev.rootcause.model.k8s.Workload;
import dev.rootcause.rules.DockerfileRule;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import java.util.List;
import java.util.Map;

/** {@code flask run} with no FLASK_APP finds only app.py or wsgi.py, and the image has neither. */
@RuleSpec(
    id = "docker/flask-app-not-found",
    severity = Severity.CRITICAL,
    kind = FindingKind.ROOT_CAUSE,
    summary =
        "flask run has no FLASK_APP or --app, and the working folder holds no app.py or"
            + " wsgi.py",
    symptom =
        "container exits at once with Error: Could not locate a Flask application. Use the"
            + " 'flask --app' option, 'FLASK_APP' environment variable, or a 'wsgi.py' or 'app.py'"
            + " file in the current directory; CrashLoopBackOff",
    fix = "Name the module: ENV FLASK_APP=<module> or flask --app <module> run.")
public final class FlaskAppNotFound implements DockerfileRule {
  /** What flask tries, in order, when no application is named; packages count as modules. */
  private static final List<String> DISCOVERED =
      List.of("wsgi.py", "app.py", "wsgi", "app", ".flaskenv", ".env");

  @Override
  public void check(Dockerfile dockerfile, RuleContext ctx) {
    Stage last = dockerfile.finalStage().orElse(null);
    List<String> words = last == null ? List.of() : last.startsWith();
    if (words.size() < 2
        || !ContainerPaths.fileName(words.get(0)).equals("flask")
        || !words.contains("run")
        || last.workdir() == null
        || words.stream()
            .anyMatch(w -> w.equals("--app") || w.equals("-A") || w.startsWith("--app="))
        || last.env().containsKey("FLASK_APP")
        || setByWorkload(dockerfile, ctx)) {
      return;
    }
    StageContents files = dockerfile.contents(last);
    for (String name : DISCOVERED) {
      if (files.mayHave(ContainerPaths.resolve(last.workdir(), name))) {
        return; // found by discovery, or named in a dotenv file flask reads
      }
    }
    String module =
        files.entries().stream()
            .map(e -> ContainerPaths.fileName(e.path()))
            .filter(n -> n.endsWith(".py"))
            .findFirst()
            .map(n -> n.substring(0, n.length() - 3))
            .orElse("<module>");
    Stage.Command command = last.entrypoint() != null ? last.entrypoint() : last.cmd();
    ctx.report(
            command.location(),
            "flask run in "
                + last.workdir()
                + " names no application (no FLASK_APP, no --app),"
                + " and the final stage puts no app.py or wsgi.py there")
        .fix(
            "Add ENV FLASK_APP="
                + module
                + " (the module that creates the Flask app), or run"
                + " flask --app "
                + module
                + " run.");
  }

  private static boolean setByWorkload(Dockerfile dockerfile, RuleContext ctx) {
    for (Map.Entry<Workload, Container> e : ctx.model().containersRunning(dockerfile)) {
      if (e.getValue().env().stream().anyMatch(v -> v.name().equals("FLASK_APP"))) {
        return true;
      }
    }
    return false;
  }
}
