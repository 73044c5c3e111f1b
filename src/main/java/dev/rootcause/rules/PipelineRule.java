package dev.rootcause.rules;

import dev.rootcause.model.pipeline.Pipeline;

/** A rule asked once for each delivery pipeline (Jenkinsfile, Actions workflow, GitLab CI). */
public non-sealed interface PipelineRule extends Rule {
  void check(Pipeline pipeline, RuleContext ctx);
}
