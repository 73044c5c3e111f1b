package dev.rootcause.rules.pipeline;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.pipeline.ContainerRun;
import dev.rootcause.model.pipeline.ContainerRun.PublishedPort;
import dev.rootcause.model.pipeline.HttpCheck;
import dev.rootcause.model.pipeline.Pipeline;
import dev.rootcause.model.pipeline.PortForward;
import dev.rootcause.rules.PipelineRule;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * A smoke test that curls {@code localhost:8080} after {@code docker run -p 8081:8080} or {@code
 * kubectl port-forward svc/api 9090:80} reaches nothing: connection refused on every release, good
 * or bad. Judged only when the pipeline's own runs and port-forwards are the way in: a pipeline
 * that also starts a process in the background, brings up compose, picks ports at random or runs on
 * the host network may serve the port another way, and is left alone.
 */
@RuleSpec(
    id = "pipeline/smoke-test-port-not-published",
    severity = Severity.MEDIUM,
    kind = FindingKind.ROOT_CAUSE,
    summary = "A smoke test checks a local port that nothing in the pipeline publishes",
    symptom =
        "the smoke test fails on every release: curl: (7) Failed to connect to localhost port N: Connection refused",
    fix = "Request the host port the pipeline publishes, or publish the port the test requests.")
public final class SmokeTestPortNotPublished implements PipelineRule {
  @Override
  public void check(Pipeline pipeline, RuleContext ctx) {
    if (!judgeable(pipeline)) {
      return;
    }
    for (HttpCheck check : pipeline.checks()) {
      if (!RunApps.LOCAL_HOSTS.contains(check.host()) || published(pipeline, check.port())) {
        continue;
      }
      List<String> ways = new ArrayList<>();
      String fixPort = null;
      for (ContainerRun run : pipeline.runs()) {
        for (PublishedPort p : run.ports()) {
          ways.add("-p " + p.written() + " (" + run.image().nameAndTag() + ")");
          if (p.containerPort() == check.port() || fixPort == null) {
            fixPort = String.valueOf(p.hostPort());
          }
        }
      }
      for (PortForward f : pipeline.forwards()) {
        ways.add("port-forward " + f.target() + " " + f.localPort() + ":" + f.remotePort());
        if (f.remotePort() == check.port() || fixPort == null) {
          fixPort = String.valueOf(f.localPort());
        }
      }
      var finding =
          ctx.report(
                  check.location(),
                  "the smoke test requests "
                      + check.host()
                      + ":"
                      + check.port()
                      + ", but nothing in this pipeline publishes port "
                      + check.port()
                      + "; it publishes "
                      + String.join(", ", ways))
              .subject(pipeline.path());
      pipeline.runs().forEach(r -> finding.related(r.location(), "docker run"));
      pipeline.forwards().forEach(f -> finding.related(f.location(), "kubectl port-forward"));
      finding.fix(
          "Request "
              + check.host()
              + ":"
              + fixPort
              + check.path()
              + " (the port the pipeline publishes), or publish "
              + check.port()
              + ".");
    }
  }

  private static boolean published(Pipeline pipeline, int port) {
    return pipeline.runs().stream()
            .flatMap(r -> r.ports().stream())
            .anyMatch(p -> p.hostPort() == port)
        || pipeline.forwards().stream().anyMatch(f -> f.localPort() == port);
  }

  /**
   * Whether the pipeline's runs and port-forwards are all that can serve a local port: at least
   * one, every host port known, and nothing started another way.
   */
  private static boolean judgeable(Pipeline pipeline) {
    if (pipeline.runs().isEmpty() && pipeline.forwards().isEmpty()) {
      return false;
    }
    if (pipeline.runs().stream()
            .anyMatch(r -> r.hostNetwork() || r.ports().stream().anyMatch(p -> p.hostPort() == 0))
        || pipeline.forwards().stream().anyMatch(f -> f.localPort() == 0)) {
      return false;
    }
    return pipeline
        .allSteps()
        .map(Pipeline.Step::command)
        .noneMatch(SmokeTestPortNotPublished::servesAnotherWay);
  }

  /** A background process, compose, ssh tunnels or random publishing: ports we do not see. */
  private static boolean servesAnotherWay(String command) {
    String c = command.strip();
    boolean background =
        c.endsWith("&")
            && !c.endsWith("&&")
            && !c.contains("port-forward")
            && !c.contains("docker run");
    return background
        || c.contains("nohup ")
        || c.contains("compose up")
        || c.contains("docker-compose")
        || c.contains(" -P ")
        || c.contains("--publish-all")
        || c.contains("ssh -L")
        || c.contains("minikube service");
  }
}
