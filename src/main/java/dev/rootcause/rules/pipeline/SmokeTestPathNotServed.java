package dev.rootcause.rules.pipeline;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.app.AppFacts;
import dev.rootcause.model.app.RoutePatterns;
import dev.rootcause.model.pipeline.ContainerRun;
import dev.rootcause.model.pipeline.HttpCheck;
import dev.rootcause.model.pipeline.Pipeline;
import dev.rootcause.rules.PipelineRule;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import java.util.Optional;

/**
 * A smoke test that curls a path the app does not serve fails every release, good or bad, so teams
 * learn to ignore or delete it. The check's {@code localhost:PORT} is joined to the {@code docker
 * run} of the same pipeline that publishes that port, and through its image to the app's routes.
 */
@RuleSpec(
    id = "pipeline/smoke-test-path-not-served",
    severity = Severity.MEDIUM,
    kind = FindingKind.ROOT_CAUSE,
    summary = "A smoke test checks a path the app it starts does not serve",
    symptom =
        "the smoke test gets 404 on every release: curl: (22) The requested URL returned error: 404",
    fix = "Check a path the app serves (its health route), or add that route to the app.")
public final class SmokeTestPathNotServed implements PipelineRule {
  @Override
  public void check(Pipeline pipeline, RuleContext ctx) {
    for (HttpCheck check : pipeline.checks()) {
      if (!RunApps.LOCAL_HOSTS.contains(check.host())) {
        continue;
      }
      Optional<ContainerRun> run =
          pipeline.runs().stream()
              .filter(
                  r ->
                      !r.hostNetwork()
                          && r.ports().stream().anyMatch(p -> p.hostPort() == check.port()))
              .findFirst();
      Optional<AppFacts> app =
          run.flatMap(r -> RunApps.of(ctx.model(), r)).map(RunApps.RunApp::app);
      if (app.isEmpty() || app.get().routes().isEmpty()) {
        continue;
      }
      String path = RoutePatterns.withoutQuery(check.path());
      boolean served =
          app.get().routes().stream()
              .anyMatch(
                  r ->
                      RoutePatterns.isCatchAll(r.path())
                          || RoutePatterns.matches(r.path(), path, app.get().language()));
      if (served) {
        continue;
      }
      AppFacts.Route first = app.get().routes().get(0);
      var finding =
          ctx.report(
                  check.location(),
                  "the smoke test requests "
                      + path
                      + " on port "
                      + check.port()
                      + ", but the app in "
                      + run.get().image().nameAndTag()
                      + " serves no such route")
              .subject(pipeline.path());
      app.get().routes().stream()
          .limit(3)
          .forEach(r -> finding.related(r.location(), "the app serves " + r.path()));
      app.get().routes().stream()
          .filter(r -> r.path().contains("health"))
          .findFirst()
          .or(() -> Optional.of(first))
          .ifPresent(
              r ->
                  finding.fix(
                      "Request a served path, e.g. `"
                          + r.path()
                          + "`, instead of `"
                          + path
                          + "`."));
    }
  }
}
