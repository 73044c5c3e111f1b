package dev.rootcause.rules.app;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.app.AppFacts;
import dev.rootcause.model.app.AppFacts.Language;
import dev.rootcause.model.app.Hazard;
import dev.rootcause.model.docker.Dockerfile;
import dev.rootcause.model.docker.Stage;
import dev.rootcause.rules.AppRule;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;

/**
 * Seed 000 ("no proper production server, missing gunicorn"): the image ran {@code python
 * app/main.py}, so Flask's development server served production. Reported only when the image's
 * start command really runs the development server.
 */
@RuleSpec(
    id = "app/dev-server-in-production",
    severity = Severity.MEDIUM,
    kind = FindingKind.HARDENING,
    summary = "Container runs a development server",
    symptom =
        "one request at a time, no worker recovery, debug behaviour: latency and errors under load",
    fix =
        "Start the app under a production server (gunicorn, uvicorn workers, waitress, node without a watcher) in the image's CMD.",
    languages = {Language.PYTHON, Language.JAVASCRIPT})
public final class DevServerInProduction implements AppRule {

  @Override
  public void check(AppFacts app, RuleContext ctx) {
    for (Hazard h : app.hazards()) {
      if (!(h instanceof Hazard.DevServer dev)) {
        continue;
      }
      Stage.Command start = null;
      for (Dockerfile d : ctx.model().dockerfiles()) {
        if (ctx.model().appOf(d).map(app::equals).orElse(false) && d.finalStage().isPresent()) {
          Stage s = d.finalStage().get();
          start = s.entrypoint() != null ? s.entrypoint() : s.cmd();
          break;
        }
      }
      boolean fromCode = start == null || !h.location().path().equals(start.location().path());
      String message =
          fromCode && app.entrypoint() != null
              ? "the container starts " + app.entrypoint() + ", which serves with " + describe(dev)
              : "the container's start command runs " + describe(dev);
      var finding = ctx.report(h.location(), message).subject("app " + AppRules.name(app));
      if (fromCode && start != null) {
        finding.related(start.location(), "the image starts " + String.join(" ", start.argv()));
      }
    }
  }

  /**
   * "Flask's development server (app.run(...) with debug=True)" when the code starts it, "flask run
   * (Flask's development server)" when the start command does.
   */
  static String describe(Hazard.DevServer h) {
    String what =
        switch (h.tool()) {
          case FLASK -> "Flask's development server";
          case DJANGO -> "Django's development server";
          case FILE_WATCHER -> "restarts the process whenever a file changes; a development tool";
          case AUTO_RELOAD -> "auto-reload development mode";
        };
    return h.inCode()
        ? what + " (" + h.launch() + (h.debug() ? " with debug=True" : "") + ")"
        : h.launch() + " (" + what + ")";
  }
}
