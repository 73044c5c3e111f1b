package dev.rootcause.rules.docker;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.SourceLocation;
import dev.rootcause.model.docker.Dockerfile;
import dev.rootcause.model.docker.PackageInstall;
import dev.rootcause.model.docker.PythonInstalls;
import dev.rootcause.model.docker.Stage;
import dev.rootcause.rules.DockerfileRule;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import java.util.Map;

/**
 * Packages sit in root's user site ({@code pip install --user}), and the image runs as another
 * user.
 */
@RuleSpec(
    id = "docker/user-site-of-root",
    severity = Severity.CRITICAL,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Python packages are in /root/.local, but the container runs as a non-root USER",
    symptom =
        "container exits at once with ModuleNotFoundError: No module named 'flask', or"
            + " exec: \"gunicorn\": executable file not found in $PATH; CrashLoopBackOff",
    fix =
        "Install into a virtualenv (python -m venv /opt/venv, PATH=/opt/venv/bin:$PATH) the"
            + " runtime user can read, or pip install without --user before switching USER.")
public final class UserSiteOfRoot implements DockerfileRule {
  private static final String USER_SITE = "/root/.local";

  @Override
  public void check(Dockerfile dockerfile, RuleContext ctx) {
    Stage last = dockerfile.finalStage().orElse(null);
    Stage.User user = last == null ? null : last.effectiveUser().orElse(null);
    if (user == null || user.isRoot() || !PythonInstalls.started(dockerfile, last)) {
      return;
    }
    SourceLocation placed = null;
    String how = null;
    for (Map.Entry<PackageInstall, String> e :
        PythonInstalls.targets(dockerfile, last).entrySet()) {
      if (USER_SITE.equals(e.getValue())) {
        placed = e.getKey().location();
        how = e.getKey().command() + " --user";
      }
    }
    for (Stage s : dockerfile.lineage(last)) {
      for (Stage.Copy c : s.copies()) {
        if (c.from() != null && USER_SITE.equals(c.destinationPath())) {
          placed = c.location();
          how = "COPY --from=" + c.from() + " to " + USER_SITE;
        }
      }
    }
    if (placed == null) {
      return;
    }
    ctx.report(
            user.location(),
            "USER "
                + user.user()
                + " runs the app, but "
                + how
                + " (line "
                + placed.line()
                + ") put the packages in "
                + USER_SITE
                + ", root's user site: Python looks in the"
                + " user's own home, and /root is closed to other users")
        .related(placed, how + " puts the packages in " + USER_SITE)
        .fix(
            "Install into a virtualenv the user can read (RUN python -m venv /opt/venv, ENV"
                + " PATH=/opt/venv/bin:$PATH, then pip install without --user), or copy the packages"
                + " to the user's own ~/.local with --chown="
                + user.user()
                + ".");
  }
}
