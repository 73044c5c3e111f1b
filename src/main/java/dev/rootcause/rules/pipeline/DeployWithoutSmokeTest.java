package dev.rootcause.rules.pipeline;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.pipeline.Pipeline;
import dev.rootcause.model.pipeline.Pipeline.Step;
import dev.rootcause.model.pipeline.Pipeline.StepKind;
import dev.rootcause.rules.PipelineRule;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import java.util.List;

/**
 * Seed 004: a commit to main built, tested and deployed v2 in place; v2 failed every request and
 * nothing in the pipeline noticed. A deploy must be followed by a check that fails the pipeline
 * when the new release does not serve.
 */
@RuleSpec(
    id = "pipeline/deploy-without-smoke-test",
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Pipeline deploys to production and never checks that the release serves",
    symptom = "a broken release serves errors until a customer or an alert notices",
    fix =
        "After the deploy step, probe the service and fail the pipeline on errors (e.g. `rootcause verify --requests 20 --slo 'success=100%'` or `curl --fail --retry 5`).")
public final class DeployWithoutSmokeTest implements PipelineRule {

  @Override
  public void check(Pipeline pipeline, RuleContext ctx) {
    List<Step> steps = pipeline.stages().stream().flatMap(s -> s.steps().stream()).toList();
    int lastDeploy = -1;
    for (int i = 0; i < steps.size(); i++) {
      StepKind kind = steps.get(i).kind();
      if (kind == StepKind.DEPLOY || kind == StepKind.DEPLOY_WITH_ROLLBACK) {
        lastDeploy = i;
      }
    }
    if (lastDeploy < 0) {
      return;
    }
    boolean verified =
        steps.subList(lastDeploy + 1, steps.size()).stream()
            .anyMatch(s -> s.kind() == StepKind.VERIFY);
    if (verified) {
      return;
    }
    Step deploy = steps.get(lastDeploy);
    ctx.report(
            deploy.location(),
            "the "
                + pipeline.system()
                + " pipeline deploys ("
                + abbreviate(deploy.command())
                + ") and nothing after it checks the release")
        .subject(pipeline.path());
  }

  static String abbreviate(String command) {
    return command.length() <= 60 ? command : command.substring(0, 57) + "...";
  }
}
