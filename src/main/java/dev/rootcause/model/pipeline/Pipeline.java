package dev.rootcause.model.pipeline;

import dev.rootcause.model.SourceLocation;
import java.util.List;
import java.util.stream.Stream;

/**
 * A delivery pipeline (a Jenkinsfile, a GitHub Actions workflow, a GitLab CI file, a deploy script,
 * a Makefile) as the ordered steps it runs, each classified by what it does to production. Rules
 * reason about the order: what follows a deploy, and what runs when it fails.
 */
public record Pipeline(
    String path,
    String system,
    List<Stage> stages,
    List<ContainerRun> runs,
    List<HttpCheck> checks,
    List<PortForward> forwards)
    implements java.io.Serializable {

  public Pipeline {
    stages = List.copyOf(stages);
    runs = List.copyOf(runs);
    checks = List.copyOf(checks);
    forwards = List.copyOf(forwards);
  }

  /** A pipeline that opens no port-forwards. */
  public Pipeline(
      String path,
      String system,
      List<Stage> stages,
      List<ContainerRun> runs,
      List<HttpCheck> checks) {
    this(path, system, stages, runs, checks, List.of());
  }

  /** A pipeline that starts no containers and makes no HTTP checks itself. */
  public Pipeline(String path, String system, List<Stage> stages) {
    this(path, system, stages, List.of(), List.of(), List.of());
  }

  /**
   * A stage (Jenkins), job (Actions, GitLab), script or make target: its steps in order, and those
   * run on failure.
   */
  public record Stage(String name, SourceLocation location, List<Step> steps, List<Step> onFailure)
      implements java.io.Serializable {
    public Stage {
      steps = List.copyOf(steps);
      onFailure = List.copyOf(onFailure);
    }
  }

  /** One command line (or action) and what it does. */
  public record Step(String command, StepKind kind, SourceLocation location)
      implements java.io.Serializable {}

  /** What a step does, as far as its command tells. */
  public enum StepKind {
    /** Changes what production runs: kubectl apply, helm upgrade, ssh + restart, scp to a host. */
    DEPLOY,
    /**
     * Checks the deployed service: a failing curl, kubectl rollout status, helm --wait, smoke
     * tests.
     */
    VERIFY,
    /** Deploys and rolls back by itself on failure: helm --atomic. */
    DEPLOY_WITH_ROLLBACK,
    /** Restores the previous release: kubectl rollout undo, helm rollback. */
    ROLLBACK,
    /** Anything else: builds, tests, notifications. */
    OTHER
  }

  /** Every step in order, failure handlers after each stage's own steps. */
  public Stream<Step> allSteps() {
    return stages.stream().flatMap(s -> Stream.concat(s.steps().stream(), s.onFailure().stream()));
  }
}
