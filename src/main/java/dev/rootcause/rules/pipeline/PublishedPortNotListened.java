package dev.rootcause.rules.pipeline;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.app.AppFacts;
import dev.rootcause.model.pipeline.ContainerRun;
import dev.rootcause.model.pipeline.ContainerRun.PublishedPort;
import dev.rootcause.model.pipeline.Pipeline;
import dev.rootcause.rules.PipelineRule;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code docker run -p 8080:80 shop-api} forwards the host's 8080 to the container's 80; when the
 * app inside listens on 8080, Docker accepts the connection and finds nothing behind it. The run's
 * image is joined to the Dockerfile that builds it in the repository, and that Dockerfile to its
 * code; the port the code listens on (through {@code -e}, then the image's ENV, then the code's
 * default) must be among the published container ports.
 */
@RuleSpec(
    id = "pipeline/published-port-not-listened",
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "docker run publishes a container port the app does not listen on",
    symptom =
        "requests to the published host port fail: curl: (56) Recv failure: Connection reset by peer, or an empty reply",
    fix =
        "Publish the port the app listens on (`-p HOST:APP_PORT`), or make the app listen on the published container port.")
public final class PublishedPortNotListened implements PipelineRule {

  @Override
  public void check(Pipeline pipeline, RuleContext ctx) {
    for (ContainerRun run : pipeline.runs()) {
      if (run.ports().isEmpty() || run.hostNetwork()) {
        continue;
      }
      Optional<RunApps.RunApp> app = RunApps.of(ctx.model(), run);
      Optional<Integer> port = app.flatMap(a -> RunApps.listenPort(a, run));
      if (port.isEmpty()) {
        continue; // several ports, or one we cannot know: unknown is not wrong
      }
      int listens = port.get();
      if (run.ports().stream().anyMatch(p -> p.containerPort() == listens)) {
        continue;
      }
      String published =
          run.ports().stream().map(PublishedPort::written).collect(Collectors.joining(", "));
      PublishedPort first = run.ports().get(0);
      String host = first.hostPort() == 0 ? "" : first.hostPort() + ":";
      AppFacts.ListenPort where = app.get().app().listens().get(0);
      ctx.report(
              run.location(),
              "docker run publishes "
                  + published
                  + " for "
                  + run.image().nameAndTag()
                  + ", but the app in it listens on "
                  + listens)
          .related(where.location(), "the app listens on " + listens)
          .subject(pipeline.path())
          .fix(
              "Publish the app's port: `-p "
                  + host
                  + listens
                  + "` instead of `-p "
                  + first.written()
                  + "`.");
    }
  }
}
