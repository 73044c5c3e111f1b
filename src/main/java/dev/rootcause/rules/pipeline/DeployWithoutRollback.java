package dev.rootcause.rules.pipeline;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.pipeline.Pipeline;
import dev.rootcause.model.pipeline.Pipeline.Step;
import dev.rootcause.model.pipeline.Pipeline.StepKind;
import dev.rootcause.rules.PipelineRule;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import java.util.Optional;
import java.util.Set;

/**
 * Seed 004: v2 replaced v1 in place; restoring v1 was done by hand and took most of the six minutes
 * of downtime against an SLA of 20 minutes a year. A pipeline that deploys should be able to undo
 * its deploy without a human: helm --atomic, kubectl rollout undo on failure, or progressive
 * delivery (Argo Rollouts, Flagger) in the manifests.
 */
@RuleSpec(
    id = "pipeline/deploy-without-rollback",
    severity = Severity.MEDIUM,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Pipeline deploys in place with no automatic way back to the previous release",
    symptom =
        "a bad release stays up until someone rolls back by hand: minutes of downtime per incident",
    fix =
        "Roll back automatically when the post-deploy check fails (helm --atomic, `kubectl rollout undo` in a failure handler), or deliver progressively with Argo Rollouts or Flagger.")
public final class DeployWithoutRollback implements PipelineRule {
  private static final Set<String> PROGRESSIVE_KINDS = Set.of("Rollout", "Canary");

  @Override
  public void check(Pipeline pipeline, RuleContext ctx) {
    Optional<Step> deploy =
        pipeline.allSteps().filter(s -> s.kind() == StepKind.DEPLOY).findFirst();
    if (deploy.isEmpty()) {
      return;
    }
    boolean canUndo =
        pipeline
            .allSteps()
            .anyMatch(
                s -> s.kind() == StepKind.ROLLBACK || s.kind() == StepKind.DEPLOY_WITH_ROLLBACK);
    boolean progressive = PROGRESSIVE_KINDS.stream().anyMatch(ctx.model()::declaresAny);
    if (canUndo || progressive) {
      return;
    }
    ctx.report(
            deploy.get().location(),
            "the "
                + pipeline.system()
                + " pipeline deploys in place ("
                + DeployWithoutSmokeTest.abbreviate(deploy.get().command())
                + ") and has no rollback step or failure handler")
        .subject(pipeline.path());
  }
}
