package dev.rootcause.rules.pipeline;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.compose.ComposeService;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import dev.rootcause.rules.SystemRule;

/**
 * A compose service built from a folder with no Dockerfile in it (a renamed folder, a Dockerfile
 * kept elsewhere, a wrong {@code dockerfile:}) stops {@code docker compose up} before any service
 * starts. The path is resolved as compose does: the context from the compose file's folder, the
 * Dockerfile from the context.
 */
@RuleSpec(
    id = "pipeline/compose-build-without-dockerfile",
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "A compose service builds from a Dockerfile that does not exist",
    symptom =
        "docker compose up fails before starting anything: failed to read dockerfile: open Dockerfile: no such file or directory",
    fix =
        "Point the service's build at the folder that holds its Dockerfile, or name the file with `build.dockerfile`.")
public final class ComposeBuildWithoutDockerfile implements SystemRule {

  @Override
  public void check(RuleContext ctx) {
    for (ComposeService service : ctx.model().composeServices()) {
      ComposeService.Build build = service.build();
      if (build == null || build.dockerfileExists()) {
        continue;
      }
      ctx.report(
              build.location(),
              "compose service "
                  + service.name()
                  + " builds from "
                  + build.context()
                  + ", but "
                  + build.dockerfile()
                  + " does not exist")
          .subject(service.file())
          .fix(
              "Set `build:` of "
                  + service.name()
                  + " to the folder holding its Dockerfile, or"
                  + " `build.dockerfile` to the file's path relative to "
                  + build.context()
                  + ".");
    }
  }
}
